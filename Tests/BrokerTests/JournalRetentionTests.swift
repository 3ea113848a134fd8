@testable import Broker
import Foundation
import Testing
import Wire

@Suite("Journal care: retention, stats and online backup", .serialized)
struct JournalRetentionTests {
    private static let day: TimeInterval = 86_400
    private let now = Date()

    private func task(_ id: String, daysAgo: Double, state: TaskState, parent: String? = nil) -> TaskRecord {
        let created = now.addingTimeInterval(-daysAgo * Self.day).roundedToMillisecond
        return TaskRecord(
            id: id, spec: TaskSpec(title: "Task \(id)", description: "Do \(id) well", parent: parent),
            state: state, attempts: state == .queued ? 0 : 1, agent: state == .queued ? nil : "cc01", specialty: "backend",
            createdAt: created, updatedAt: created.addingTimeInterval(60),
            finishedAt: state.isTerminal ? created.addingTimeInterval(60) : nil)
    }

    @Test("100,000 tasks: pruning shrinks the journal, lists stay fast, no unfinished task is touched")
    func pruneAHundredThousandTasks() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try TaskJournal(directory: directory.url, options: JournalOptions(synchronous: .normal))
        defer { try? journal.close() }

        // 90,000 finished 31–60 days ago, 5,000 finished this week, 5,000 unfinished from
        // 45 days ago; three progress lines and a 2 KB transcript for every tenth task
        // (the unfinished ones among them).
        let transcript = String(repeating: "runner output line\n", count: 110)
        var writes: [JournalWrite] = []
        var unfinished: [String] = []
        for index in 0..<100_000 {
            let id = "task-\(index)"
            let record: TaskRecord
            switch index % 20 {
            case 0: record = task(id, daysAgo: 45, state: index % 40 == 0 ? .queued : .running); unfinished.append(id)
            case 1: record = task(id, daysAgo: 3, state: .succeeded)
            default: record = task(id, daysAgo: 31 + Double(index % 30), state: index % 3 == 0 ? .failed : .succeeded)
            }
            writes.append(.upsertTask(EncodedTaskRecord(record)))
            if index % 10 == 0 {
                for sequence in 1...3 {
                    writes.append(.appendProgress(ProgressUpdate(
                        taskID: id, attempt: 1, sequence: sequence, kind: .text, message: "step \(sequence)", at: record.createdAt)))
                }
                writes.append(.appendTranscript(taskID: id, attempt: 1, text: transcript))
            }
            if writes.count >= 5_000 {
                try journal.commit(writes)
                writes.removeAll(keepingCapacity: true)
            }
        }
        try journal.commit(writes)

        let maintenance = try JournalMaintenance(path: journal.path)
        let before = try maintenance.stats()
        #expect(before.tasks == 100_000)
        #expect(before.unfinishedTasks == 5_000)
        #expect(before.transcripts == 10_000)
        let listBefore = try timed { try journal.listTasks(TaskQuery(limit: 100)) }
        let fileBefore = try fileSize(journal.path)

        let pruner = try JournalPruner(path: journal.path, batchSize: 500)
        let report = try await pruner.prune(finishedBefore: now.addingTimeInterval(-30 * Self.day))

