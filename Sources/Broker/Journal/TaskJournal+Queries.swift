import Foundation
import GRDB
import Wire

extension TaskJournal {
    /// Every task that is not in a terminal state, oldest first (by creation time, then
    /// id): what a restarting broker must dispatch again.
    func unfinishedTasks() throws(JournalError) -> [TaskRecord] {
        try read("the unfinished tasks") { db in
            let statement = try db.cachedStatement(
                sql: "SELECT record FROM tasks WHERE terminal = 0 ORDER BY created_at, id")
            return try String.fetchAll(statement).map { try decodeRecord($0) }
        }
    }

    /// The task with this id, or nil.
    public func task(id: String) throws(JournalError) -> TaskRecord? {
        try read("task \(id)") { db in
            let statement = try db.cachedStatement(sql: "SELECT record FROM tasks WHERE id = ?")
            return try String.fetchOne(statement, arguments: [id]).map { try decodeRecord($0) }
        }
    }

    /// The task submitted with this idempotency key, or nil.
    public func task(idempotencyKey: String) throws(JournalError) -> TaskRecord? {
        try read("the task with idempotency key \(idempotencyKey)") { db in
            let statement = try db.cachedStatement(sql: "SELECT record FROM tasks WHERE idempotency_key = ?")
            return try String.fetchOne(statement, arguments: [idempotencyKey]).map { try decodeRecord($0) }
        }
    }

    /// One page of tasks matching `query`, newest first (by creation time, then id).
    ///
    /// Pages are keyset-paginated: the page's `nextCursor` (a ``TaskCursor`` string, nil
    /// on the last page), passed back in the next query, continues exactly where it ended,
    /// with no duplicates or gaps even while tasks are added.
    func listTasks(_ query: TaskQuery) throws(JournalError) -> TaskPage {
        try read("a page of tasks") { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if !query.states.isEmpty {
                let states = query.states.map(\.rawValue).sorted()
                conditions.append("state IN (\(Array(repeating: "?", count: states.count).joined(separator: ", ")))")
                arguments += StatementArguments(states)
            }
            if let agent = query.agent {
                conditions.append("agent = ?")
                arguments += [agent]
            }
            if let source = query.source {
                conditions.append("source = ?")
                arguments += [source.rawValue]
            }
            if let cursor = query.cursor {
                conditions.append("(created_at, id) < (?, ?)")
                arguments += [cursor.createdAt, cursor.taskID]
            }
            let limit = query.clampedLimit
            // One row more than the page: its presence says whether a next page exists.
            arguments += [limit + 1]
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let statement = try db.cachedStatement(sql: """
                SELECT created_at, id, record FROM tasks\(filter)
                ORDER BY created_at DESC, id DESC LIMIT ?
                """)
            var tasks: [TaskRecord] = []
            var last: TaskCursor?
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            var hasMore = false
            while let row = try rows.next() {
                guard tasks.count < limit else {
                    hasMore = true
                    break
                }
                tasks.append(try decodeRecord(row.decode(String.self, atIndex: 2)))
                last = TaskCursor(
                    createdAt: try row.decode(Double.self, atIndex: 0),
                    taskID: try row.decode(String.self, atIndex: 1))
            }
            return TaskPage(tasks: tasks, nextCursor: hasMore ? last?.description : nil)
        }
    }

    /// How many tasks are in each state; every state is present, with 0 when none are.
    func counts() throws(JournalError) -> [TaskState: Int] {
        try read("the task counts") { db in
            var counts = Dictionary(uniqueKeysWithValues: TaskState.allCases.map { ($0, 0) })
            let rows = try Row.fetchCursor(db, sql: "SELECT state, COUNT(*) FROM tasks GROUP BY state")
            while let row = try rows.next() {
                let name = try row.decode(String.self, atIndex: 0)
                guard let state = TaskState(rawValue: name) else {
                    throw JournalError.undecodableRow(path: path, what: "a task state", reason: "unknown state \"\(name)\"")
                }
                counts[state] = try row.decode(Int.self, atIndex: 1)
            }
            return counts
        }
    }

    /// The record's JSON decoded, or an error that says the row is damaged.
    func decodeRecord(_ json: String) throws -> TaskRecord {
        do {
            return try coding.value(TaskRecord.self, from: json)
        } catch {
            throw JournalError.undecodableRow(path: path, what: "a task record", reason: String(describing: error))
        }
    }
}
