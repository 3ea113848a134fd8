import Foundation
import Synchronization

/// What the agent's connection last knew about the broker, for the agent's status: whether
/// it is registered, at which endpoint, and when the broker was last heard from. Written by
/// the socket thread, read by anyone.
final class BrokerLink: Sendable {
    /// One reading of the link.
    struct Reading: Sendable, Equatable {
        /// True while registered with a broker (READY sent, not given up on).
        var registered: Bool
        /// The endpoint in use or being tried.
        var endpoint: String
        /// When the last message from the broker arrived (any MDP command); nil before the first.
        var lastContact: Date?
    }

    private let state: Mutex<Reading>

    /// A link not yet connected to `endpoint`.
    init(endpoint: String = "") {
        state = Mutex(Reading(registered: false, endpoint: endpoint, lastContact: nil))
    }

    /// The link as it is now.
    var reading: Reading { state.withLock { $0 } }

    func heard(at date: Date) {
        state.withLock { $0.lastContact = date }
    }

    func update(registered: Bool, endpoint: String) {
        state.withLock {
            $0.registered = registered
            $0.endpoint = endpoint
        }
    }
}
