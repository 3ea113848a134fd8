import Synchronization

/// What the broker thread tells the rest of the process: the endpoints it bound and why
/// it stopped, if it stopped on its own.
final class BrokerStatusBox: Sendable {
    private struct Status {
        var endpoints: BrokerEndpoints?
        var failure: String?
    }

    private let status = Mutex(Status())

    func bound(_ endpoints: BrokerEndpoints) { status.withLock { $0.endpoints = endpoints } }
    func failed(_ reason: String) { status.withLock { $0.failure = reason } }

    var endpoints: BrokerEndpoints? { status.withLock { $0.endpoints } }
    var failure: String? { status.withLock { $0.failure } }
}
