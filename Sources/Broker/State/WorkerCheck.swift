import Wire

/// A deadline in ``BrokerState/workerChecks``: the worker of this registration may have
/// been silent too long, or held its oldest plain request too long. One live entry per
/// worker (``Worker/nextCheck``), moved on each time it fires, so heartbeats and plain
/// requests add nothing to the heap however many there are.
///
/// These deadlines are kept apart from the other timers because they are judged against
/// ``BrokerState/silenceHorizon``, not against the clock: a heartbeat still waiting in the
/// broker's own input is no silence.
struct WorkerCheck: Sendable, Hashable {
    let peer: PeerID
    let generation: Int
}
