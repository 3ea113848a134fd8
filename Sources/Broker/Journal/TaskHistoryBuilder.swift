import Foundation
import Wire

/// Sorts finished tasks into the minute buckets of a ``TaskHistory``, whichever journal
/// read them: the journal hands it the rows its range scan found, and it counts each
/// ending and takes the medians of queue wait and run time.
///
/// Times are the journal's: seconds since 2001-01-01 UTC. Failed, timed-out and
/// dead-lettered tasks count as failed.
struct TaskHistoryBuilder {
    let bucketSeconds: Int
    /// The start of the first bucket, in journal seconds.
    let from: Double
    private var buckets: [TaskHistoryBucket]
    private var waits: [[Double]]
    private var runs: [[Double]]

    /// The `minutes` whole buckets up to `until` (the last is the one `until` falls in).
    init(minutes: Int, until: Date, bucketSeconds: Int = 60) {
        let width = Double(bucketSeconds)
        let count = max(minutes, 1)
        let lastStart = (until.timeIntervalSince1970 / width).rounded(.down) * width
        let firstStart = lastStart - Double(count - 1) * width
        self.bucketSeconds = bucketSeconds
        from = Date(timeIntervalSince1970: firstStart).journalSeconds
        buckets = (0..<count).map { index in
            TaskHistoryBucket(start: Date(timeIntervalSince1970: firstStart + Double(index) * width))
        }
        waits = Array(repeating: [], count: count)
        runs = Array(repeating: [], count: count)
    }

    /// The end of the last bucket, in journal seconds: the scan reads `from ..< to`.
    var to: Double { from + Double(buckets.count * bucketSeconds) }

    /// Counts a task that ended at `ended` in `state`; `started` is when its last attempt
    /// began, if it ever ran.
    mutating func add(state: TaskState?, created: Double, ended: Double, started: Double?) {
        let index = Int(((ended - from) / Double(bucketSeconds)).rounded(.down))
        guard buckets.indices.contains(index) else { return }
        switch state {
        case .succeeded: buckets[index].succeeded += 1
        case .cancelled: buckets[index].cancelled += 1
        case .failed, .timedOut, .deadLettered: buckets[index].failed += 1
        default: return
        }
        guard let started else { return }
        waits[index].append(max(started - created, 0) * 1000)
        runs[index].append(max(ended - started, 0) * 1000)
    }

    /// The buckets with their medians.
    var history: TaskHistory {
        var finished = buckets
        for index in finished.indices {
            finished[index].queueWaitP50Ms = Self.median(waits[index])
            finished[index].runTimeP50Ms = Self.median(runs[index])
        }
        return TaskHistory(bucketSeconds: bucketSeconds, buckets: finished)
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
