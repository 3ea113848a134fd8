import Foundation
import GRDB
import Testing
import Wire

@testable import Broker

/// Updates that leave a task's agent alone do not set it (nor `terminal` unless it
/// changes): the rows and every index must still agree with a full upsert's.
@Suite struct JournalIndexedColumnsTests {
    /// `id`'s version in `state` with `agent`, updated a second after creation.
    static func version(_ id: String, _ state: TaskState, agent: String?) -> JournalWrite {
        var record = journalTask(id, state: state, agent: agent)
        record.updatedAt = journalDate(1)
        return .upsert(record)
    }

    static func expectConsistent(_ journal: TaskJournal, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try journal.pragma("integrity_check") == "ok", sourceLocation: sourceLocation)
    }

    static func ids(_ journal: TaskJournal, agent: String? = nil, states: Set<TaskState> = []) throws -> [String] {
        try journal.listTasks(TaskQuery(states: states, agent: agent, limit: 100)).tasks.map(\.id)
    }

    @Test func aTaskThroughItsLifeIsFoundByItsAgentStateAndUnfinishedness() throws {
        try withJournal { journal, _ in
            let steps: [(TaskState, String?)] = [
                (.queued, nil), (.assigned, "CC01"), (.running, "CC01"), (.retrying, "CC01"),
                (.assigned, "CC02"), (.running, "CC02"), (.succeeded, "CC02"),
            ]
            for (state, agent) in steps {
                try journal.commit([Self.version("t1", state, agent: agent)])
                try Self.expectConsistent(journal)
                #expect(try journal.task(id: "t1")?.state == state)
                #expect(try Self.ids(journal, states: [state]) == ["t1"])
                if let agent { #expect(try Self.ids(journal, agent: agent) == ["t1"]) }
                #expect(try journal.unfinishedTasks().map(\.id) == (state.isTerminal ? [] : ["t1"]))
            }
            #expect(try Self.ids(journal, agent: "CC01").isEmpty)
            // A finished task is forgotten: only unfinished ones are remembered.
            #expect(journal.storedColumns.count == 0)
        }
    }

    @Test func severalVersionsInOneBatchAndAfterReopeningStayConsistent() throws {
        try withJournalDirectory { directory in
            do {
                let journal = try TaskJournal(directory: directory)
                defer { try? journal.close() }
                try journal.commit([
                    Self.version("a", .queued, agent: nil), Self.version("a", .assigned, agent: "CC01"),
                    Self.version("b", .queued, agent: nil),
                ])
                try journal.commit([Self.version("a", .running, agent: "CC01"), Self.version("b", .assigned, agent: "CC02")])
                try Self.expectConsistent(journal)
                #expect(journal.storedColumns.count == 2)
            }
            // A new journal remembers nothing: its first updates are full upserts.
            let journal = try TaskJournal(directory: directory)
            defer { try? journal.close() }
            try journal.commit([Self.version("a", .succeeded, agent: "CC01"), Self.version("b", .running, agent: "CC03")])
            try Self.expectConsistent(journal)
            #expect(try Self.ids(journal, agent: "CC03") == ["b"])
            #expect(try Self.ids(journal, agent: "CC01") == ["a"])
            #expect(try journal.unfinishedTasks().map(\.id) == ["b"])
        }
    }

    @Test func aRolledBackBatchLeavesWhatIsRememberedAsItWas() throws {
        try withJournal { journal, _ in
            try journal.commit([.upsert(journalTask("held", idempotencyKey: "key-1")), Self.version("a", .queued, agent: nil)])
            // Rolled back: "a" was not assigned to CC01 after all.
            #expect(throws: JournalError.self) {
                try journal.commit([
                    Self.version("a", .assigned, agent: "CC01"), .upsert(journalTask("thief", idempotencyKey: "key-1")),
                ])
            }
            // Had the journal remembered CC01, this update would leave the row's agent unset.
            try journal.commit([Self.version("a", .running, agent: "CC01")])
            try Self.expectConsistent(journal)
            #expect(try Self.ids(journal, agent: "CC01") == ["a"])
        }
    }

    @Test func anUpdateThatFindsNoRowFallsBackToTheFullUpsert() throws {
        try withJournal { journal, directory in
            try journal.commit([Self.version("a", .queued, agent: nil), Self.version("b", .queued, agent: nil)])
            // Deleted behind the journal's back (another program, a manual repair).
            let other = try DatabaseQueue(path: journal.path)
            try other.write { try $0.execute(sql: "DELETE FROM tasks WHERE id = 'a'") }
            try other.close()
            try journal.commit([Self.version("a", .running, agent: nil)])
            try Self.expectConsistent(journal)
            #expect(try journal.task(id: "a")?.state == .running)
        }
    }
}
