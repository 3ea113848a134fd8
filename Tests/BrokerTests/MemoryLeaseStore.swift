@testable import Broker
import Foundation
import Synchronization
import Wire

/// The lease rows of `LeadershipStore` kept in memory with the same rules (the lease is
/// taken only when free or expired, each take increments the epoch, a renewal of an
/// expired or foreign lease fails), so the runner's wiring can be tested without
/// PostgreSQL. `unreachable` makes every request fail, as a lost link would.
final class MemoryLeaseStore: Sendable {
    struct Row: Sendable {
        var holder: String
        var endpoint: String
        var epoch: Int64
        var since: Date
        var leaseUntil: Date
    }

    private let row = Mutex<Row?>(nil)
    private let down = Mutex(false)
    private let polls = Mutex(0)

    /// A broker's view of the shared rows.
    struct Client: LeaseStore {
        let store: MemoryLeaseStore
        let holder: String
        let endpoint: String

        func poll(lease: Duration) async throws -> LeasePoll {
            try store.reachable()
            store.polls.withLock { $0 += 1 }
            let now = Date()
            return store.row.withLock { row in
                if let current = row, current.leaseUntil > now { return .held(by: record(current)) }
                let taken = Row(
                    holder: holder, endpoint: endpoint, epoch: (row?.epoch ?? 0) + 1, since: now,
                    leaseUntil: now.addingTimeInterval(lease.seconds))
                row = taken
                return .acquired(record(taken))
            }
        }

        func renew(epoch: Int64, lease: Duration) async throws -> Bool {
            try store.reachable()
            let now = Date()
            return store.row.withLock { row in
                guard var current = row, current.holder == holder, current.epoch == epoch, current.leaseUntil > now else { return false }
                current.leaseUntil = now.addingTimeInterval(lease.seconds)
                row = current
                return true
            }
        }

        func resign(epoch: Int64) async throws {
            try store.reachable()
            store.row.withLock { row in
                if row?.holder == holder, row?.epoch == epoch { row?.leaseUntil = Date() }
            }
        }

        func leadership(standbysSeenWithin freshness: Duration) async throws -> BrokerLeadership? {
            try store.reachable()
            return store.row.withLock { row in
                row.map { BrokerLeadership(active: $0.holder, endpoint: $0.endpoint, epoch: $0.epoch, since: $0.since, standbys: []) }
            }
        }

        private func record(_ row: Row) -> LeaderRecord {
            LeaderRecord(holder: row.holder, endpoint: row.endpoint, epoch: row.epoch, since: row.since, leaseUntil: row.leaseUntil)
        }
    }

    func client(_ holder: String, endpoint: String = "tcp://127.0.0.1:1") -> Client {
        Client(store: self, holder: holder, endpoint: endpoint)
    }

    /// Another broker holds a live lease for `duration`.
    func heldElsewhere(for duration: Duration) {
        let now = Date()
        row.withLock { row in
            row = Row(holder: "elsewhere", endpoint: "tcp://127.0.0.1:2", epoch: (row?.epoch ?? 0) + 1, since: now,
                      leaseUntil: now.addingTimeInterval(duration.seconds))
        }
    }

    /// Ends the other broker's lease now (it resigned).
    func releaseElsewhere() {
        row.withLock { row in row?.leaseUntil = Date() }
    }

    /// Polls answered so far.
    var pollCount: Int { polls.withLock { $0 } }

    var epoch: Int64? { row.withLock { $0?.epoch } }
    var holder: String? { row.withLock { $0?.holder } }

    /// Every request fails from now on (true) or works again (false).
    func setUnreachable(_ unreachable: Bool) { down.withLock { $0 = unreachable } }

    private func reachable() throws {
        if down.withLock({ $0 }) { throw LostLink() }
    }

    struct LostLink: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }
}
