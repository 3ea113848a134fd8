extension TaskAssignment {
    /// The REQUEST body assigning one attempt, with `specJSON` (the spec as
    /// `JSONWire.encodeBytes` wrote it) spliced in: it decodes to
    /// `TaskAssignment(taskID:attempt:spec:timeoutSeconds:)` with that spec.
    public static func body(taskID: String, attempt: Int, specJSON: [UInt8], timeoutSeconds: Double) -> Frame {
        let fields = AssignmentFields(taskID: taskID, attempt: attempt, timeoutSeconds: timeoutSeconds)
        return Frame(JSONWire.inserting(key: "spec", value: specJSON, into: JSONWire.encodeBytes(fields)))
    }
}

/// A `TaskAssignment` without its spec, for splicing.
private struct AssignmentFields: Encodable {
    var taskID: String
    var attempt: Int
    var timeoutSeconds: Double

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TaskAssignment.CodingKeys.self)
        try container.encode(JSONWire.version, forKey: .v)
        try container.encode(TaskAssignment.kind, forKey: .kind)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(timeoutSeconds, forKey: .timeoutSeconds)
    }
}
