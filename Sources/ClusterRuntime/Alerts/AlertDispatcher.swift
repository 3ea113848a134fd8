import Broker
import Foundation
import Logging
import ServiceLifecycle
import Wire

/// Delivers the broker's alerts to the webhook and the `on-alert` hook, off the broker
/// thread: the broker hands each alert to ``post(_:)``, which only queues it.
///
/// The rate limit (``AlertRateLimiter``) and the retry schedule (``AlertDeliveryPolicy``)
/// are decided by pure types; this shell only waits and sends. Each alert and target is
/// retried on its own, so a receiver that is down delays nothing else.
///
/// ```swift
/// let alerts = AlertDispatcher(targets: [webhook], policy: AlertDeliveryPolicy(), cluster: "local", logger: logger)
/// settings.alertSink = alerts.post        // BrokerSettings
/// ServiceGroup(services: [alerts, broker], …)   // alerts start first and stop last
/// ```
final class AlertDispatcher: Service, Sendable {
    private let targets: [any AlertTarget]
    private let policy: AlertDeliveryPolicy
    private let cluster: String
    private let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void
    private let stream: AsyncStream<Raised>
    private let continuation: AsyncStream<Raised>.Continuation

    private struct Raised: Sendable {
        var alert: Alert
        var at: Date
        var uptime: Duration
    }

    /// Creates the dispatcher; `sleep` waits between tries (tests shorten it).
    init(
        targets: [any AlertTarget], policy: AlertDeliveryPolicy, cluster: String, logger: Logger,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.targets = targets
        self.policy = policy
        self.cluster = cluster
        self.logger = logger
        self.sleep = sleep
        // Bounded: a flood of alerts while every receiver is down must not grow without end.
        (stream, continuation) = AsyncStream<Raised>.makeStream(bufferingPolicy: .bufferingNewest(1000))
    }

    private static let started = ContinuousClock.now

    /// Queues an alert; returns at once, from any thread.
    func post(_ alert: Alert) {
        continuation.yield(Raised(alert: alert, at: Date(), uptime: ContinuousClock.now - Self.started))
    }

    /// Delivers queued alerts until graceful shutdown or cancellation.
    func run() async throws {
        let continuation = continuation
        await withGracefulShutdownHandler {
            await deliverAll()
        } onGracefulShutdown: {
            continuation.finish()
        }
    }

    private func deliverAll() async {
        await withDiscardingTaskGroup { group in
            var limiter = AlertRateLimiter(policy: policy)
            for await raised in stream {
                switch limiter.admit(raised.alert, now: raised.uptime) {
                case .belowSeverity:
                    continue
                case .heldBack(let count):
                    logger.info("alert \(raised.alert.kind.rawValue) held back by the rate limit (\(count) so far)")
                case .deliver(let heldBefore):
                    let message = AlertMessage(alert: raised.alert, cluster: cluster, at: raised.at, heldBack: heldBefore)
                    for target in targets {
                        group.addTask { await self.deliver(message, to: target) }
                    }
                }
            }
        }
    }

    /// Tries one target until it takes the message or the policy gives up.
    private func deliver(_ message: AlertMessage, to target: any AlertTarget) async {
        var attempt = 1
        while true {
            do {
                try await target.deliver(message)
                logger.debug("alert \(message.alert.kind.rawValue) delivered to \(target.name)")
                return
            } catch {
                guard let delay = policy.retryDelay(afterAttempt: attempt) else {
                    logger.error("alert \(message.alert.kind.rawValue) not delivered after \(attempt) tries: \(error)")
                    return
                }
                // Shutting down: no retry keeps the process up for minutes.
                if Task.isShuttingDownGracefully {
                    logger.error("alert \(message.alert.kind.rawValue) not delivered (shutting down): \(error)")
                    return
                }
                logger.warning("alert \(message.alert.kind.rawValue) try \(attempt) failed (\(error)); retrying in \(delay)")
                do { try await sleep(delay) } catch { return }
                attempt += 1
            }
        }
    }
}
