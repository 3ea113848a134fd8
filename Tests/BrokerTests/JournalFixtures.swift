import Foundation
import Wire

@testable import Broker

/// A fresh directory under the system temp dir, removed when `body` returns.
func withJournalDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("journal-tests-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// A journal in a fresh directory, closed and removed when `body` returns.
func withJournal<T>(
    options: JournalOptions = JournalOptions(), _ body: (TaskJournal, URL) throws -> T
) throws -> T {
    try withJournalDirectory { directory in
        let journal = try TaskJournal(directory: directory, options: options)
        defer { try? journal.close() }
        return try body(journal, directory)
    }
}

/// A fixed instant with a millisecond part that binary fractions cannot hold exactly,
/// so any coding that kept less than the millisecond would show.
let journalEpoch = Date(timeIntervalSinceReferenceDate: 790_000_000.123).roundedToMillisecond

/// `journalEpoch` moved by `seconds`, to the millisecond as records keep dates.
func journalDate(_ seconds: Double) -> Date {
    journalEpoch.addingTimeInterval(seconds).roundedToMillisecond
}

extension JournalWrite {
    /// Stores `record`, encoded as the broker would.
    static func upsert(_ record: TaskRecord) -> JournalWrite { .upsertTask(EncodedTaskRecord(record)) }
}

/// A task created `offset` seconds after ``journalEpoch``.
func journalTask(
    _ id: String,
    at offset: Double = 0,
    state: TaskState = .queued,
    agent: String? = nil,
    source: TaskSource = .api,
    idempotencyKey: String? = nil
) -> TaskRecord {
    TaskRecord(
        id: id,
        spec: TaskSpec(title: "Task \(id)", description: "Do \(id)", source: source, idempotencyKey: idempotencyKey),
        state: state,
        agent: agent,
        createdAt: journalDate(offset))
}

/// A progress line of attempt 1 of `taskID`.
func journalProgress(_ taskID: String, sequence: Int, attempt: Int = 1) -> ProgressUpdate {
    ProgressUpdate(
        taskID: taskID, attempt: attempt, sequence: sequence, kind: .text,
        message: "line \(sequence)", at: journalEpoch.addingTimeInterval(Double(sequence) / 1_000_003))
}
