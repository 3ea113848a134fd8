import Foundation

// The bodies read for every task, by hand (see `JSONBodyReader`): by the broker, a submit
// (`BusRequest<TaskSpec>`) and an agent's FINAL (`TaskCompletion`); by clients and the
// bridge, the reply with the task (`BusReply<TaskRecord>`). Each returns nil unless it
// read exactly what `JSONDecoder` would, so `JSONWire.decode` can fall back.

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

/// A value read for a member that may be absent: decodeIfPresent treats `null` as absent.
private extension JSONBodyReader {
    mutating func optionalString() -> String?? {
        if consumeNull() { return .some(nil) }
        guard let value = string() else { return nil }
        return .some(value)
    }

    mutating func optionalInt() -> Int?? {
        if consumeNull() { return .some(nil) }
        guard let value = int() else { return nil }
        return .some(value)
    }

    mutating func optionalDouble() -> Double?? {
        if consumeNull() { return .some(nil) }
        guard let value = double() else { return nil }
        return .some(value)
    }

    mutating func optionalStrings() -> [String]?? {
        if consumeNull() { return .some(nil) }
        guard let value = strings() else { return nil }
        return .some(value)
    }

    mutating func optionalStringMap() -> [String: String]?? {
        if consumeNull() { return .some(nil) }
        guard let value = stringMap() else { return nil }
        return .some(value)
    }

    mutating func optionalRawValue<Value: RawRepresentable<String>>(_ type: Value.Type) -> Value?? {
        if consumeNull() { return .some(nil) }
        guard let text = string() else { return nil }
        guard let value = Value(rawValue: text) else { return fail() }
        return .some(value)
    }

    /// A date as `JSONWire`'s decoder reads it.
    mutating func date() -> Date? {
        guard let text = string() else { return nil }
        guard let date = JSONWire.parseDate(text) else { return fail() }
        return date
    }

    mutating func optionalDate() -> Date?? {
        if consumeNull() { return .some(nil) }
        guard let value = date() else { return nil }
        return .some(value)
    }

    /// Marks a member read once; a second time (JSONDecoder keeps the first) fails.
    mutating func firstTime(_ member: Int, in seen: inout UInt32) -> Bool {
        guard seen & (1 << member) == 0 else { return failing() }
        seen |= 1 << member
        return true
    }
}

