extension BusReply where Result == TaskRecord {
    /// The body of a successful reply carrying `task`, built around its already-encoded
    /// JSON: it decodes to `BusReply.success(id: id, task.record)`.
    package static func successBody(id: String, _ task: EncodedTaskRecord) -> Frame {
        var writer = JSONBodyWriter(capacity: task.json.count + id.utf8.count + 40)
        writer.beginObject()
        writer.member("id", id)
        writer.key("ok")
        writer.bool(true)
        writer.key("result")
        writer.raw(task.json)
        writer.member("v", JSONWire.version)
        writer.endObject()
        return Frame(writer.bytes)
    }
}
