import Broker
import Dispatch
import Foundation
import Logging
import ServiceLifecycle

/// Re-reads the broker's authorised CURVE keys on SIGHUP, for as long as the cluster
/// runs: `kill -HUP <pid>` after adding or removing a `.pub` file. (The broker also
/// notices changes to the directory on its own, at the next handshake.)
struct AuthorizedKeysReloader: Service {
    let broker: BrokerService
    let logger: Logger

    func run() async throws {
        // The default action of SIGHUP ends the process: ignore it, and take it from a
        // dispatch source instead (which still sees ignored signals).
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        let broker = self.broker
        let logger = self.logger
        source.setEventHandler {
            logger.notice("SIGHUP: re-reading the authorised CURVE keys")
            broker.reloadAuthorizedKeys()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGHUP, SIG_DFL)
        }
        // Runs until the group shuts down; returning earlier would stop the whole group.
        try? await gracefulShutdown()
    }
}
