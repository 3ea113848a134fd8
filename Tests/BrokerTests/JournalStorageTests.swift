import Foundation
import Testing
import Wire

@testable import Broker

@Suite struct JournalStorageTests {
    @Test func theFileIsInWALModeWithFullSyncAndForeignKeys() throws {
        try withJournal { journal, directory in
            #expect(journal.path == directory.appendingPathComponent("journal.sqlite").path)
            let settings = try ["journal_mode", "synchronous", "foreign_keys"].map(journal.pragma)
            #expect(settings == ["wal", "2", "1"])  // synchronous 2 is FULL
            #expect(FileManager.default.fileExists(atPath: journal.path))
        }
    }

    @Test func synchronousIsAnOption() throws {
        try withJournal(options: JournalOptions(synchronous: .normal)) { journal, _ in
            let synchronous = try journal.pragma("synchronous")
            #expect(synchronous == "1")  // NORMAL
        }
    }

    @Test func optionsAreClamped() {
        var options = JournalOptions(progressLimit: 0, transcriptByteLimit: -1, busyTimeout: .seconds(-3))
        #expect(options.progressLimit == 1 && options.transcriptByteLimit == 1 && options.busyTimeout == .zero)
        options.progressLimit = -7
        #expect(JournalOptions(progressLimit: options.progressLimit).progressLimit == 1)
    }

    @Test func aFileThatIsNotADatabaseGivesAClearError() throws {
        try withJournalDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appendingPathComponent("journal.sqlite")
            try Data(repeating: 0x5A, count: 8_192).write(to: file)

            let error = #expect(throws: JournalError.self) { _ = try TaskJournal(directory: directory) }
            guard case .corrupt(let path, _) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(path == file.path)
            #expect(error?.description.contains(file.path) == true)
            // Nothing was written over the damaged file.
            #expect(try Data(contentsOf: file) == Data(repeating: 0x5A, count: 8_192))
        }
    }

    @Test func aDataDirectoryThatIsAFileGivesAClearError() throws {
        try withJournalDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let notADirectory = directory.appendingPathComponent("data")
            try Data("x".utf8).write(to: notADirectory)
            let error = #expect(throws: JournalError.self) { _ = try TaskJournal(directory: notADirectory) }
            guard case .cannotCreateDirectory = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
        }
    }

    @Test func aClosedJournalRefusesWork() throws {
        try withJournal { journal, _ in
            try journal.close()
            try journal.close()
            #expect(throws: JournalError.closed(path: journal.path)) { _ = try journal.task(id: "t-1") }
            #expect(throws: JournalError.closed(path: journal.path)) {
                try journal.commit([.upsert(journalTask("t-1"))])
            }
        }
    }

    @Test func errorsNameTheFile() {
        let error = JournalError.cannotOpen(path: "/x/journal.sqlite", reason: "unable to open database file")
        #expect(error.description.hasPrefix("could not open the task journal at /x/journal.sqlite: "))
    }
}
