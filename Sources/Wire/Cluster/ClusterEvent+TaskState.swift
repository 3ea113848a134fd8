import Foundation

extension ClusterEvent {
    /// The `task.state` event for `task`, built around its already-encoded JSON: it
    /// decodes to `ClusterEvent(at: at, payload: .taskState(task.record, previous: previous))`.
    ///
    /// The members around the record are written directly: a date as `formatDate` writes
    /// it, a fixed kind and a `TaskState` raw value are plain ASCII that JSON never escapes.
    package static func taskStateMessage(_ task: EncodedTaskRecord, previous: TaskState?, at: Date) -> PublishedMessage {
        var head = #"{"at":""# + JSONWire.formatDate(at) + #"","kind":"task.state","#
        if let previous { head += #""previous_state":""# + previous.rawValue + #"","# }
        head += #""task":"#
        var body: [UInt8] = []
        body.reserveCapacity(head.utf8.count + task.json.count + 8)
        body.append(contentsOf: head.utf8)
        body.append(contentsOf: task.json)
        body.append(contentsOf: #","v":1}"#.utf8)
        return PublishedMessage(topic: Topic.task(task.record.id), body: Frame(body))
    }
}
