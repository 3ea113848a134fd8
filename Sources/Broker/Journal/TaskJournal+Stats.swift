import Foundation
import GRDB
import Wire

extension TaskJournal {
    /// The tasks that ended in each minute of the `minutes` whole minutes up to `until`
    /// (the last bucket is the minute `until` falls in), with the medians of their queue
    /// wait and run time. `julianday()` of 2001-01-01T00:00:00Z (2451910.5) is the
    /// journal's time origin.
    ///
    /// One range scan of the finished-tasks index (`tasks_finished`); the start of each
    /// task's last attempt is read from its record by SQLite (`json_extract`), and the
    /// medians are taken here. Failed, timed-out and dead-lettered tasks count as failed.
    func history(minutes: Int, until: Date, bucketSeconds: Int = 60) throws(JournalError) -> TaskHistory {
        try read("the task history") { db in try Self.history(in: db, minutes: minutes, until: until, bucketSeconds: bucketSeconds) }
    }

    /// ``history(minutes:until:bucketSeconds:)`` on any connection to the journal (the
    /// broker's, or a ``JournalHistoryReader``'s).
    static func history(in db: Database, minutes: Int, until: Date, bucketSeconds: Int = 60) throws -> TaskHistory {
        let width = Double(bucketSeconds)
        let lastStart = (until.timeIntervalSince1970 / width).rounded(.down) * width
        let firstStart = lastStart - Double(max(minutes, 1) - 1) * width
        let from = Date(timeIntervalSince1970: firstStart)
        var buckets = (0..<max(minutes, 1)).map { index in
            TaskHistoryBucket(start: Date(timeIntervalSince1970: firstStart + Double(index) * width))
        }
        var waits = Array(repeating: [Double](), count: buckets.count)
        var runs = Array(repeating: [Double](), count: buckets.count)
        let statement = try db.cachedStatement(sql: """
            SELECT state, created_at, updated_at,
                   (julianday(json_extract(record, '$.started_at')) - 2451910.5) * 86400.0
            FROM tasks INDEXED BY tasks_finished
            WHERE terminal = 1 AND updated_at >= ? AND updated_at < ?
            """)
        let rows = try Row.fetchCursor(
            statement, arguments: [from.journalSeconds, from.journalSeconds + Double(buckets.count) * width])
        while let row = try rows.next() {
            let ended = try row.decode(Double.self, atIndex: 2)
            let index = Int(((ended - from.journalSeconds) / width).rounded(.down))
            guard buckets.indices.contains(index) else { continue }
            switch TaskState(rawValue: try row.decode(String.self, atIndex: 0)) {
            case .succeeded: buckets[index].succeeded += 1
            case .cancelled: buckets[index].cancelled += 1
            case .failed, .timedOut, .deadLettered: buckets[index].failed += 1
            default: continue
            }
            guard let started = try row.decode(Double?.self, atIndex: 3) else { continue }
            let created = try row.decode(Double.self, atIndex: 1)
            waits[index].append(max(started - created, 0) * 1000)
            runs[index].append(max(ended - started, 0) * 1000)
        }
        for index in buckets.indices {
            buckets[index].queueWaitP50Ms = Self.median(waits[index])
            buckets[index].runTimeP50Ms = Self.median(runs[index])
        }
        return TaskHistory(bucketSeconds: bucketSeconds, buckets: buckets)
    }

    /// The middle value (the mean of the two middle ones for an even count), rounded to
    /// the millisecond; nil for no values.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let value = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return value.rounded()
    }
}
