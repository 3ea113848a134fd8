import Foundation

// The bodies read for every task, by hand (see `JSONBodyReader`): by the broker, a submit
// (`BusRequest<TaskSpec>`) and an agent's FINAL (`TaskCompletion`); by clients and the
// bridge, the reply with the task (`BusReply<TaskRecord>`). Each returns nil unless it
// read exactly what `JSONDecoder` would, so `JSONWire.decode` can fall back.
//
// In each reader, a member's case number is its place in the type's `members` list; an
// optional member may be `null`, which `decodeIfPresent` treats as absent. The reader skips
// names it does not know, so each `members` list must name every one of the type's
// `CodingKeys`: HotBodyParityTests fails on any it leaves out.

extension JSONWire {
    /// `type` read from `bytes` by hand, or nil if `type` has no hand-written reader or
    /// the body is not in the plain shape that reader accepts.
    static func decodeHotBody<Value>(_ type: Value.Type, from bytes: [UInt8]) -> Value? {
        let type = type as Any.Type
        if type == TaskCompletion.self { return JSONBodyReader.read(bytes, TaskCompletion.init(reading:)) as? Value }
        if type == BusRequest<TaskSpec>.self { return JSONBodyReader.read(bytes, BusRequest<TaskSpec>.init(reading:)) as? Value }
        if type == TaskSpec.self { return JSONBodyReader.read(bytes, TaskSpec.init(reading:)) as? Value }
        if type == TaskResult.self { return JSONBodyReader.read(bytes, TaskResult.init(reading:)) as? Value }
        if type == BusReply<TaskRecord>.self { return JSONBodyReader.read(bytes, BusReply<TaskRecord>.init(reading:)) as? Value }
        if type == TaskRecord.self { return JSONBodyReader.read(bytes, TaskRecord.init(reading:)) as? Value }
        return nil
    }
}

extension TaskSpec {
    static let members: [StaticString] = [
        "title", "description", "type", "priority", "requirements", "labels", "target", "repository", "issue_url",
        "source", "idempotency_key", "timeout_seconds", "max_attempts", "metadata", "parent", "claude",
    ]

    init?(reading reader: inout JSONBodyReader) {
        var title: String?, description: String?, type: String?, priority: TaskPriority?
        var requirements: [String]?, labels: [String]?, target: String?, repository: String?, issueURL: String?
        var source: TaskSource?, idempotencyKey: String?, timeoutSeconds: Double?, maxAttempts: Int?, metadata: [String: String]?
        var parent: String?, claude: ClaudeOverrides?
        let read = reader.readObject(Self.members) { reader, member in
            switch member {
            case 0: take(reader.optionalString(), into: &title)
            case 1: take(reader.optionalString(), into: &description)
            case 2: take(reader.optionalString(), into: &type)
            case 3: take(reader.optionalRawValue(TaskPriority.self), into: &priority)
            case 4: take(reader.optionalStrings(), into: &requirements)
            case 5: take(reader.optionalStrings(), into: &labels)
            case 6: take(reader.optionalString(), into: &target)
            case 7: take(reader.optionalString(), into: &repository)
            case 8: take(reader.optionalString(), into: &issueURL)
            case 9: take(reader.optionalRawValue(TaskSource.self), into: &source)
            case 10: take(reader.optionalString(), into: &idempotencyKey)
            case 11: take(reader.optionalDouble(), into: &timeoutSeconds)
            case 12: take(reader.optionalInt(), into: &maxAttempts)
            case 13: take(reader.optionalStringMap(), into: &metadata)
            case 14: take(reader.optionalString(), into: &parent)
            default: take(reader.optional { ClaudeOverrides(reading: &$0) }, into: &claude)
            }
        }
        // A spec with neither title nor description is an error, worded by JSONDecoder.
        guard read, title != nil || description != nil else { return nil }
        self.init(
            lenientTitle: title, description: description, type: type, priority: priority, requirements: requirements,
            labels: labels, target: target, repository: repository, issueURL: issueURL, source: source,
            idempotencyKey: idempotencyKey, timeoutSeconds: timeoutSeconds, maxAttempts: maxAttempts, metadata: metadata,
            parent: parent, claude: claude)
    }
}

