extension TaskAssignment {
    /// The REQUEST body assigning one attempt, with `specJSON` (the spec as
    /// `JSONWire.encodeBytes` wrote it) in place: it decodes to
    /// `TaskAssignment(taskID:attempt:spec:timeoutSeconds:)` with that spec, and is the
    /// same bytes `JSONWire.encode` writes for that assignment.
    public static func body(
        taskID: String, attempt: Int, specJSON: [UInt8], timeoutSeconds: Double, continuation: TaskContinuation? = nil
    ) -> Frame {
        var writer = JSONBodyWriter(capacity: specJSON.count + 96 + taskID.utf8.count)
        writer.beginObject()
        writer.member("attempt", attempt)
        if let continuation {
            writer.key("continuation")
            writer.raw(JSONWire.encodeBytes(continuation))
        }
        writer.member("kind", TaskAssignment.kind)
        writer.key("spec")
        writer.raw(specJSON)
        writer.member("task_id", taskID)
        writer.member("timeout_seconds", timeoutSeconds)
        writer.member("v", JSONWire.version)
        writer.endObject()
        return Frame(writer.bytes)
    }
}