extension TaskSpec {
    init?(reading reader: inout JSONBodyReader) {
        guard reader.beginObject() else { return nil }
        var title: String?, description: String?, type: String?, priority: TaskPriority?
        var requirements: [String]?, labels: [String]?, target: String?, repository: String?, issueURL: String?
        var source: TaskSource?, idempotencyKey: String?, timeoutSeconds: Double?, maxAttempts: Int?, metadata: [String: String]?
        var seen: UInt32 = 0
        var first = true
        while let key = reader.nextKey(first: &first) {
            // Each known member: once only, and of its type (or null, which counts as absent).
            if reader.key(key, is: "title") {
                guard reader.firstTime(0, in: &seen), let value = reader.optionalString() else { return nil }
                title = value
            } else if reader.key(key, is: "description") {
                guard reader.firstTime(1, in: &seen), let value = reader.optionalString() else { return nil }
                description = value
            } else if reader.key(key, is: "type") {
                guard reader.firstTime(2, in: &seen), let value = reader.optionalString() else { return nil }
                type = value
            } else if reader.key(key, is: "priority") {
                guard reader.firstTime(3, in: &seen), let value = reader.optionalRawValue(TaskPriority.self) else { return nil }
                priority = value
            } else if reader.key(key, is: "requirements") {
                guard reader.firstTime(4, in: &seen), let value = reader.optionalStrings() else { return nil }
                requirements = value
            } else if reader.key(key, is: "labels") {
                guard reader.firstTime(5, in: &seen), let value = reader.optionalStrings() else { return nil }
                labels = value
            } else if reader.key(key, is: "target") {
                guard reader.firstTime(6, in: &seen), let value = reader.optionalString() else { return nil }
                target = value
            } else if reader.key(key, is: "repository") {
                guard reader.firstTime(7, in: &seen), let value = reader.optionalString() else { return nil }
                repository = value
            } else if reader.key(key, is: "issue_url") {
                guard reader.firstTime(8, in: &seen), let value = reader.optionalString() else { return nil }
                issueURL = value
            } else if reader.key(key, is: "source") {
                guard reader.firstTime(9, in: &seen), let value = reader.optionalRawValue(TaskSource.self) else { return nil }
                source = value
            } else if reader.key(key, is: "idempotency_key") {
                guard reader.firstTime(10, in: &seen), let value = reader.optionalString() else { return nil }
                idempotencyKey = value
            } else if reader.key(key, is: "timeout_seconds") {
                guard reader.firstTime(11, in: &seen), let value = reader.optionalDouble() else { return nil }
                timeoutSeconds = value
            } else if reader.key(key, is: "max_attempts") {
                guard reader.firstTime(12, in: &seen), let value = reader.optionalInt() else { return nil }
                maxAttempts = value
            } else if reader.key(key, is: "metadata") {
                guard reader.firstTime(13, in: &seen), let value = reader.optionalStringMap() else { return nil }
                metadata = value
            } else {
                guard reader.skipValue() else { return nil }
            }
        }
        // A spec with neither title nor description is an error, worded by JSONDecoder.
        guard !reader.failed, title != nil || description != nil else { return nil }
        self.init(
            lenientTitle: title, description: description, type: type, priority: priority, requirements: requirements,
            labels: labels, target: target, repository: repository, issueURL: issueURL, source: source,
            idempotencyKey: idempotencyKey, timeoutSeconds: timeoutSeconds, maxAttempts: maxAttempts, metadata: metadata)
    }
}

extension BusRequest where Payload == TaskSpec {
    init?(reading reader: inout JSONBodyReader) {
        guard reader.beginObject() else { return nil }
        var v: Int?, id: String?, payload: TaskSpec?
        var seen: UInt32 = 0
        var first = true
        while let key = reader.nextKey(first: &first) {
            if reader.key(key, is: "v") {
                guard reader.firstTime(0, in: &seen), let value = reader.int() else { return nil }
                v = value
            } else if reader.key(key, is: "id") {
                guard reader.firstTime(1, in: &seen), let value = reader.string() else { return nil }
                id = value
            } else if reader.key(key, is: "payload") {
                guard reader.firstTime(2, in: &seen), let value = TaskSpec(reading: &reader) else { return nil }
                payload = value
            } else {
                guard reader.skipValue() else { return nil }
            }
        }
        guard !reader.failed, let v, let id, let payload else { return nil }
        self.init(id: id, payload: payload)
        self.v = v
    }
}

