import Foundation
import Wire

/// One batch of journal writes arranged for PostgreSQL: a few statements per batch, each
/// binding a column of rows as an array, instead of a statement per write. A round trip to
/// the server costs more than a statement inside SQLite, so this is what keeps group
/// commit cheap there. Pure: the decisions the journal's rules need (which task holds a
/// key, which writes name an unknown task, which result came first) are made here, from
/// what the database answered, and tested without one.
///
/// It keeps ``JournalBatch``'s rules exactly: writes count in order, so a write is known
/// when its task was stored before the batch or upserted earlier in it; a task upserted
/// several times is stored once, in its last version.
struct PostgresBatchPlan {
    /// The last version of every task upserted, in the order of each task's first upsert.
    private(set) var tasks: [EncodedTaskRecord] = []
    /// Where each upserted task's first upsert is in the batch.
    private var firstUpsert: [String: Int] = [:]
    /// The other writes, with their place in the batch.
    private var others: [(index: Int, write: JournalWrite)] = []

    init(_ writes: [JournalWrite]) {
        var taskIndex: [String: Int] = [:]
        for (index, write) in writes.enumerated() {
            guard case .upsertTask(let task) = write else {
                others.append((index, write))
                continue
            }
            if let known = taskIndex[task.record.id] {
                tasks[known] = task
            } else {
                taskIndex[task.record.id] = tasks.count
                firstUpsert[task.record.id] = index
                tasks.append(task)
            }
        }
    }

    /// The idempotency keys the batch's tasks carry, to look up who holds them.
    var idempotencyKeys: [String] {
        Array(Set(tasks.compactMap { $0.record.spec.idempotencyKey.map(PostgresText.clean) })).sorted()
    }

    /// The first task (in batch order) whose key another task holds: stored before the
    /// batch (`holders`, key to task id), or upserted earlier in it. nil when none.
    func keyConflict(holders: [String: String]) -> (key: String, taskID: String, holder: String)? {
        var claims = holders
        for task in tasks {
            guard let key = task.record.spec.idempotencyKey.map(PostgresText.clean) else { continue }
            if let holder = claims[key], holder != task.record.id {
                return (task.record.spec.idempotencyKey ?? key, task.record.id, holder)
            }
            claims[key] = task.record.id
        }
        return nil
    }

    /// The tasks the other writes name that the batch does not upsert before them: the
    /// database says which of these exist.
    var tasksToLookUp: [String] {
        var ids: Set<String> = []
        for (index, write) in others {
            guard let taskID = write.taskID, !upsertedBefore(taskID, index) else { continue }
            ids.insert(PostgresText.clean(taskID))
        }
        return ids.sorted()
    }

    private func upsertedBefore(_ taskID: String, _ index: Int) -> Bool {
        firstUpsert[taskID].map { $0 < index } ?? false
    }

    /// The writes besides the upserts, split by kind, with those for unknown tasks left out.
    struct Rest {
        var progress: [ProgressUpdate] = []
        var transcripts: [(taskID: String, attempt: Int, text: String)] = []
        var results: [(taskID: String, attempt: Int, result: TaskResult)] = []
        var attempts: [AttemptRecord] = []
        /// Agents' pauses set (or removed, nil) in batch order: the last for an agent wins.
        var pauses: [(agent: String, pause: OperatorPause?)] = []
        /// Writes for a task that neither the database (before the batch) nor an earlier
        /// upsert of the batch holds.
        var unknown: [JournalWrite] = []
    }

    /// Sorts the other writes, given which of ``tasksToLookUp`` the database holds.
    func rest(existing: Set<String>) -> Rest {
        var rest = Rest()
        for (index, write) in others {
            if case let .setAgentPause(agent, pause) = write {
                rest.pauses.append((PostgresText.clean(agent), pause))
                continue
            }
            guard let taskID = write.taskID, upsertedBefore(taskID, index) || existing.contains(PostgresText.clean(taskID)) else {
                rest.unknown.append(write)
                continue
            }
            switch write {
            case .upsertTask, .setAgentPause: continue
            case .appendProgress(let update): rest.progress.append(update)
            case let .appendTranscript(taskID, attempt, text): rest.transcripts.append((taskID, attempt, text))
            case let .recordResult(taskID, attempt, result): rest.results.append((taskID, attempt, result))
            case .recordAttempt(let attempt): rest.attempts.append(attempt)
            }
        }
        return rest
    }

    /// The results that were not recorded: every result after the first for a task, and
    /// all of a task's results when the database did not take the first (`recorded` is the
    /// set of tasks whose result this batch inserted).
    static func ignoredResults(
        _ results: [(taskID: String, attempt: Int, result: TaskResult)], recorded: Set<String>
    ) -> [JournalCommitSummary.IgnoredResult] {
        var taken: Set<String> = []
        var ignored: [JournalCommitSummary.IgnoredResult] = []
        for result in results {
            let id = PostgresText.clean(result.taskID)
            if recorded.contains(id), taken.insert(id).inserted { continue }
            ignored.append(.init(taskID: result.taskID, attempt: result.attempt))
        }
        return ignored
    }

    /// Appends each transcript write to what the attempt held (`stored`, by task and
    /// attempt), in order; returns the final tail of each attempt written.
    static func transcriptTails(
        _ writes: [(taskID: String, attempt: Int, text: String)], stored: [TranscriptKey: TranscriptTail], limit: Int
    ) -> [(key: TranscriptKey, tail: TranscriptTail)] {
        var tails = stored
        var order: [TranscriptKey] = []
        var seen: Set<TranscriptKey> = []
        for write in writes {
            let key = TranscriptKey(taskID: PostgresText.clean(write.taskID), attempt: write.attempt)
            if seen.insert(key).inserted { order.append(key) }
            let current = tails[key] ?? TranscriptTail(text: "", droppedBytes: 0)
            tails[key] = current.appending(PostgresText.clean(write.text), limit: limit)
        }
        return order.map { ($0, tails[$0]!) }
    }
}

/// One attempt's transcript row.
struct TranscriptKey: Hashable, Sendable {
    var taskID: String
    var attempt: Int
}

/// Text as PostgreSQL can store it: a `text` value cannot hold U+0000, which SQLite and
/// Swift strings can. A NUL that reaches the journal (in a runner's output, a progress
/// line, an agent's name, an idempotency key) is stored as U+FFFD, and looked up the same
/// way, instead of failing the whole batch.
enum PostgresText {
    static func clean(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    }

    static func clean(_ text: String?) -> String? {
        text.map { clean($0) }
    }
}
