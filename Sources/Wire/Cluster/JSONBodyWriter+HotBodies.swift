import Foundation

// The bodies the broker writes for every task, by hand (see `JSONBodyWriter`). Each writes
// exactly what its `Encodable` conformance writes through `JSONWire`, keys sorted.

extension TaskSpec {
    func writeJSON(into writer: inout JSONBodyWriter) {
        writer.beginObject()
        if let claude {
            writer.key("claude")
            writer.raw(JSONWire.encodeBytes(claude))
        }
        writer.member("description", description)
        writer.member("idempotency_key", idempotencyKey)
        writer.member("issue_url", issueURL)
        writer.key("labels")
        writer.strings(labels)
        writer.member("max_attempts", maxAttempts)
        writer.key("metadata")
        writer.stringMap(metadata)
        writer.member("parent", parent)
        writer.member("priority", priority.rawValue)
        writer.member("repository", repository)
        writer.key("requirements")
        writer.strings(requirements)
        writer.member("source", source.rawValue)
        writer.member("target", target)
        writer.member("timeout_seconds", timeoutSeconds)
        writer.member("title", title)
        writer.member("type", type)
        writer.endObject()
    }
}

extension TaskResult {
    func writeJSON(into writer: inout JSONBodyWriter) {
        writer.beginObject()
        writer.member("branch", branch)
        writer.key("changed_files")
        writer.bool(changedFiles)
        writer.member("cost_usd", costUSD)
        writer.member("duration_ms", durationMs)
        writer.member("ending", ending?.rawValue)
        writer.member("error", error)
        writer.member("exit_status", exitStatus.map(Int.init))
        writer.member("model", model)
        writer.member("outcome", outcome.rawValue)
        if let permissionDenials {
            writer.key("permission_denials")
            writer.strings(permissionDenials)
        }
        writer.member("pr_url", pullRequestURL)
        writer.member("session_id", sessionID)
        writer.member("summary", summary)
        writer.member("transcript", transcript)
        writer.member("turns", turns)
        if let usage {
            writer.key("usage")
            writer.raw(JSONWire.encodeBytes(usage))
        }
        if let usageLimit {
            writer.key("usage_limit")
            writer.raw(JSONWire.encodeBytes(usageLimit))
        }
        writer.endObject()
    }
}

extension TaskRecord {
    /// The record with `specJSON` (this record's spec, already encoded) in its place.
    func writeJSON(into writer: inout JSONBodyWriter, specJSON: [UInt8]) {
        writer.beginObject()
        writer.member("agent", agent)
        writer.member("attempts", attempts)
        writer.member("created_at", createdAt)
        writer.member("error", error)
        writer.member("finished_at", finishedAt)
        writer.member("id", id)
        writer.member("max_attempts", maxAttempts)
        writer.member("not_before", notBefore)
        if let result {
            writer.key("result")
            result.writeJSON(into: &writer)
        }
        writer.key("spec")
        writer.raw(specJSON)
        writer.member("specialty", specialty)
        writer.member("started_at", startedAt)
        writer.member("state", state.rawValue)
        writer.member("total_cost_usd", totalCostUSD)
        if let totalUsage {
            writer.key("total_usage")
            writer.raw(JSONWire.encodeBytes(totalUsage))
        }
        writer.member("updated_at", updatedAt)
        writer.endObject()
    }
}

extension BusRequest where Payload == TaskSpec {
    func writeJSON(into writer: inout JSONBodyWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.key("payload")
        payload.writeJSON(into: &writer)
        writer.member("v", v)
        writer.endObject()
    }
}

extension TaskCompletion {
    func writeJSON(into writer: inout JSONBodyWriter) {
        writer.beginObject()
        writer.member("agent", agent)
        writer.member("attempt", attempt)
        writer.key("result")
        result.writeJSON(into: &writer)
        writer.member("task_id", taskID)
        writer.member("v", v)
        writer.endObject()
    }
}

extension JSONWire {
    /// `value` written by hand if it is one of the hot bodies, for generic callers (a
    /// client's submit, an agent's FINAL, a journal row) that the concrete overloads do
    /// not reach; nil, at the cost of a few type comparisons, for every other body.
    static func encodeHotBody<Value>(_ value: Value) -> [UInt8]? {
        let type = Value.self as Any.Type
        if type == BusRequest<TaskSpec>.self, let request = value as? BusRequest<TaskSpec> {
            var writer = JSONBodyWriter(capacity: 224 + request.payload.description.utf8.count)
            request.writeJSON(into: &writer)
            return writer.bytes
        }
        if type == TaskCompletion.self, let completion = value as? TaskCompletion {
            var writer = JSONBodyWriter(capacity: 192 + (completion.result.transcript?.utf8.count ?? 0))
            completion.writeJSON(into: &writer)
            return writer.bytes
        }
        if type == TaskSpec.self, let spec = value as? TaskSpec { return encodeBytes(spec) }
        if type == TaskResult.self, let result = value as? TaskResult { return encodeBytes(result) }
        if type == TaskRecord.self, let record = value as? TaskRecord { return encodeBytes(record) }
        return nil
    }

    /// `spec` as JSON, written by hand: the same bytes as the generic `encodeBytes`.
    public static func encodeBytes(_ spec: TaskSpec) -> [UInt8] {
        var writer = JSONBodyWriter(capacity: 192 + spec.description.utf8.count)
        spec.writeJSON(into: &writer)
        return writer.bytes
    }

    /// `result` as JSON, written by hand: the same bytes as the generic `encodeBytes`.
    public static func encodeBytes(_ result: TaskResult) -> [UInt8] {
        var writer = JSONBodyWriter(capacity: 128 + (result.transcript?.utf8.count ?? 0))
        result.writeJSON(into: &writer)
        return writer.bytes
    }

    /// `record` as JSON, written by hand: the same bytes as the generic `encodeBytes`.
    public static func encodeBytes(_ record: TaskRecord) -> [UInt8] {
        EncodedTaskRecord(record).json
    }
}
