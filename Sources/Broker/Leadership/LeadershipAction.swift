import Logging
import Wire

/// What the leadership state machine asks its shell (`LeadershipRunner`) to do.
enum LeadershipAction: Sendable, Equatable {
    /// Say this broker is waiting (`broker_standbys`) and try to take the lease if it is
    /// free or expired; answer with ``Leadership/acquired(_:now:)``,
    /// ``Leadership/acquireRefused(leader:now:)`` or ``Leadership/acquireFailed(_:now:)``.
    case poll
    /// Renew the lease held under `epoch`; answer with ``Leadership/renewed(now:)`` or
    /// ``Leadership/renewFailed(_:now:)``.
    case renew(epoch: Int64)
    /// The lease is ours as `record` says: open the journal fenced with its epoch, restore
    /// every unfinished task, bind and serve; raise `alert` (a `broker_takeover`, nil for
    /// the first broker of a new database) once serving.
    case takeOver(LeaderRecord, alert: Alert?)
    /// Stop serving at once (nothing more may be acknowledged) and leave; `reason` is
    /// the log line and the exit message.
    case stepDown(reason: String)
    /// Give the lease up (graceful stop) so that a standby takes over at its next poll.
    case resign(epoch: Int64)
    case log(Logger.Level, String)
}
