/// A position in the newest-first task list: the (created_at, id) of the last task shown.
///
/// Keyset pagination: the next page is the tasks strictly before this key, so tasks added
/// or changed between pages never shift it into duplicates or gaps. It travels as an
/// opaque string (`description` / `init?(_:)`) in query parameters and bus messages.
struct TaskCursor: Sendable, Hashable, Codable, LosslessStringConvertible {
    /// The stored `created_at` of the last task shown (seconds since the reference date).
    var createdAt: Double
    /// The id of the last task shown, which breaks ties between equal times.
    var taskID: String

    init(createdAt: Double, taskID: String) {
        self.createdAt = createdAt
        self.taskID = taskID
    }

    /// The cursor as `<created_at bit pattern in hex>.<task id>`: exact, and URL-safe
    /// whenever the task id is.
    var description: String {
        String(createdAt.bitPattern, radix: 16) + "." + taskID
    }

    /// Parses a cursor string, or returns nil when it is not one.
    init?(_ description: String) {
        guard let dot = description.firstIndex(of: "."),
              let bits = UInt64(description[..<dot], radix: 16)
        else { return nil }
        let createdAt = Double(bitPattern: bits)
        let taskID = String(description[description.index(after: dot)...])
        guard createdAt.isFinite, !taskID.isEmpty else { return nil }
        self.init(createdAt: createdAt, taskID: taskID)
    }

    /// Decodes a cursor from its string form.
    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let cursor = TaskCursor(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a task cursor: \(text)"))
        }
        self = cursor
    }

    /// Encodes the cursor as its string form.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
