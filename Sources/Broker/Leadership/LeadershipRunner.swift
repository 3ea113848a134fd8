import Logging
import ServiceLifecycle
import Synchronization
import Wire

/// The shell around ``Leadership``: feeds it the clock and the lease store's answers,
/// carries out its actions, and runs a ``BrokerService`` only while this broker holds the
/// lease.
///
/// A standby binds nothing: its clients, finding no broker at its endpoint, move on to the
/// next one they were given. On a takeover the broker is started by `startBroker` (which
/// opens the journal fenced with the new epoch, restores every unfinished task, binds and
/// serves) on a thread of its own, while renewals go on. On a step-down the broker is
/// stopped at once and ``run()`` throws ``LeadershipLost``: the process exits non-zero and
/// its supervisor starts it again, as a standby.
final class LeadershipRunner: Sendable {
    let policy: LeadershipPolicy
    private let store: any LeaseStore
    private let startBroker: @Sendable (LeaderRecord) throws -> BrokerService
    private let logger: Logger
    private let events: AsyncStream<Event>
    private let input: AsyncStream<Event>.Continuation
    private let current = Mutex<BrokerService?>(nil)

    /// What reaches the election loop.
    enum Event: Sendable {
        case tick
        case polled(Result<LeasePoll, any Error>)
        case renewed(Result<Bool, any Error>)
        case started(BrokerService, alert: Alert?)
        case startFailed(String)
        case brokerStopped(String)
        case shutdown
    }

    init(
        policy: LeadershipPolicy, store: any LeaseStore, logger: Logger,
        startBroker: @escaping @Sendable (LeaderRecord) throws -> BrokerService
    ) {
        self.policy = policy
        self.store = store
        self.logger = logger
        self.startBroker = startBroker
        (events, input) = AsyncStream.makeStream(of: Event.self)
    }

    /// The broker serving now; nil while this one is a standby.
    var serving: BrokerService? { current.withLock { $0 } }

    /// Ends the election (what graceful shutdown does): an active broker stops serving and
    /// resigns its lease.
    func shutDown() { input.yield(.shutdown) }

    /// Runs the election until shut down (returns) or stepped down (throws).
    func run() async throws {
        let interval = max(.milliseconds(10), min(policy.pollInterval, policy.heartbeat) / 5)
        let ticker = Task { [input] in
            while !Task.isCancelled {
                input.yield(.tick)
                try? await Task.sleep(for: interval)
            }
        }
        defer { ticker.cancel() }
        let failure = await withGracefulShutdownHandler {
            await elect()
        } onGracefulShutdown: { [input] in
            input.yield(.shutdown)
        }
        // Cancelled (the service group stopping for another service's failure): serve no more.
        await stopServing()
        if let failure { throw LeadershipLost(reason: failure) }
    }

    /// The election loop; returns why it stepped down, nil after a shutdown.
    private func elect() async -> String? {
        var leadership = Leadership(policy: policy, now: .now)
        for await event in events {
            let now = ContinuousClock.now
            var actions: [LeadershipAction] = []
            switch event {
            case .tick:
                actions = leadership.tick(now: now)
            case .polled(.success(.acquired(let record))):
                actions = leadership.acquired(record, now: now)
            case .polled(.success(.held(let leader))):
                actions = leadership.acquireRefused(leader: leader, now: now)
            case .polled(.failure(let error)):
                actions = leadership.acquireFailed("\(error)", now: now)
            case .renewed(.success(true)):
                actions = leadership.renewed(now: now)
                if let broker = serving { refreshStatus(of: broker) }
            case .renewed(.success(false)):
                actions = leadership.renewFailed("the lease is no longer this broker's (another broker took it, or it expired)", now: now)
            case .renewed(.failure(let error)):
                actions = leadership.renewFailed("\(error)", now: now)
            case .started(let broker, let alert):
                guard leadership.isActive else {
                    // Stepped down while the broker was starting: it must not serve.
                    await stop(broker)
                    break
                }
                current.withLock { $0 = broker }
                watch(broker)
                if let alert { raiseLater(alert, on: broker) }
                refreshStatus(of: broker)
            case .startFailed(let reason):
                actions = leadership.brokerStopped("could not start serving: \(reason)", now: now)
            case .brokerStopped(let reason):
                actions = leadership.brokerStopped("the broker stopped: \(reason)", now: now)
            case .shutdown:
                actions = leadership.shutDown(now: now)
            }
            for action in actions { await perform(action) }
            if case .stopped(let reason) = leadership.role { return reason == Leadership.shutDownReason ? nil : reason }
        }
        return nil
    }

