import Foundation
import PropertyBased
import Wire

/// Random cluster bodies, and random damage to them, for the property tests.
enum ClusterGen {
    typealias RNG = any SeededRandomNumberGenerator

    static func int(_ range: ClosedRange<Int>, _ rng: inout RNG) -> Int { Int.random(in: range, using: &rng) }

    static func pick<T>(_ values: [T], _ rng: inout RNG) -> T { values[int(0...(values.count - 1), &rng)] }

    static let alphabet = Array("abcXYZ019 _-./:\"\\\n\té服🙂{}[],")

    static func text(_ rng: inout RNG) -> String {
        String((0..<int(0...12, &rng)).map { _ in pick(alphabet, &rng) })
    }

    /// Half the time a value, half the time nil. Every optional member of a body is made
    /// with this, so a run of a few dozen bodies sets each of them
    /// (`HotBodyParityTests.generatorsSetEveryMember`) and the round trips cover it.
    static func maybe<T>(_ rng: inout RNG, _ make: (inout RNG) -> T) -> T? {
        Bool.random(using: &rng) ? make(&rng) : nil
    }

    /// A date on a whole millisecond, the precision bodies carry.
    static func date(_ rng: inout RNG) -> Date {
        Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800_000, using: &rng)) / 1000)
    }

    static func spec(_ rng: inout RNG) -> TaskSpec {
        TaskSpec(
            title: text(&rng), description: text(&rng), type: text(&rng), priority: pick(TaskPriority.allCases, &rng),
            requirements: (0..<int(0...3, &rng)).map { _ in text(&rng) }, labels: (0..<int(0...2, &rng)).map { _ in text(&rng) },
            target: maybe(&rng, text), repository: maybe(&rng, text), issueURL: maybe(&rng, text),
            source: pick(TaskSource.allCases, &rng), idempotencyKey: maybe(&rng, text),
            timeoutSeconds: maybe(&rng) { Double(int(1...100_000, &$0)) / 4 }, maxAttempts: maybe(&rng) { int(1...9, &$0) },
            metadata: Dictionary((0..<int(0...3, &rng)).map { _ in (text(&rng), text(&rng)) }, uniquingKeysWith: { a, _ in a }),
            parent: maybe(&rng, text),
            claude: maybe(&rng) { ClaudeOverrides(
                model: maybe(&$0, text), fallbackModel: maybe(&$0, text), maxTurns: maybe(&$0) { int(1...99, &$0) },
                maxBudgetUSD: maybe(&$0) { Double(int(1...1000, &$0)) / 100 }, allowedTools: maybe(&$0) { [text(&$0)] },
                disallowedTools: maybe(&$0) { [text(&$0)] }, appendSystemPrompt: maybe(&$0, text)) })
    }

    static func result(_ rng: inout RNG) -> TaskResult {
        TaskResult(
            outcome: pick([.succeeded, .failed, .timedOut, .cancelled, .usageLimited], &rng), summary: text(&rng),
            pullRequestURL: maybe(&rng, text), branch: maybe(&rng, text), changedFiles: Bool.random(using: &rng),
            costUSD: maybe(&rng) { Double(int(0...10_000, &$0)) / 100 }, durationMs: maybe(&rng) { int(0...1_000_000, &$0) },
            turns: maybe(&rng) { int(0...99, &$0) }, sessionID: maybe(&rng, text), exitStatus: maybe(&rng) { Int32(int(-9...255, &$0)) },
            error: maybe(&rng, text), transcript: maybe(&rng, text), ending: maybe(&rng) { pick(RunEnding.allCases, &$0) },
            usageLimit: maybe(&rng) { UsageLimit(kind: text(&$0), resetsAt: maybe(&$0, date), message: maybe(&$0, text)) },
            usage: maybe(&rng, usage),
            model: maybe(&rng, text), permissionDenials: maybe(&rng) { [text(&$0)] })
    }

    static func record(_ rng: inout RNG) -> TaskRecord {
        TaskRecord(
            id: text(&rng), spec: spec(&rng), state: pick(TaskState.allCases, &rng), attempts: int(0...5, &rng),
            maxAttempts: int(1...5, &rng), agent: maybe(&rng, text), specialty: maybe(&rng, text), createdAt: date(&rng),
            updatedAt: date(&rng), startedAt: maybe(&rng, date), finishedAt: maybe(&rng, date), notBefore: maybe(&rng, date),
            result: maybe(&rng, result), error: maybe(&rng, text),
            totalCostUSD: maybe(&rng) { Double(int(0...100_000, &$0)) / 100 },
            totalUsage: maybe(&rng, usage))
    }

    static func usage(_ rng: inout RNG) -> TokenUsage {
        TokenUsage(inputTokens: int(0...99_999, &rng), outputTokens: int(0...9_999, &rng),
                   cacheReadInputTokens: int(0...9_999, &rng), cacheCreationInputTokens: int(0...9_999, &rng))
    }

    static func event(_ rng: inout RNG) -> ClusterEvent {
        let payload: ClusterEvent.Payload = switch int(0...3, &rng) {
        case 0: .taskState(record(&rng), previous: maybe(&rng) { pick(TaskState.allCases, &$0) })
        case 1: .taskProgress(ProgressUpdate(
            taskID: text(&rng), attempt: int(1...3, &rng), sequence: int(0...999, &rng),
            kind: pick([.started, .text, .toolUse, .toolResult, .output, .step], &rng), message: text(&rng), at: date(&rng)))
        case 2: .alert(Alert(
            kind: pick(Alert.Kind.allCases, &rng), severity: pick(Alert.Severity.allCases, &rng), text: text(&rng),
            agent: maybe(&rng, text), taskID: maybe(&rng, text)))
        default: .brokerHeartbeat(BrokerHeartbeat(
            version: text(&rng), uptimeSeconds: Double(int(0...1_000_000, &rng)) / 8, agents: int(0...50, &rng),
            queuedTasks: int(0...500, &rng)))
        }
        return ClusterEvent(at: date(&rng), payload: payload)
    }

    /// Valid encodings of every body kind, the starting point for damage.
    static func validBody(_ rng: inout RNG) -> [UInt8] {
        switch int(0...7, &rng) {
        case 0: JSONWire.encodeBytes(record(&rng))
        case 1: JSONWire.encodeBytes(event(&rng))
        case 2: AgentRequest.assignment(TaskAssignment(taskID: text(&rng), attempt: 1, spec: spec(&rng), timeoutSeconds: 5)).body.bytes
        case 3: JSONWire.encodeBytes(BusRequest(id: text(&rng), payload: TaskListQuery(states: [.queued], limit: 3)))
        case 4: JSONWire.encodeBytes(BusReply<TaskPage>.success(id: text(&rng), TaskPage(tasks: [record(&rng)])))
        case 5: JSONWire.encodeBytes(ClusterFixtures.info)
        case 6: JSONWire.encodeBytes(ClusterFixtures.status)
        default: JSONWire.encodeBytes(pick(ClusterFixtures.broadcasts, &rng))
        }
    }

    static let junk: [[UInt8]] = ["null", "1e999", "-0", "\"\"", "[", "]", "{", "}", ",", ":", "\"v\":2", "true",
        "{\"v\":1}", "\"kind\":\"alert\"", "\u{0}", "\\u0000", "9999999999999999999999"].map { Array($0.utf8) }

    /// Valid JSON damaged by truncation, byte flips, splices of JSON fragments, or pure noise.
    static let mangledBodies = Generator<Frame, Shrink.None<Frame>>(run: { rng in
        var bytes = int(0...5, &rng) == 0 ? [] : validBody(&rng)
        for _ in 0..<int(0...4, &rng) {
            let index = int(0...bytes.count, &rng)
            switch int(0...3, &rng) {
            case 0: bytes = Array(bytes.prefix(index))
            case 1 where index < bytes.count: bytes[index] = UInt8.random(in: 0...255, using: &rng)
            case 2: bytes.insert(contentsOf: pick(junk, &rng), at: index)
            default: bytes.append(contentsOf: (0..<int(0...16, &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
            }
        }
        return Frame(bytes)
    })

    static let records = Generator<TaskRecord, Shrink.None<TaskRecord>>(run: { rng in record(&rng) })
    static let events = Generator<ClusterEvent, Shrink.None<ClusterEvent>>(run: { rng in event(&rng) })
}