extension TaskResult {
    init?(reading reader: inout JSONBodyReader) {
        guard reader.beginObject() else { return nil }
        var outcome: Outcome?, summary: String?, changedFiles: Bool?
        var pullRequestURL: String?, branch: String?, costUSD: Double?, durationMs: Int?, turns: Int?
        var sessionID: String?, exitStatus: Int?, error: String?, transcript: String?
        var seen: UInt32 = 0
        var first = true
        while let key = reader.nextKey(first: &first) {
            if reader.key(key, is: "outcome") {
                guard reader.firstTime(0, in: &seen), let text = reader.string() else { return nil }
                guard let value = Outcome(rawValue: text) else { return nil }
                outcome = value
            } else if reader.key(key, is: "summary") {
                guard reader.firstTime(1, in: &seen), let value = reader.string() else { return nil }
                summary = value
            } else if reader.key(key, is: "changed_files") {
                guard reader.firstTime(2, in: &seen), let value = reader.bool() else { return nil }
                changedFiles = value
            } else if reader.key(key, is: "pr_url") {
                guard reader.firstTime(3, in: &seen), let value = reader.optionalString() else { return nil }
                pullRequestURL = value
            } else if reader.key(key, is: "branch") {
                guard reader.firstTime(4, in: &seen), let value = reader.optionalString() else { return nil }
                branch = value
            } else if reader.key(key, is: "cost_usd") {
                guard reader.firstTime(5, in: &seen), let value = reader.optionalDouble() else { return nil }
                costUSD = value
            } else if reader.key(key, is: "duration_ms") {
                guard reader.firstTime(6, in: &seen), let value = reader.optionalInt() else { return nil }
                durationMs = value
            } else if reader.key(key, is: "turns") {
                guard reader.firstTime(7, in: &seen), let value = reader.optionalInt() else { return nil }
                turns = value
            } else if reader.key(key, is: "session_id") {
                guard reader.firstTime(8, in: &seen), let value = reader.optionalString() else { return nil }
                sessionID = value
            } else if reader.key(key, is: "exit_status") {
                guard reader.firstTime(9, in: &seen), let value = reader.optionalInt() else { return nil }
                exitStatus = value
            } else if reader.key(key, is: "error") {
                guard reader.firstTime(10, in: &seen), let value = reader.optionalString() else { return nil }
                error = value
            } else if reader.key(key, is: "transcript") {
                guard reader.firstTime(11, in: &seen), let value = reader.optionalString() else { return nil }
                transcript = value
            } else {
                guard reader.skipValue() else { return nil }
            }
        }
        guard !reader.failed, let outcome, let summary, let changedFiles else { return nil }
        // An exit status that does not fit Int32 is an error, worded by JSONDecoder.
        var status: Int32?
        if let exitStatus {
            guard let fitting = Int32(exactly: exitStatus) else { return nil }
            status = fitting
        }
        self.init(
            outcome: outcome, summary: summary, pullRequestURL: pullRequestURL, branch: branch, changedFiles: changedFiles,
            costUSD: costUSD, durationMs: durationMs, turns: turns, sessionID: sessionID, exitStatus: status, error: error,
            transcript: transcript)
    }
}

extension TaskCompletion {
    init?(reading reader: inout JSONBodyReader) {
        guard reader.beginObject() else { return nil }
        var v: Int?, taskID: String?, attempt: Int?, agent: String?, result: TaskResult?
        var seen: UInt32 = 0
        var first = true
        while let key = reader.nextKey(first: &first) {
            if reader.key(key, is: "v") {
                guard reader.firstTime(0, in: &seen), let value = reader.int() else { return nil }
                v = value
            } else if reader.key(key, is: "task_id") {
                guard reader.firstTime(1, in: &seen), let value = reader.string() else { return nil }
                taskID = value
            } else if reader.key(key, is: "attempt") {
                guard reader.firstTime(2, in: &seen), let value = reader.int() else { return nil }
                attempt = value
            } else if reader.key(key, is: "agent") {
                guard reader.firstTime(3, in: &seen), let value = reader.string() else { return nil }
                agent = value
            } else if reader.key(key, is: "result") {
                guard reader.firstTime(4, in: &seen), let value = TaskResult(reading: &reader) else { return nil }
                result = value
            } else {
                guard reader.skipValue() else { return nil }
            }
        }
        guard !reader.failed, let v, let taskID, let attempt, let agent, let result else { return nil }
        self.init(taskID: taskID, attempt: attempt, agent: agent, result: result)
        self.v = v
    }
}