    private func perform(_ action: LeadershipAction) async {
        switch action {
        case .poll:
            let (store, lease, input) = (store, policy.lease, input)
            Task {
                input.yield(.polled(await LeaseRequestDeadline.run(within: policy.heartbeat) { try await store.poll(lease: lease) }))
            }
        case .renew(let epoch):
            let (store, lease, input) = (store, policy.lease, input)
            Task {
                input.yield(.renewed(await LeaseRequestDeadline.run(within: policy.serving) {
                    try await store.renew(epoch: epoch, lease: lease)
                }))
            }
        case .takeOver(let record, let alert):
            let (startBroker, input) = (startBroker, input)
            // Opening the journal and restoring every unfinished task blocks: not on the
            // election's task, so that renewals go on meanwhile.
            Task.detached {
                do {
                    input.yield(.started(try startBroker(record), alert: alert))
                } catch {
                    input.yield(.startFailed("\(error)"))
                }
            }
        case .stepDown:
            await stopServing()
        case .resign(let epoch):
            await stopServing()
            let store = store
            if case .failure(let error) = await LeaseRequestDeadline.run(within: policy.heartbeat, { try await store.resign(epoch: epoch) }) {
                logger.warning("could not resign the lease (\(error)); a standby takes over when it runs out")
            } else {
                logger.notice("resigned the lease of epoch \(epoch)")
            }
        case .log(let level, let message):
            logger.log(level: level, "\(message)")
        }
    }

    /// Stops the broker, if one serves, waiting for it at most ``LeadershipPolicy/stopLimit``.
    ///
    /// A broker cut off from PostgreSQL may be blocked in a commit that waits for an answer
    /// which never comes, and closing its journal waits on the dead link too: the process
    /// must not wait for that, or a stepped-down broker would outlive its lease. Whatever
    /// the blocked thread does later is harmless: a commit it finishes was fenced (it
    /// completed before any standby could take the lease), and the process is about to exit.
    private func stopServing() async {
        guard let broker = current.withLock({ broker in defer { broker = nil }; return broker }) else { return }
        await stop(broker)
    }

    private func stop(_ broker: BrokerService) async {
        if case .failure = await LeaseRequestDeadline.run(within: policy.stopLimit, { await broker.stop() }) {
            logger.warning("the broker did not stop within \(policy.stopLimit) (its thread waits on PostgreSQL); leaving it behind")
        }
    }

    /// Tells the election when the broker stops on its own (a refused commit, a journal failure).
    private func watch(_ broker: BrokerService) {
        let input = input
        Task {
            do {
                try await broker.run()
                input.yield(.brokerStopped("it stopped by itself"))
            } catch {
                input.yield(.brokerStopped("\(error)"))
            }
        }
    }

    /// Raises the takeover alert one heartbeat after the broker started serving: its PUB
    /// socket was bound a moment ago, and subscribers (which reconnect every 100 ms) would
    /// miss an event published at once. Not raised if the broker stopped meanwhile.
    private func raiseLater(_ alert: Alert, on broker: BrokerService) {
        let delay = policy.heartbeat
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            if let self, serving === broker { broker.raise(alert) }
        }
    }

    /// Reads who leads and who waits, and hands it to the broker for `mmi.info`.
    private func refreshStatus(of broker: BrokerService) {
        let (store, freshness) = (store, policy.lease)
        Task {
            if case .success(let leadership?) = await LeaseRequestDeadline.run(within: policy.heartbeat, {
                try await store.leadership(standbysSeenWithin: freshness)
            }) {
                broker.updateLeadership(leadership)
            }
        }
    }
}

/// The broker lost its lease (or could not serve on it) and stepped down.
public struct LeadershipLost: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String {
        "stepped down: \(reason); exiting so that the supervisor starts this broker again as a standby"
    }
}
