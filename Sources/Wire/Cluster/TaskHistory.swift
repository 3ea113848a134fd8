import Foundation

/// The payload of `mmi.stats.history`: how far back to look.
public struct TaskHistoryQuery: Codable, Sendable, Hashable {
    /// The most minutes a history covers (a day).
    public static let maximumMinutes = 1440

    /// Minutes back from now, one bucket per minute (1 to ``maximumMinutes``; the broker
    /// clamps it).
    public var minutes: Int

    /// Creates a query.
    public init(minutes: Int = 60) {
        self.minutes = minutes
    }

    /// `minutes` within 1 ... ``maximumMinutes``.
    public var clampedMinutes: Int { min(max(minutes, 1), Self.maximumMinutes) }
}

/// Tasks finished per minute over a recent stretch, from the journal: the answer of
/// `mmi.stats.history` and of the bridge's `GET /stats/history`.
public struct TaskHistory: Codable, Sendable, Hashable {
    /// The length of each bucket in seconds (60).
    public var bucketSeconds: Int
    /// Every bucket of the stretch, oldest first, empty ones included.
    public var buckets: [TaskHistoryBucket]

    /// Creates a history.
    public init(bucketSeconds: Int, buckets: [TaskHistoryBucket]) {
        self.bucketSeconds = bucketSeconds
        self.buckets = buckets
    }

    enum CodingKeys: String, CodingKey {
        case bucketSeconds = "bucket_seconds"
        case buckets
    }
}

/// The tasks that finished within one bucket of a ``TaskHistory``.
public struct TaskHistoryBucket: Codable, Sendable, Hashable {
    /// The bucket's start (whole minutes, UTC).
    public var start: Date
    public var succeeded: Int
    /// Failed, timed out and dead-lettered tasks.
    public var failed: Int
    public var cancelled: Int
    /// The median time the bucket's tasks waited from submission to their last attempt's
    /// start, in milliseconds; null when none of them started.
    public var queueWaitP50Ms: Double?
    /// The median time from their last attempt's start to their end, in milliseconds;
    /// null when none of them started.
    public var runTimeP50Ms: Double?

    /// Creates a bucket.
    public init(
        start: Date, succeeded: Int = 0, failed: Int = 0, cancelled: Int = 0,
        queueWaitP50Ms: Double? = nil, runTimeP50Ms: Double? = nil
    ) {
        self.start = start
        self.succeeded = succeeded
        self.failed = failed
        self.cancelled = cancelled
        self.queueWaitP50Ms = queueWaitP50Ms
        self.runTimeP50Ms = runTimeP50Ms
    }

    enum CodingKeys: String, CodingKey {
        case start, succeeded, failed, cancelled
        case queueWaitP50Ms = "queue_wait_p50_ms"
        case runTimeP50Ms = "run_time_p50_ms"
    }

    /// Writes the medians as null rather than leaving them out, so every bucket has the
    /// same members.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(succeeded, forKey: .succeeded)
        try container.encode(failed, forKey: .failed)
        try container.encode(cancelled, forKey: .cancelled)
        try container.encode(queueWaitP50Ms, forKey: .queueWaitP50Ms)
        try container.encode(runTimeP50Ms, forKey: .runTimeP50Ms)
    }
}