        let after = try maintenance.stats()
        let listAfter = try timed { try journal.listTasks(TaskQuery(limit: 100)) }
        let fileAfter = try fileSize(journal.path)
        #expect(report.removedTasks == 90_000)
        #expect(report.batches == 180)
        #expect(after.tasks == 10_000)
        #expect(after.unfinishedTasks == 5_000)
        // Everything stored for the pruned tasks went with them.
        #expect(after.transcripts == 5_000)  // the unfinished tasks' own
        #expect(after.progressLines == 15_000)
        // Not one unfinished task touched: all there, as they were.
        let restored = try journal.unfinishedTasks()
        #expect(restored.map(\.id).sorted() == unfinished.sorted())
        #expect(try journal.task(id: "task-20")?.state == .running)
        #expect(try journal.task(id: "task-2") == nil)
        #expect(try journal.task(id: "task-1")?.state == .succeeded)
        // The file gives the space back (a new journal vacuums incrementally).
        #expect(fileAfter < fileBefore / 3, "\(fileBefore) -> \(fileAfter) bytes")
        #expect(listAfter.page.tasks.count == 100)
        #expect(listBefore.duration < .milliseconds(500))
        #expect(listAfter.duration < .milliseconds(500))
        print("""
            journal retention benchmark: 100,000 tasks, \(before.progressLines) progress lines, \(before.transcripts) transcripts; \
            file \(fileBefore / 1_000_000) MB -> \(fileAfter / 1_000_000) MB; pruned \(report.removedTasks) tasks in \
            \(report.batches) batches in \(report.duration); first page of the list \(listBefore.duration) -> \(listAfter.duration)
            """)
    }

    @Test func aFinishedParentOfAnUnfinishedFollowUpIsKept() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try TaskJournal(directory: directory.url)
        defer { try? journal.close() }
        try journal.commit([
            .upsertTask(EncodedTaskRecord(task("parent", daysAgo: 90, state: .succeeded))),
            .upsertTask(EncodedTaskRecord(task("old", daysAgo: 90, state: .cancelled))),
            .upsertTask(EncodedTaskRecord(task("follow-up", daysAgo: 90, state: .queued, parent: "parent"))),
        ])
        let report = try await JournalPruner(path: journal.path).prune(finishedBefore: now.addingTimeInterval(-Self.day))
        #expect(report.removedTasks == 1)
        #expect(try journal.task(id: "parent") != nil)
        #expect(try journal.task(id: "old") == nil)
        #expect(try journal.task(id: "follow-up") != nil)
    }

    @Test("A backup taken while the journal is being written is a complete, readable journal")
    func backupWhileWriting() throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try TaskJournal(directory: directory.url)
        defer { try? journal.close() }
        try journal.commit((0..<500).map { .upsertTask(EncodedTaskRecord(task("a\($0)", daysAgo: 1, state: .succeeded))) })
        let copy = directory.url.appendingPathComponent("backup.sqlite").path
        let maintenance = try JournalMaintenance(path: journal.path)
        try maintenance.backup(to: copy)
        // The broker commits on; the backup holds the snapshot it took.
        try journal.commit([.upsertTask(EncodedTaskRecord(task("b1", daysAgo: 0, state: .queued)))])
        let backup = try JournalMaintenance(path: copy).stats()
        #expect(backup.tasks == 500)
        #expect(backup.oldestTask != nil)
        // It opens as a journal, schema and all.
        let reopened = try TaskJournal(directory: directory.url, fileName: "backup.sqlite")
        #expect(try reopened.task(id: "a42")?.state == .succeeded)
        try reopened.close()
        // A backup never overwrites.
        #expect(throws: JournalError.self) { try maintenance.backup(to: copy) }
        #expect(throws: JournalError.self) { try JournalMaintenance(path: directory.url.appendingPathComponent("none.sqlite").path) }
    }

    @Test func statsCountRowsAndNameTheOldestTask() throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try TaskJournal(directory: directory.url, options: JournalOptions(transcriptByteLimit: 1000))
        defer { try? journal.close() }
        let oldest = task("t1", daysAgo: 10, state: .queued)
        try journal.commit([
            .upsertTask(EncodedTaskRecord(oldest)),
            .upsertTask(EncodedTaskRecord(task("t2", daysAgo: 2, state: .succeeded))),
            .appendTranscript(taskID: "t2", attempt: 1, text: String(repeating: "x", count: 5000)),
        ])
        let stats = try JournalMaintenance(path: journal.path).stats()
        #expect(stats.tasks == 2)
        #expect(stats.unfinishedTasks == 1)
        #expect(stats.oldestTask == oldest.createdAt)
        #expect(stats.oldestUnfinishedTask == oldest.createdAt)
        // The per-attempt transcript cap holds.
        #expect(stats.transcriptBytes == 1000)
        #expect(stats.fileBytes > 0)
    }

    private func timed<T>(_ body: () throws -> T) rethrows -> (page: T, duration: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        return (value, clock.now - start)
    }

    private func fileSize(_ path: String) throws -> Int {
        let main = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        let wal = ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
        return main + wal
    }
}

/// A fresh directory for one journal, removed by the test.
private struct TemporaryJournalDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("journal-retention-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}
