/// The moment up to which the broker has read what its peers sent, as far as deciding
/// silence goes.
///
/// A worker is silent only if nothing it sent before a moment the broker had read all its
/// input arrived: a heartbeat still queued in the ROUTER's input is no silence. A starved
/// broker (thousands of agents on a busy machine) reads heartbeats more slowly than they
/// come, and expiring agents whose heartbeats wait in its own queue makes them register
/// again, which starves it further (docs/BENCHMARKS.md, part 6). So while the shell
/// reports its input backlogged (its last read stopped at the batch limit, not on an
/// empty socket) the horizon stays where the shell last caught up, but never more than
/// `maximumLag` behind the clock: a broker that never catches up still finds silent
/// workers, at most `maximumLag` late.
struct SilenceHorizon: Sendable, Hashable {
    /// The horizon: the clock while caught up, else the last caught-up moment, but never
    /// more than ``maximumLag`` behind the clock.
    private(set) var moment: Duration = .zero
    /// When the shell last reported its input read to the end.
    private(set) var caughtUpAt: Duration = .zero
    /// How far behind the clock the horizon may fall.
    let maximumLag: Duration

    init(maximumLag: Duration) {
        self.maximumLag = maximumLag
    }

    /// Moves the horizon to `now`: to the clock if the input is read to the end, else to
    /// the last caught-up moment within ``maximumLag``. Never moves it back.
    mutating func advance(to now: Duration, inputBacklogged: Bool) {
        if !inputBacklogged { caughtUpAt = max(caughtUpAt, now) }
        moment = max(moment, inputBacklogged ? max(caughtUpAt, now - maximumLag) : now)
    }

    /// Whether the horizon is behind the clock at `now`.
    func isBehind(_ now: Duration) -> Bool { moment < now }
}
