import Logging
import Wire

/// This broker's place in the election between brokers that share one PostgreSQL
/// journal, as a pure state machine.
///
/// A standby polls: it says it is waiting and tries to take the lease, which the database
/// grants only when it is free or expired by the database's own clock, incrementing the
/// epoch. The broker that gets it takes over (``LeadershipAction/takeOver(_:)``) and
/// renews every heartbeat. The active steps down at once when a renewal fails, when the
/// lease is no longer its own, when a commit is refused by the journal's fence, or when it
/// has heard nothing back for ``LeadershipPolicy/serving`` since the last renewal it sent
/// that succeeded: by its own clock, before the lease could end in the database, so a
/// deposed broker has stopped acknowledging before another can start. A stepped-down
/// broker never serves again in this process (its supervisor starts it again as a standby).
///
/// It never reads a clock or touches the database: every input takes `now`, and each
/// database request it asks for (`.poll`, `.renew`) is answered by one input, at most one
/// in flight at a time.
struct Leadership: Sendable {
    /// Where this broker stands.
    enum Role: Sendable, Equatable {
        /// Waiting for the lease; serves nothing.
        case standby
        /// Holds the lease as `record` says; serves the bus.
        case active(LeaderRecord)
        /// Stepped down or shut down; `reason` says why. Final.
        case stopped(reason: String)
    }

    let policy: LeadershipPolicy
    private(set) var role: Role = .standby
    /// The lease holder the last poll found (nil: none yet, or the lease was free).
    private(set) var knownLeader: LeaderRecord?
    /// When the active must stop serving unless a renewal succeeds first.
    private(set) var servingUntil: ContinuousClock.Instant?
    /// When the request in flight (a poll or a renewal) was sent; nil when none is.
    private var requestSentAt: ContinuousClock.Instant?
    /// When the next poll (standby) or renewal (active) is due.
    private var nextRequest: ContinuousClock.Instant
    /// Whether the last poll failed, so that a run of failures is logged once.
    private var pollFailing = false

    init(policy: LeadershipPolicy, now: ContinuousClock.Instant) {
        self.policy = policy
        nextRequest = now
    }

    var isActive: Bool {
        if case .active = role { return true }
        return false
    }

    /// When ``tick(now:)`` has something to do next.
    var nextDeadline: ContinuousClock.Instant? {
        switch role {
        case .standby: return requestSentAt == nil ? nextRequest : nil
        case .active:
            guard let servingUntil else { return nextRequest }
            return requestSentAt == nil ? min(nextRequest, servingUntil) : servingUntil
        case .stopped: return nil
        }
    }

    /// Time passes: poll or renew when due; step down when the serving time ran out.
    mutating func tick(now: ContinuousClock.Instant) -> [LeadershipAction] {
        switch role {
        case .standby:
            guard requestSentAt == nil, now >= nextRequest else { return [] }
            requestSentAt = now
            return [.poll]
        case .active(let record):
            if let servingUntil, now >= servingUntil {
                return stepDown("the lease of epoch \(record.epoch) was not renewed in time (no answer from PostgreSQL for \(policy.serving))")
            }
            guard requestSentAt == nil, now >= nextRequest else { return [] }
            requestSentAt = now
            return [.renew(epoch: record.epoch)]
        case .stopped:
            return []
        }
    }

    /// The poll took the lease: `record` is the new row (epoch already incremented).
    mutating func acquired(_ record: LeaderRecord, now: ContinuousClock.Instant) -> [LeadershipAction] {
        guard case .standby = role, let sent = requestSentAt else { return [] }
        requestSentAt = nil
        let previous = knownLeader
        knownLeader = record
        pollFailing = false
        let until = sent + policy.serving
        guard now < until else {
            // The answer came so late that the lease could already be ending: serving now
            // could overlap a successor. Let it lapse and poll again.
            nextRequest = now
            return [.log(.warning, "took the lease as epoch \(record.epoch) too late to serve on it (the answer took \(now - sent)); polling again")]
        }
        role = .active(record)
        servingUntil = until
        nextRequest = sent + policy.heartbeat
        return [
            .log(.notice, "took the lease as epoch \(record.epoch): this broker is now the active one"),
            .takeOver(record, alert: Self.takeoverAlert(record, previous: previous)),
        ]
    }