extension JSONBodyReader {
    // Generic types cannot hold a static stored list, and a computed one would be built per body.
    static let busRequestMembers: [StaticString] = ["v", "id", "payload"]
    /// A failed reply (`error`) is left to JSONDecoder, so its member is not read here.
    static let busReplyMembers: [StaticString] = ["v", "id", "ok", "result"]
}

extension BusRequest where Payload == TaskSpec {
    init?(reading reader: inout JSONBodyReader) {
        var v: Int?, id: String?, payload: TaskSpec?
        let read = reader.readObject(JSONBodyReader.busRequestMembers) { reader, member in
            switch member {
            case 0: take(required: reader.int(), into: &v)
            case 1: take(required: reader.string(), into: &id)
            default: take(required: TaskSpec(reading: &reader), into: &payload)
            }
        }
        guard read, let v, let id, let payload else { return nil }
        self.init(id: id, payload: payload)
        self.v = v
    }
}

extension TaskResult {
    static let members: [StaticString] = [
        "outcome", "summary", "changed_files", "pr_url", "branch", "cost_usd", "duration_ms", "turns", "session_id",
        "exit_status", "error", "transcript", "ending", "model", "usage_limit", "usage", "permission_denials",
    ]

    init?(reading reader: inout JSONBodyReader) {
        var outcome: Outcome?, summary: String?, changedFiles: Bool?
        var pullRequestURL: String?, branch: String?, costUSD: Double?, durationMs: Int?, turns: Int?
        var sessionID: String?, exitStatus: Int?, error: String?, transcript: String?
        var ending: RunEnding?, model: String?, permissionDenials: [String]?, usageLimit: UsageLimit?, usage: TokenUsage?
        let read = reader.readObject(Self.members) { reader, member in
            switch member {
            case 0: take(required: reader.rawValue(Outcome.self), into: &outcome)
            case 1: take(required: reader.string(), into: &summary)
            case 2: take(required: reader.bool(), into: &changedFiles)
            case 3: take(reader.optionalString(), into: &pullRequestURL)
            case 4: take(reader.optionalString(), into: &branch)
            case 5: take(reader.optionalDouble(), into: &costUSD)
            case 6: take(reader.optionalInt(), into: &durationMs)
            case 7: take(reader.optionalInt(), into: &turns)
            case 8: take(reader.optionalString(), into: &sessionID)
            case 9: take(reader.optionalInt(), into: &exitStatus)
            case 10: take(reader.optionalString(), into: &error)
            case 11: take(reader.optionalString(), into: &transcript)
            case 12: take(reader.optionalRawValue(RunEnding.self), into: &ending)
            case 13: take(reader.optionalString(), into: &model)
            case 14: take(reader.optional { UsageLimit(reading: &$0) }, into: &usageLimit)
            case 15: take(reader.optional { TokenUsage(reading: &$0) }, into: &usage)
            default: take(reader.optionalStrings(), into: &permissionDenials)
            }
        }
        guard read, let outcome, let summary, let changedFiles else { return nil }
        // An exit status that does not fit Int32 is an error, worded by JSONDecoder.
        var status: Int32?
        if let exitStatus {
            guard let fitting = Int32(exactly: exitStatus) else { return nil }
            status = fitting
        }
        self.init(
            outcome: outcome, summary: summary, pullRequestURL: pullRequestURL, branch: branch, changedFiles: changedFiles,
            costUSD: costUSD, durationMs: durationMs, turns: turns, sessionID: sessionID, exitStatus: status, error: error,
            transcript: transcript, ending: ending, usageLimit: usageLimit, usage: usage, model: model,
            permissionDenials: permissionDenials)
    }
}

extension ClaudeOverrides {
    static let members: [StaticString] = [
        "model", "fallback_model", "max_turns", "max_budget_usd", "allowed_tools", "disallowed_tools",
        "append_system_prompt",
    ]

