import Wire

/// A client request for a worker service (not `mmi.*`): waiting for a worker, or held by one.
struct PlainRequest: Sendable {
    /// Unique per broker run: tells two requests of one client apart.
    let id: UInt64
    let client: PeerID
    /// The client's framing: every answer to this request uses it.
    let framing: MDPFraming
    let service: String
    let body: [Frame]
    /// When the broker received it (the request expiry counts from here).
    let receivedAt: Duration
    /// When a worker got it (the busy-worker timeout counts from here).
    var dispatchedAt: Duration?

    /// The worker REQUEST carrying it: the envelope is the client's identity, as 18/MDP says.
    var workerCommand: MDPWorkerCommand { .request(envelope: [client.identity], body: body) }
}
