import Foundation
import Testing
import Wire

@testable import Broker

/// Rows written before the journal stored bus JSON kept dates as the Double a `Date`
/// holds; they must still read back, exactly.
@Suite struct JournalLegacyRowTests {
    @Test func aRowWithNumericDatesReadsBackExactly() throws {
        try withJournalDirectory { directory in
            var record = journalTask("t-1", state: .running, agent: "CC01")
            // Sub-millisecond parts: only the legacy coding could have stored these.
            record.createdAt = Date(timeIntervalSinceReferenceDate: 790_000_000.123_456_7)
            record.updatedAt = Date(timeIntervalSinceReferenceDate: 790_000_001.987_654_3)
            record.result = TaskResult(outcome: .failed, summary: "first try", costUSD: 0.5)
            let path: String
            do {
                let journal = try TaskJournal(directory: directory)
                try journal.commit([.upsert(record)])
                path = journal.path
                try journal.close()
            }
            let legacyEncoder = JSONEncoder()
            legacyEncoder.dateEncodingStrategy = .deferredToDate
            let legacy = String(decoding: try legacyEncoder.encode(record), as: UTF8.self)
            try sqlite(path, "UPDATE tasks SET record = '\(legacy.replacingOccurrences(of: "'", with: "''"))' WHERE id = 't-1'")

            let reopened = try TaskJournal(directory: directory)
            defer { try? reopened.close() }
            #expect(try reopened.task(id: "t-1") == record)
            #expect(try reopened.unfinishedTasks() == [record])
        }
    }

    @Test func aTaskRowHoldsExactlyTheBytesTheBusCarries() throws {
        try withJournal { journal, _ in
            let encoded = EncodedTaskRecord(journalTask("t-1"))
            try journal.commit([.upsertTask(encoded)])
            let stored = try sqlite(journal.path, "SELECT record FROM tasks WHERE id = 't-1'")
            #expect(stored == String(decoding: encoded.json, as: UTF8.self) + "\n")
        }
    }

    /// Runs one statement with the sqlite3 command-line shell (scripts/setup.sh installs
    /// it); returns what it printed.
    @discardableResult
    private func sqlite(_ path: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, statement]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed on \(statement)")
        return String(decoding: printed, as: UTF8.self)
    }
}
