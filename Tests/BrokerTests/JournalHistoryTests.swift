import Foundation
import Testing
import Wire

@testable import Broker

@Suite struct JournalHistoryTests {
    @Test func progressIsBoundedToTheNewestLines() throws {
        try withJournal(options: JournalOptions(progressLimit: 5)) { journal, _ in
            try journal.commit([.upsert(journalTask("t-1")), .upsert(journalTask("t-2"))])
            // Within one batch and across batches.
            try journal.commit((1...8).map { .appendProgress(journalProgress("t-1", sequence: $0)) })
            try journal.commit((9...12).map { .appendProgress(journalProgress("t-1", sequence: $0)) })
            try journal.commit([.appendProgress(journalProgress("t-2", sequence: 1))])

            let kept = try journal.progress(taskID: "t-1", limit: 100)
            #expect(kept == (8...12).map { journalProgress("t-1", sequence: $0) })
            #expect(try journal.progress(taskID: "t-2", limit: 100).count == 1)
        }
    }

    @Test func aRepeatedProgressLineIsStoredOnce() throws {
        try withJournal { journal, _ in
            try journal.commit([.upsert(journalTask("t-1"))])
            let line = journalProgress("t-1", sequence: 1)
            let summary = try journal.commit([.appendProgress(line), .appendProgress(line)])
            #expect(summary.duplicateProgress == 1)
            // The same sequence number in a later attempt is a different line.
            try journal.commit([.appendProgress(journalProgress("t-1", sequence: 1, attempt: 2))])
            #expect(try journal.progress(taskID: "t-1", limit: 10).map(\.attempt) == [1, 2])
        }
    }

    @Test func aResultIsRecordedOnceWhenTwoAttemptsAnswer() throws {
        try withJournal { journal, _ in
            let first = TaskResult(outcome: .succeeded, summary: "attempt 2 finished")
            let late = TaskResult(outcome: .failed, summary: "attempt 1 answered late")
            try journal.commit([.upsert(journalTask("t-1")), .recordResult(taskID: "t-1", attempt: 2, first)])
            let summary = try journal.commit([.recordResult(taskID: "t-1", attempt: 1, late)])

            #expect(summary.ignoredResults == [.init(taskID: "t-1", attempt: 1)])
            #expect(try journal.recordedResultCount(taskID: "t-1") == 1)
            #expect(try journal.recordedResult(taskID: "t-1") == RecordedResult(attempt: 2, result: first))
        }
    }

    @Test func twoResultsInOneBatchKeepTheFirst() throws {
        try withJournal { journal, _ in
            let a = TaskResult(outcome: .succeeded, summary: "a")
            let b = TaskResult(outcome: .succeeded, summary: "b")
            try journal.commit([
                .upsert(journalTask("t-1")),
                .recordResult(taskID: "t-1", attempt: 1, a), .recordResult(taskID: "t-1", attempt: 2, b),
            ])
            #expect(try journal.recordedResultCount(taskID: "t-1") == 1)
            #expect(try journal.recordedResult(taskID: "t-1")?.result == a)
        }
    }

    @Test func upsertingATaskKeepsItsHistory() throws {
        try withJournal { journal, _ in
            var record = journalTask("t-1")
            try journal.commit([
                .upsert(record), .appendProgress(journalProgress("t-1", sequence: 1)),
                .appendTranscript(taskID: "t-1", attempt: 1, text: "out"),
                .recordResult(taskID: "t-1", attempt: 1, TaskResult(outcome: .succeeded, summary: "ok")),
            ])
            record.state = .succeeded
            try journal.commit([.upsert(record)])
            #expect(try journal.progress(taskID: "t-1", limit: 10).count == 1)
            #expect(try journal.transcript(taskID: "t-1") == "out")
            #expect(try journal.recordedResultCount(taskID: "t-1") == 1)
        }
    }

    @Test func transcriptsAppendAndKeepTheLatestAttempt() throws {
        try withJournal { journal, _ in
            try journal.commit([
                .upsert(journalTask("t-1")),
                .appendTranscript(taskID: "t-1", attempt: 1, text: "first "),
                .appendTranscript(taskID: "t-1", attempt: 1, text: "attempt"),
                .appendTranscript(taskID: "t-1", attempt: 2, text: "second attempt"),
            ])
            #expect(try journal.transcript(taskID: "t-1") == "second attempt")
            #expect(try journal.transcript(taskID: "t-1", attempt: 1) == "first attempt")
            #expect(try journal.transcript(taskID: "t-2") == nil)
        }
    }

    @Test func transcriptsAreCappedToTheirNewestBytes() throws {
        try withJournal(options: JournalOptions(transcriptByteLimit: 100)) { journal, _ in
            let text = (0..<30).map { "line \($0)\n" }.joined()  // 230 bytes
            try journal.commit([.upsert(journalTask("t-1"))])
            try journal.commit([.appendTranscript(taskID: "t-1", attempt: 1, text: text)])
            try journal.commit([.appendTranscript(taskID: "t-1", attempt: 1, text: "end\n")])

            let shown = try #require(try journal.transcript(taskID: "t-1"))
            let expectedTail = String((text + "end\n").utf8.suffix(100))!
            let dropped = (text + "end\n").utf8.count - 100
            #expect(shown == "[task journal: \(dropped) earlier bytes of this transcript were dropped]\n" + expectedTail)
        }
    }
}

@Suite struct TranscriptTailTests {
    @Test func shortTextIsKeptWhole() {
        let tail = TranscriptTail(text: "ab", droppedBytes: 0).appending("cd", limit: 4)
        #expect(tail == TranscriptTail(text: "abcd", droppedBytes: 0))
        #expect(tail.shownText == "abcd")
    }

    @Test func theCutNeverSplitsACodePoint() {
        // "é" is two bytes and "😀" four: the last 6 bytes start inside the "é".
        let tail = TranscriptTail(text: "", droppedBytes: 0).appending("aé😀b", limit: 6)
        #expect(tail.text == "😀b")
        #expect(tail.droppedBytes == 3)
    }

    @Test func droppedBytesAccumulate() {
        let once = TranscriptTail(text: "", droppedBytes: 0).appending("0123456789", limit: 4)
        let twice = once.appending("ab", limit: 4)
        #expect(twice == TranscriptTail(text: "89ab", droppedBytes: 8))
    }
}
