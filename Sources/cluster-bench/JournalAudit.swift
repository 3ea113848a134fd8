import Broker
import Foundation
import Wire

/// Reads the fault suite's journal after the broker has stopped: for every task the suite
/// submitted, whether it finished, how, and how many results are recorded for it.
struct JournalAudit {
    /// What the journal says about the suite's tasks.
    struct Findings: Sendable {
        var finished = 0
        var succeeded = 0
        var lost: [String] = []
        var recordedTwice: [String] = []
        var notSucceeded: [String] = []
        /// Results whose summary names another task (a result recorded against the wrong task).
        var mismatched: [String] = []
        /// Tasks stored although their submit was never acknowledged (the ack was lost with a broker).
        var storedUnacknowledged = 0
        /// Finished tasks with no row in the results table.
        var missingResult: [String] = []
    }

    /// Audits `ids` (acknowledged ids) and `unacknowledgedKeys` (idempotency keys whose
    /// submit never got an answer: the task may still have been stored).
    static func audit(directory: URL, ids: [String], unacknowledgedKeys: [String]) throws -> Findings {
        let journal = try TaskJournal(directory: directory)
        defer { try? journal.close() }
        var findings = Findings()
        var all = ids
        for key in unacknowledgedKeys {
            if let record = try journal.task(idempotencyKey: key) {
                all.append(record.id)
                findings.storedUnacknowledged += 1
            }
        }
        for id in all {
            guard let record = try journal.task(id: id), record.state.isTerminal else {
                findings.lost.append(id)
                continue
            }
            findings.finished += 1
            if record.state == .succeeded {
                findings.succeeded += 1
            } else {
                findings.notSucceeded.append("\(id): \(record.state.rawValue) \(record.error ?? "")")
            }
            let count = try journal.recordedResultCount(taskID: id)
            if count > 1 { findings.recordedTwice.append(id) }
            if count == 0 { findings.missingResult.append(id) }
            if let summary = try journal.recordedResult(taskID: id)?.result.summary,
               record.state == .succeeded, !summary.contains(id) {
                findings.mismatched.append("\(id): \(summary)")
            }
        }
        return findings
    }
}
