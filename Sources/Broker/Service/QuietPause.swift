/// How long the broker waits before it polls again after a wake-up that only refreshed
/// heartbeats.
///
/// A thousand idle agents heartbeat a thousand times a second, staggered, and each
/// heartbeat would wake the broker thread on its own, so waking up would be most of an idle
/// broker's work (docs/BENCHMARKS.md, part 6). Pausing briefly after such a wake-up lets
/// the next few heartbeats arrive and be read together. The pause follows only a batch of heartbeats
/// alone that changed nothing outside the broker (no reply, dispatch, event, journal write
/// or log line) while nothing waits for the disk, so a busy broker never pauses (a request
/// that had to queue for a free worker also produces nothing, and must not pause the
/// broker that will dispatch it); a request that arrives during a pause waits at most
/// `duration`.
struct QuietPause: Sendable, Hashable {
    /// The pause; zero turns pausing off.
    var duration: Duration

    /// The pause after a batch of `handled` messages, or nil for none.
    ///
    /// - `heartbeatsOnly`: whether every message of the batch was a worker's HEARTBEAT.
    /// - `producedActions`: whether the batch gave the shell anything to do.
    /// - `holding`: whether earlier actions still wait for the journal's sync.
    func after(handled: Int, heartbeatsOnly: Bool, producedActions: Bool, holding: Bool) -> Duration? {
        guard duration > .zero, handled > 0, heartbeatsOnly, !producedActions, !holding else { return nil }
        return duration
    }
}
