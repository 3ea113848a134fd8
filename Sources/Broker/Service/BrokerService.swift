import Foundation
import Logging
import ServiceLifecycle
import Wire

/// The central router as a swift-service-lifecycle `Service`: starts the broker thread,
/// runs until graceful shutdown (SIGTERM/SIGINT via `ServiceGroup`), then stops it.
///
/// ```swift
/// let broker = try BrokerService(settings: BrokerSettings(dataDirectory: dir), logger: logger)
/// print(broker.endpoints.router)   // e.g. tcp://127.0.0.1:5555
/// try await ServiceGroup(services: [broker], logger: logger).run()
/// ```
public final class BrokerService: Service, Sendable {
    public let endpoints: BrokerEndpoints
    private let loop: SocketLoop<BrokerCommand>
    private let status: BrokerStatusBox
    private let logger: Logger
    private let retention: JournalRetention?

    /// libzmq I/O threads for a context that carries a broker. libzmq spreads the ROUTER's
    /// connections over them; with one, that thread was the bottleneck with thousands of
    /// agents (10,000 simulated agents did not all register within 180 s, and did in 13 s
    /// with two; docs/BENCHMARKS.md, part 6).
    public static let ioThreads = 2

    /// Opens the journal, binds the sockets and restores unfinished tasks; throws if any
    /// of that fails (a port in use, an unreadable journal), naming what failed. Without a
    /// `context`, the broker makes its own with ``ioThreads`` I/O threads.
    public init(settings: BrokerSettings, context: ZMQContext? = nil, logger: Logger) throws {
        Self.raiseOpenFileLimit(logger: logger)
        let context = try context ?? ZMQContext(ioThreads: Self.ioThreads)
        let status = BrokerStatusBox()
        self.status = status
        self.logger = logger
        loop = try SocketLoop.start(name: "broker", context: context) { control in
            try BrokerLoop(control: control, settings: settings, logger: logger, status: status)
        }
        guard let endpoints = status.endpoints else {
            loop.stop()
            throw BrokerStartError(reason: "the broker thread did not report its endpoints")
        }
        self.endpoints = endpoints
        if let period = settings.retention {
            // Opened after the broker thread created and migrated the journal.
            let pruner: any JournalPruning
            if let postgres = settings.postgresJournal {
                pruner = PostgresJournalPruner(settings: postgres, batchSize: settings.pruneBatchSize, logger: logger)
            } else {
                do {
                    pruner = try JournalPruner(
                        path: settings.dataDirectory.appendingPathComponent("journal.sqlite").path,
                        batchSize: settings.pruneBatchSize, busyTimeout: settings.journal.busyTimeout)
                } catch {
                    loop.stop()
                    throw error
                }
            }
            retention = JournalRetention(pruner: pruner, retention: period, interval: settings.pruneInterval, logger: logger)
        } else {
            retention = nil
        }
    }

    /// Each agent holds one of the broker's file descriptors: the soft limit goes up to the
    /// hard one, and the log says how many that allows.
    private static func raiseOpenFileLimit(logger: Logger) {
        guard let limit = OpenFileLimit.raiseToHard() else {
            logger.warning("could not read the open-file limit (RLIMIT_NOFILE); the broker can hold about as many agents as it allows")
            return
        }
        if limit.after > limit.before {
            logger.info("open-file limit raised from \(limit.before) to \(limit.after) (the hard limit): room for about that many agents")
        } else {
            logger.info("open-file limit \(limit.after): room for about that many agents (raise the hard limit, `ulimit -Hn` or LimitNOFILE=, for more)")
        }
    }

    /// Runs until cancelled or gracefully shut down; throws if the broker stopped on its own.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                if let retention { group.addTask { await retention.run() } }
                await loop.stopped()
                group.cancelAll()
            }
        } onGracefulShutdown: { [loop] in
            loop.stop()
        }
        if let failure = status.failure { throw BrokerStartError(reason: failure) }
    }

    /// Stops the broker thread; safe to call more than once.
    public func stop() async {
        loop.stop()
        await loop.stopped()
    }

    /// The state machine's running totals (invalid messages, tasks, ...).
    func counters() async -> BrokerCounters {
        await withCheckedContinuation { continuation in
            if !loop.post(.counters(continuation)) { continuation.resume(returning: BrokerCounters()) }
        }
    }

    /// Makes every later commit to the PostgreSQL journal prove `fence` (after a takeover
    /// bumped the epoch); the commits before it proved the old one.
    func setJournalFence(_ fence: JournalFence) {
        loop.post(.journalFence(fence))
    }

    /// Re-reads the authorised CURVE keys (what SIGHUP does).
    public func reloadAuthorizedKeys() {
        loop.post(.reloadAuthorizedKeys)
    }

    /// Tells the broker who leads the brokers sharing its journal, for `mmi.info`.
    func updateLeadership(_ leadership: BrokerLeadership) {
        loop.post(.leadership(leadership))
    }

    /// Publishes and delivers an alert detected outside the broker thread.
    func raise(_ alert: Alert) {
        loop.post(.raise(alert))
    }

    /// The ZAP handler's admissions and refusals; nil when CURVE is off.
    func curveAdmissions() async -> CurveAdmissions? {
        await withCheckedContinuation { continuation in
            if !loop.post(.curveAdmissions(continuation)) { continuation.resume(returning: nil) }
        }
    }
}

/// Why the broker could not start or had to stop.
struct BrokerStartError: Error, CustomStringConvertible, Sendable {
    var reason: String
    var description: String { reason }
}