    /// The poll found the lease held and live; `leader` is its holder.
    mutating func acquireRefused(leader: LeaderRecord?, now: ContinuousClock.Instant) -> [LeadershipAction] {
        guard case .standby = role, let sent = requestSentAt else { return [] }
        requestSentAt = nil
        knownLeader = leader
        nextRequest = max(now, sent + policy.pollInterval)
        guard pollFailing else { return [] }
        pollFailing = false
        return [.log(.notice, "PostgreSQL answers again; waiting as a standby")]
    }

    /// The poll could not reach the database or failed; the standby keeps polling.
    mutating func acquireFailed(_ reason: String, now: ContinuousClock.Instant) -> [LeadershipAction] {
        guard case .standby = role, let sent = requestSentAt else { return [] }
        requestSentAt = nil
        nextRequest = max(now, sent + policy.pollInterval)
        guard !pollFailing else { return [] }
        pollFailing = true
        return [.log(.warning, "cannot poll the lease (\(reason)); still a standby, trying again every \(policy.pollInterval)")]
    }

    /// The renewal sent last succeeded: serve on for ``LeadershipPolicy/serving`` from when it was sent.
    mutating func renewed(now: ContinuousClock.Instant) -> [LeadershipAction] {
        guard case .active = role, let sent = requestSentAt else { return [] }
        requestSentAt = nil
        servingUntil = max(servingUntil ?? sent, sent + policy.serving)
        nextRequest = sent + policy.heartbeat
        return []
    }

    /// The renewal failed (PostgreSQL unreachable, an error) or found the lease no longer
    /// ours (another epoch, or expired): step down at once.
    mutating func renewFailed(_ reason: String, now: ContinuousClock.Instant) -> [LeadershipAction] {
        guard case .active(let record) = role else { return [] }
        requestSentAt = nil
        return stepDown("could not renew the lease of epoch \(record.epoch): \(reason)")
    }

    /// The broker stopped serving on its own: a commit refused by the journal's fence
    /// (deposed), a journal failure, or a start that failed.
    mutating func brokerStopped(_ reason: String, now: ContinuousClock.Instant) -> [LeadershipAction] {
        switch role {
        case .active: return stepDown(reason)
        case .standby, .stopped: return []
        }
    }

    /// Graceful stop: an active broker gives its lease up so that a standby takes over at
    /// its next poll instead of waiting for the lease to run out.
    mutating func shutDown(now: ContinuousClock.Instant) -> [LeadershipAction] {
        let previous = role
        role = .stopped(reason: Self.shutDownReason)
        servingUntil = nil
        requestSentAt = nil
        if case .active(let record) = previous { return [.resign(epoch: record.epoch)] }
        return []
    }

    /// A takeover is worth a person's attention: the active broker died, lost PostgreSQL or
    /// was stopped. The first lease of a new database is no takeover.
    static func takeoverAlert(_ record: LeaderRecord, previous: LeaderRecord?) -> Alert? {
        guard record.epoch > 1 else { return nil }
        let from = previous.map { " from \($0.holder) (epoch \($0.epoch))" } ?? ""
        return Alert(
            kind: .brokerTakeover, severity: .warning,
            text: "broker \(record.holder) took over as the active broker\(from); it serves at \(record.endpoint) as epoch \(record.epoch)")
    }

    /// The reason of a broker that was shut down rather than stepped down.
    static let shutDownReason = "shut down"

    private mutating func stepDown(_ reason: String) -> [LeadershipAction] {
        role = .stopped(reason: reason)
        servingUntil = nil
        requestSentAt = nil
        return [.log(.critical, "stepping down: \(reason)"), .stepDown(reason: reason)]
    }
}
