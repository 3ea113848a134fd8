extension TaskRecord {
    /// Writes the record with the same keys the synthesized conformance would; split in
    /// two so `EncodedTaskRecord` can write everything but the spec and splice in the
    /// spec's bytes, encoded once per task.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spec, forKey: .spec)
        try encodeFields(into: &container)
    }

    /// Every member but `spec`.
    func encodeFields(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encode(id, forKey: .id)
        try container.encode(state, forKey: .state)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(maxAttempts, forKey: .maxAttempts)
        try container.encodeIfPresent(agent, forKey: .agent)
        try container.encodeIfPresent(specialty, forKey: .specialty)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(finishedAt, forKey: .finishedAt)
        try container.encodeIfPresent(notBefore, forKey: .notBefore)
        try container.encodeIfPresent(result, forKey: .result)
        try container.encodeIfPresent(error, forKey: .error)
    }
}

/// A `TaskRecord` without its spec, for splicing (see `EncodedTaskRecord`).
struct TaskRecordFields: Encodable {
    let record: TaskRecord

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TaskRecord.CodingKeys.self)
        try record.encodeFields(into: &container)
    }
}