extension TaskRecord {
    init?(reading reader: inout JSONBodyReader) {
        guard reader.beginObject() else { return nil }
        var id: String?, spec: TaskSpec?, state: TaskState?, attempts: Int?, maxAttempts: Int?
        var agent: String?, specialty: String?, createdAt: Date?, updatedAt: Date?, startedAt: Date?
        var finishedAt: Date?, notBefore: Date?, result: TaskResult?, error: String?
        var seen: UInt32 = 0
        var first = true
        while let key = reader.nextKey(first: &first) {
            if reader.key(key, is: "id") {
                guard reader.firstTime(0, in: &seen), let value = reader.string() else { return nil }
                id = value
            } else if reader.key(key, is: "spec") {
                guard reader.firstTime(1, in: &seen), let value = TaskSpec(reading: &reader) else { return nil }
                spec = value
            } else if reader.key(key, is: "state") {
                guard reader.firstTime(2, in: &seen), let text = reader.string(), let value = TaskState(rawValue: text) else { return nil }
                state = value
            } else if reader.key(key, is: "attempts") {
                guard reader.firstTime(3, in: &seen), let value = reader.int() else { return nil }
                attempts = value
            } else if reader.key(key, is: "max_attempts") {
                guard reader.firstTime(4, in: &seen), let value = reader.int() else { return nil }
                maxAttempts = value
            } else if reader.key(key, is: "agent") {
                guard reader.firstTime(5, in: &seen), let value = reader.optionalString() else { return nil }
                agent = value
            } else if reader.key(key, is: "specialty") {
                guard reader.firstTime(6, in: &seen), let value = reader.optionalString() else { return nil }
                specialty = value
            } else if reader.key(key, is: "created_at") {
                guard reader.firstTime(7, in: &seen), let value = reader.date() else { return nil }
                createdAt = value
            } else if reader.key(key, is: "updated_at") {
                guard reader.firstTime(8, in: &seen), let value = reader.date() else { return nil }
                updatedAt = value
            } else if reader.key(key, is: "started_at") {
                guard reader.firstTime(9, in: &seen), let value = reader.optionalDate() else { return nil }
                startedAt = value
            } else if reader.key(key, is: "finished_at") {
                guard reader.firstTime(10, in: &seen), let value = reader.optionalDate() else { return nil }
                finishedAt = value
            } else if reader.key(key, is: "not_before") {
                guard reader.firstTime(11, in: &seen), let value = reader.optionalDate() else { return nil }
                notBefore = value
            } else if reader.key(key, is: "result") {
                guard reader.firstTime(12, in: &seen) else { return nil }
                if !reader.consumeNull() {
                    guard let value = TaskResult(reading: &reader) else { return nil }
                    result = value
                }
            } else if reader.key(key, is: "error") {
                guard reader.firstTime(13, in: &seen), let value = reader.optionalString() else { return nil }
                error = value
            } else {
                guard reader.skipValue() else { return nil }
            }
        }
        guard !reader.failed, let id, let spec, let state, let attempts, let maxAttempts, let createdAt, let updatedAt else { return nil }
        self.init(
            id: id, spec: spec, state: state, attempts: attempts, maxAttempts: maxAttempts, agent: agent, specialty: specialty,
            createdAt: createdAt, updatedAt: updatedAt, startedAt: startedAt, finishedAt: finishedAt, notBefore: notBefore,
            result: result, error: error)
    }
}

extension BusReply where Result == TaskRecord {
    /// A successful reply only; a failed one is left to JSONDecoder.
    init?(reading reader: inout JSONBodyReader) {
        guard reader.beginObject() else { return nil }
        var v: Int?, id: String?, ok: Bool?, result: TaskRecord?
        var seen: UInt32 = 0
        var first = true
        while let key = reader.nextKey(first: &first) {
            if reader.key(key, is: "v") {
                guard reader.firstTime(0, in: &seen), let value = reader.int() else { return nil }
                v = value
            } else if reader.key(key, is: "id") {
                guard reader.firstTime(1, in: &seen), let value = reader.string() else { return nil }
                id = value
            } else if reader.key(key, is: "ok") {
                guard reader.firstTime(2, in: &seen), let value = reader.bool() else { return nil }
                ok = value
            } else if reader.key(key, is: "result") {
                guard reader.firstTime(3, in: &seen), let value = TaskRecord(reading: &reader) else { return nil }
                result = value
            } else {
                guard reader.skipValue() else { return nil }
            }
        }
        guard !reader.failed, let v, let id, ok == true, let result else { return nil }
        self.init(id: id, outcome: .success(result))
        self.v = v
    }
}