    init?(reading reader: inout JSONBodyReader) {
        var model: String?, fallbackModel: String?, maxTurns: Int?, maxBudgetUSD: Double?
        var allowedTools: [String]?, disallowedTools: [String]?, appendSystemPrompt: String?
        let read = reader.readObject(Self.members) { reader, member in
            switch member {
            case 0: take(reader.optionalString(), into: &model)
            case 1: take(reader.optionalString(), into: &fallbackModel)
            case 2: take(reader.optionalInt(), into: &maxTurns)
            case 3: take(reader.optionalDouble(), into: &maxBudgetUSD)
            case 4: take(reader.optionalStrings(), into: &allowedTools)
            case 5: take(reader.optionalStrings(), into: &disallowedTools)
            default: take(reader.optionalString(), into: &appendSystemPrompt)
            }
        }
        guard read else { return nil }
        self.init(
            model: model, fallbackModel: fallbackModel, maxTurns: maxTurns, maxBudgetUSD: maxBudgetUSD,
            allowedTools: allowedTools, disallowedTools: disallowedTools, appendSystemPrompt: appendSystemPrompt)
    }
}

extension UsageLimit {
    static let members: [StaticString] = ["kind", "resets_at", "message"]

    init?(reading reader: inout JSONBodyReader) {
        var kind: String?, resetsAt: Date?, message: String?
        let read = reader.readObject(Self.members) { reader, member in
            switch member {
            case 0: take(required: reader.string(), into: &kind)
            case 1: take(reader.optionalDate(), into: &resetsAt)
            default: take(reader.optionalString(), into: &message)
            }
        }
        guard read, let kind else { return nil }
        self.init(kind: kind, resetsAt: resetsAt, message: message)
    }
}

extension TokenUsage {
    static let members: [StaticString] = [
        "input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens",
    ]

    init?(reading reader: inout JSONBodyReader) {
        var counts: [Int?] = [nil, nil, nil, nil]
        let read = reader.readObject(Self.members) { reader, member in
            take(reader.optionalInt(), into: &counts[member])
        }
        guard read else { return nil }
        self.init(
            inputTokens: counts[0] ?? 0, outputTokens: counts[1] ?? 0, cacheReadInputTokens: counts[2] ?? 0,
            cacheCreationInputTokens: counts[3] ?? 0)
    }
}

extension TaskCompletion {
    static let members: [StaticString] = ["v", "task_id", "attempt", "agent", "result"]

    init?(reading reader: inout JSONBodyReader) {
        var v: Int?, taskID: String?, attempt: Int?, agent: String?, result: TaskResult?
        let read = reader.readObject(Self.members) { reader, member in
            switch member {
            case 0: take(required: reader.int(), into: &v)
            case 1: take(required: reader.string(), into: &taskID)
            case 2: take(required: reader.int(), into: &attempt)
            case 3: take(required: reader.string(), into: &agent)
            default: take(required: TaskResult(reading: &reader), into: &result)
            }
        }
        guard read, let v, let taskID, let attempt, let agent, let result else { return nil }
        self.init(taskID: taskID, attempt: attempt, agent: agent, result: result)
        self.v = v
    }
}

extension TaskRecord {
    static let members: [StaticString] = [
        "id", "spec", "state", "attempts", "max_attempts", "agent", "specialty", "created_at", "updated_at",
        "started_at", "finished_at", "not_before", "result", "error", "total_cost_usd", "total_usage",
    ]

    init?(reading reader: inout JSONBodyReader) {
        var totalCostUSD: Double?, totalUsage: TokenUsage?
        var id: String?, spec: TaskSpec?, state: TaskState?, attempts: Int?, maxAttempts: Int?
        var agent: String?, specialty: String?, createdAt: Date?, updatedAt: Date?, startedAt: Date?
        var finishedAt: Date?, notBefore: Date?, result: TaskResult?, error: String?
        let read = reader.readObject(Self.members) { reader, member in
            switch member {
            case 0: take(required: reader.string(), into: &id)
            case 1: take(required: TaskSpec(reading: &reader), into: &spec)
            case 2: take(required: reader.rawValue(TaskState.self), into: &state)
            case 3: take(required: reader.int(), into: &attempts)
            case 4: take(required: reader.int(), into: &maxAttempts)
            case 5: take(reader.optionalString(), into: &agent)
            case 6: take(reader.optionalString(), into: &specialty)
            case 7: take(required: reader.date(), into: &createdAt)
            case 8: take(required: reader.date(), into: &updatedAt)
            case 9: take(reader.optionalDate(), into: &startedAt)
            case 10: take(reader.optionalDate(), into: &finishedAt)
            case 11: take(reader.optionalDate(), into: &notBefore)
            case 12: take(reader.optional { TaskResult(reading: &$0) }, into: &result)
            case 13: take(reader.optionalString(), into: &error)
            case 14: take(reader.optionalDouble(), into: &totalCostUSD)
            default: take(reader.optional { TokenUsage(reading: &$0) }, into: &totalUsage)
            }
        }
        guard read, let id, let spec, let state, let attempts, let maxAttempts, let createdAt, let updatedAt else { return nil }
        self.init(
            id: id, spec: spec, state: state, attempts: attempts, maxAttempts: maxAttempts, agent: agent, specialty: specialty,
            createdAt: createdAt, updatedAt: updatedAt, startedAt: startedAt, finishedAt: finishedAt, notBefore: notBefore,
            result: result, error: error, totalCostUSD: totalCostUSD, totalUsage: totalUsage)
    }
}

