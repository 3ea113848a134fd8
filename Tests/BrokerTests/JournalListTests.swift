import Foundation
import Testing
import Wire

@testable import Broker

@Suite struct JournalListTests {
    /// 25 tasks over 10 distinct creation times (ties included), varied state/agent/source.
    private func seed(_ journal: TaskJournal) throws -> [TaskRecord] {
        let states: [TaskState] = [.queued, .running, .succeeded, .failed]
        let sources: [TaskSource] = [.api, .github, .cli]
        let records = (0..<25).map { index in
            journalTask(
                "t-\(index)", at: Double(index % 10), state: states[index % states.count],
                agent: index % 2 == 0 ? "CC01" : "CC02", source: sources[index % sources.count])
        }
        try journal.commit(records.shuffled().map(JournalWrite.upsert))
        return records.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// Every page of `query`, following cursors to the end.
    private func allPages(_ journal: TaskJournal, _ query: TaskQuery) throws -> [TaskPage] {
        var pages: [TaskPage] = []
        var query = query
        while pages.count < 100 {
            let page = try journal.listTasks(query)
            pages.append(page)
            guard let next = page.nextCursor else { break }
            let cursor = try #require(TaskCursor(next))
            query.cursor = cursor
        }
        return pages
    }

    @Test func pagesCoverEveryTaskOnceNewestFirst() throws {
        try withJournal { journal, _ in
            let newestFirst = try seed(journal)
            let pages = try allPages(journal, TaskQuery(limit: 4))
            #expect(pages.count == 7)
            #expect(pages.dropLast().allSatisfy { $0.tasks.count == 4 })
            #expect(pages.flatMap(\.tasks) == newestFirst)
        }
    }

    @Test func aPageThatEndsExactlyAtTheLastTaskHasNoNextCursor() throws {
        try withJournal { journal, _ in
            _ = try seed(journal)
            let pages = try allPages(journal, TaskQuery(limit: 5))
            #expect(pages.count == 5)
            #expect(pages.last?.tasks.count == 5)
        }
    }

    @Test func filtersCombineAndPaginate() throws {
        try withJournal { journal, _ in
            let newestFirst = try seed(journal)
            let query = TaskQuery(states: [.queued, .failed], agent: "CC02", source: .api, limit: 1)
            let expected = newestFirst.filter {
                [.queued, .failed].contains($0.state) && $0.agent == "CC02" && $0.spec.source == .api
            }
            #expect(!expected.isEmpty)
            #expect(try allPages(journal, query).flatMap(\.tasks) == expected)

            let running = try journal.listTasks(TaskQuery(states: [.running], limit: 100)).tasks
            #expect(running == newestFirst.filter { $0.state == .running })
            let github = try journal.listTasks(TaskQuery(source: .github, limit: 100)).tasks
            #expect(github == newestFirst.filter { $0.spec.source == .github })
        }
    }

    @Test func tasksAddedBetweenPagesCauseNoDuplicatesOrGaps() throws {
        try withJournal { journal, _ in
            let newestFirst = try seed(journal)
            let first = try journal.listTasks(TaskQuery(limit: 10))
            // Newer tasks arrive: they belong before the first page, not in the next one.
            try journal.commit([.upsert(journalTask("late", at: 100))])
            let rest = try allPages(journal, TaskQuery(limit: 10, cursor: first.nextCursor.flatMap(TaskCursor.init)))
            #expect(first.tasks + rest.flatMap(\.tasks) == newestFirst)
        }
    }

    @Test func busQueriesBecomeJournalQueries() throws {
        try withJournal { journal, _ in
            let newestFirst = try seed(journal)
            let first = try journal.listTasks(TaskQuery(limit: 3))
            let cursor = try #require(first.nextCursor)
            let wire = TaskListQuery(states: [.running], agent: "CC02", source: .api, limit: 2, cursor: cursor)
            let query = try #require(TaskQuery(wire))
            #expect(query == TaskQuery(states: [.running], agent: "CC02", source: .api, limit: 2,
                                       cursor: TaskCursor(cursor)))
            #expect(TaskQuery(TaskListQuery(cursor: "not a cursor")) == nil)
            #expect(TaskQuery(TaskListQuery()) == TaskQuery())

            let second = try journal.listTasks(try #require(TaskQuery(TaskListQuery(limit: 3, cursor: cursor))))
            #expect(second.tasks == Array(newestFirst[3..<6]))
        }
    }

    @Test(arguments: ["", "nodot", "zz.t-1", "41d0000000000000.", "7ff0000000000000.t-1"])
    func malformedCursorsAreRejected(_ text: String) {
        #expect(TaskCursor(text) == nil)
    }

    @Test func limitsAreClamped() throws {
        try withJournal { journal, _ in
            _ = try seed(journal)
            #expect(try journal.listTasks(TaskQuery(limit: 0)).tasks.count == 1)
            #expect(try journal.listTasks(TaskQuery(limit: -5)).tasks.count == 1)
            #expect(try journal.listTasks(TaskQuery(limit: 1_000_000)).tasks.count == 25)
        }
    }
}
