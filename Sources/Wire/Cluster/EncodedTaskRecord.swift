/// A task record together with its JSON body (as `JSONWire` encodes a `TaskRecord`).
///
/// The broker encodes each change of a task once and uses the same bytes for the journal
/// row, the `task.state` event and the submit reply; the spec inside is encoded once per
/// task (`specJSON`) and spliced in. Before this, JSON encoding of the same record took
/// most of the broker thread's time at a few thousand tasks per second.
package struct EncodedTaskRecord: Sendable, Hashable {
    /// The record.
    package let record: TaskRecord
    /// `record` as JSON: decodes (`JSONWire.decode(TaskRecord.self, …)`) to a record equal
    /// to `record`, with dates kept to the millisecond like every body on the bus. The
    /// same bytes `JSONEncoder` writes with `JSONWire`'s configuration, written by hand
    /// (`JSONBodyWriter`).
    package let json: [UInt8]

    /// Encodes `record`, splicing in `specJSON`, which must be `JSONWire.encodeBytes(record.spec)`.
    package init(_ record: TaskRecord, specJSON: [UInt8]) {
        self.record = record
        var writer = JSONBodyWriter(capacity: specJSON.count + 320 + (record.result?.transcript?.utf8.count ?? 0))
        record.writeJSON(into: &writer, specJSON: specJSON)
        json = writer.bytes
    }

    /// Encodes `record`, spec and all.
    package init(_ record: TaskRecord) {
        self.init(record, specJSON: JSONWire.encodeBytes(record.spec))
    }

    /// The JSON as one frame.
    package var frame: Frame { Frame(json) }

    // The bytes follow from the record, so equality and hashing look at the record alone.
    package static func == (lhs: EncodedTaskRecord, rhs: EncodedTaskRecord) -> Bool { lhs.record == rhs.record }
    package func hash(into hasher: inout Hasher) { hasher.combine(record) }
}
