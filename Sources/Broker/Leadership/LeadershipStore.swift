import Foundation
import Logging
import PostgresNIO
import Synchronization
import Wire

/// The lease rows in PostgreSQL: the shell's half of ``Leadership``, one short statement
/// per request, every decision about time made by the database's clock (`now()`).
///
/// The tables are the journal's (`broker_leadership`, one row; `broker_standbys`); they
/// are created here too, identically, so that a standby that starts first on an empty
/// database can poll before any broker has opened the journal.
final class LeadershipStore: LeaseStore {
    private let client: PostgresClient
    private let logger: Logger
    private let prepared = Mutex(false)

    /// This broker, as it appears in the lease row.
    let holder: String
    let endpoint: String

    init(client: PostgresClient, holder: String, endpoint: String, logger: Logger) {
        self.client = client
        self.holder = holder
        self.endpoint = endpoint
        self.logger = logger
    }

    /// Says this broker is waiting, then takes the lease if it is free or expired.
    ///
    /// The takeover is a plain `UPDATE … WHERE lease_until <= now()`, which locks the row
    /// only once the lease has expired; an `INSERT … ON CONFLICT DO UPDATE` would lock it on
    /// every poll, stalling the active broker's batches (their fence reads it `FOR SHARE`)
    /// four times a second. The first lease of a new database is an insert that does
    /// nothing when a row is there.
    func poll(lease: Duration) async throws -> LeasePoll {
        try await prepareTables()
        let seconds = lease.seconds
        try await client.query("""
            INSERT INTO broker_standbys (holder, endpoint, seen_at) VALUES (\(holder), \(endpoint), now())
            ON CONFLICT (holder) DO UPDATE SET endpoint = EXCLUDED.endpoint, seen_at = EXCLUDED.seen_at
            """, logger: logger)
        let taken = try await Self.firstLeader(client.query("""
            UPDATE broker_leadership
              SET holder = \(holder), endpoint = \(endpoint), epoch = epoch + 1,
                  since = now(), lease_until = now() + make_interval(secs => \(seconds))
              WHERE lease_until <= now()
            RETURNING holder, endpoint, epoch, since, lease_until
            """, logger: logger))
        let first = taken != nil ? nil : try await Self.firstLeader(client.query("""
            INSERT INTO broker_leadership (singleton, holder, endpoint, epoch, since, lease_until)
            VALUES (true, \(holder), \(endpoint), 1, now(), now() + make_interval(secs => \(seconds)))
            ON CONFLICT (singleton) DO NOTHING
            RETURNING holder, endpoint, epoch, since, lease_until
            """, logger: logger))
        if let record = taken ?? first {
            try await client.query("DELETE FROM broker_standbys WHERE holder = \(holder)", logger: logger)
            return .acquired(record)
        }
        return .held(by: try await leader())
    }

    /// Extends the lease held under `epoch`; false when it is no longer ours (another
    /// epoch holds it, or it expired: a late renewal never revives a lease).
    func renew(epoch: Int64, lease: Duration) async throws -> Bool {
        let rows = try await client.query("""
            UPDATE broker_leadership SET lease_until = now() + make_interval(secs => \(lease.seconds))
            WHERE holder = \(holder) AND epoch = \(epoch) AND lease_until > now()
            RETURNING epoch
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// Ends the lease held under `epoch` now, so that a standby takes it at its next poll.
    func resign(epoch: Int64) async throws {
        try await client.query("""
            UPDATE broker_leadership SET lease_until = now() WHERE holder = \(holder) AND epoch = \(epoch)
            """, logger: logger)
    }

    /// The lease row; nil before any broker took it.
    func leader() async throws -> LeaderRecord? {
        try await Self.firstLeader(client.query(
            "SELECT holder, endpoint, epoch, since, lease_until FROM broker_leadership", logger: logger))
    }

    func leadership(standbysSeenWithin freshness: Duration) async throws -> BrokerLeadership? {
        guard let leader = try await leader() else { return nil }
        let standbys = try await standbys(seenWithin: freshness).map {
            BrokerLeadership.Standby(name: $0.holder, endpoint: $0.endpoint, seenAt: $0.seenAt)
        }
        return BrokerLeadership(active: leader.holder, endpoint: leader.endpoint, epoch: leader.epoch, since: leader.since, standbys: standbys)
    }

    /// Standbys that polled within `freshness`, by name.
    func standbys(seenWithin freshness: Duration) async throws -> [StandbyRecord] {
        let rows = try await client.query("""
            SELECT holder, endpoint, seen_at FROM broker_standbys
            WHERE seen_at > now() - make_interval(secs => \(freshness.seconds)) ORDER BY holder
            """, logger: logger)
        var standbys: [StandbyRecord] = []
        for try await (holder, endpoint, seenAt) in rows.decode((String, String, Date).self) {
            standbys.append(StandbyRecord(holder: holder, endpoint: endpoint, seenAt: seenAt))
        }
        return standbys
    }

    private static func firstLeader(_ rows: PostgresRowSequence) async throws -> LeaderRecord? {
        for try await (holder, endpoint, epoch, since, leaseUntil) in rows.decode((String, String, Int64, Date, Date).self) {
            return LeaderRecord(holder: holder, endpoint: endpoint, epoch: epoch, since: since, leaseUntil: leaseUntil)
        }
        return nil
    }

    /// Creates the lease tables once per process (the journal's schema has the same two).
    func prepareTables() async throws {
        if prepared.withLock({ $0 }) { return }
        for statement in Self.schema { try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
        prepared.withLock { $0 = true }
    }

    /// The lease tables, exactly as the PostgreSQL journal's schema creates them.
    static let schema = [
        """
        CREATE TABLE IF NOT EXISTS broker_leadership (
          singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
          holder text NOT NULL, endpoint text NOT NULL, epoch bigint NOT NULL,
          since timestamptz NOT NULL, lease_until timestamptz NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS broker_standbys (
          holder text PRIMARY KEY, endpoint text NOT NULL, seen_at timestamptz NOT NULL)
        """,
    ]
}
