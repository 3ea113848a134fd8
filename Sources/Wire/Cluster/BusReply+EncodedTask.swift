extension BusReply where Result == TaskRecord {
    /// The body of a successful reply carrying `task`, built around its already-encoded
    /// JSON: it decodes to `BusReply.success(id: id, task.record)`.
    public static func successBody(id: String, _ task: EncodedTaskRecord) -> Frame {
        var body: [UInt8] = []
        body.reserveCapacity(task.json.count + id.utf8.count + 40)
        body.append(contentsOf: #"{"id":"#.utf8)
        body.append(contentsOf: JSONWire.encodeBytes(id))
        body.append(contentsOf: #","ok":true,"result":"#.utf8)
        body.append(contentsOf: task.json)
        body.append(contentsOf: #","v":1}"#.utf8)
        return Frame(body)
    }
}