extension BusReply where Result == TaskRecord {
    /// A successful reply only; a failed one is left to JSONDecoder.
    init?(reading reader: inout JSONBodyReader) {
        var v: Int?, id: String?, ok: Bool?, result: TaskRecord?
        let read = reader.readObject(JSONBodyReader.busReplyMembers) { reader, member in
            switch member {
            case 0: take(required: reader.int(), into: &v)
            case 1: take(required: reader.string(), into: &id)
            case 2: take(required: reader.bool(), into: &ok)
            default: take(required: TaskRecord(reading: &reader), into: &result)
            }
        }
        guard read, let v, let id, ok == true, let result else { return nil }
        self.init(id: id, outcome: .success(result))
        self.v = v
    }
}

/// Stores a member that must have a value; false (the read fails) when it had none.
private func take<Value>(required value: Value?, into field: inout Value?) -> Bool {
    guard let value else { return false }
    field = value
    return true
}

/// Stores a member that may be `null` (stored as absent); false when it did not read.
private func take<Value>(_ value: Value??, into field: inout Value?) -> Bool {
    guard let value else { return false }
    field = value
    return true
}

extension JSONBodyReader {
    /// Reads an object, calling `member` with the place in `names` of each member named
    /// there and skipping the others. A name found twice fails the read (`JSONDecoder`
    /// keeps the first), as does `member` returning false. True when the whole object read.
    mutating func readObject(_ names: [StaticString], _ member: (inout JSONBodyReader, Int) -> Bool) -> Bool {
        guard beginObject() else { return failing() }
        var seen: UInt64 = 0
        var first = true
        while let key = nextKey(first: &first) {
            guard let place = names.firstIndex(where: { self.key(key, is: $0) }) else {
                guard skipValue() else { return false }
                continue
            }
            guard seen & (1 << place) == 0, member(&self, place) else { return failing() }
            seen |= 1 << place
        }
        return !failed
    }

    /// A string that must be one of `Value`'s raw values.
    mutating func rawValue<Value: RawRepresentable<String>>(_ type: Value.Type) -> Value? {
        guard let text = string() else { return nil }
        return Value(rawValue: text) ?? fail()
    }

    /// A date as `JSONWire`'s decoder reads it.
    mutating func date() -> Date? {
        guard let text = string() else { return nil }
        return JSONWire.parseDate(text) ?? fail()
    }
}

/// Members that may be `null`: `.some(nil)` for `null`, nil when the value did not read.
private extension JSONBodyReader {
    mutating func optional<Value>(_ read: (inout JSONBodyReader) -> Value?) -> Value?? {
        if consumeNull() { return .some(nil) }
        guard let value = read(&self) else { return nil }
        return .some(value)
    }

    mutating func optionalString() -> String?? { optional { $0.string() } }
    mutating func optionalInt() -> Int?? { optional { $0.int() } }
    mutating func optionalDouble() -> Double?? { optional { $0.double() } }
    mutating func optionalDate() -> Date?? { optional { $0.date() } }
    mutating func optionalStrings() -> [String]?? { optional { $0.strings() } }
    mutating func optionalStringMap() -> [String: String]?? { optional { $0.stringMap() } }
    mutating func optionalRawValue<Value: RawRepresentable<String>>(_ type: Value.Type) -> Value?? { optional { $0.rawValue(type) } }
}
