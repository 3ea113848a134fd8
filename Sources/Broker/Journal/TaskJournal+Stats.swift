import Foundation
import GRDB
import Wire

extension TaskJournal {
    /// The tasks that ended in each minute of the `minutes` whole minutes up to `until`
    /// (the last bucket is the minute `until` falls in), with the medians of their queue
    /// wait and run time (``TaskHistoryBuilder``).
    func history(minutes: Int, until: Date, bucketSeconds: Int) throws(JournalError) -> TaskHistory {
        try read("the task history") { db in try Self.history(in: db, minutes: minutes, until: until, bucketSeconds: bucketSeconds) }
    }

    /// ``history(minutes:until:bucketSeconds:)`` on any connection to the journal (the
    /// broker's, or a ``JournalHistoryReader``'s).
    ///
    /// One range scan of the finished-tasks index (`tasks_finished`); the start of each
    /// task's last attempt is read from its record by SQLite (`json_extract`).
    /// `julianday()` of 2001-01-01T00:00:00Z (2451910.5) is the journal's time origin.
    static func history(in db: Database, minutes: Int, until: Date, bucketSeconds: Int = 60) throws -> TaskHistory {
        var builder = TaskHistoryBuilder(minutes: minutes, until: until, bucketSeconds: bucketSeconds)
        let statement = try db.cachedStatement(sql: """
            SELECT state, created_at, updated_at,
                   (julianday(json_extract(record, '$.started_at')) - 2451910.5) * 86400.0
            FROM tasks INDEXED BY tasks_finished
            WHERE terminal = 1 AND updated_at >= ? AND updated_at < ?
            """)
        let rows = try Row.fetchCursor(statement, arguments: [builder.from, builder.to])
        while let row = try rows.next() {
            builder.add(
                state: TaskState(rawValue: try row.decode(String.self, atIndex: 0)),
                created: try row.decode(Double.self, atIndex: 1), ended: try row.decode(Double.self, atIndex: 2),
                started: try row.decode(Double?.self, atIndex: 3))
        }
        return builder.history
    }
}
