@testable import AgentNode
@testable import Broker
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport
import Wire

@testable import ClusterRuntime

@Suite("Alert delivery: the webhook and the on-alert hook, over loopback")
struct AlertDispatcherTests {
    private let logger = Logger(label: "alerts-test", factory: { _ in SwiftLogNoOpLogHandler() })

    private func alert(_ kind: Alert.Kind, _ text: String = "Agent cc01 stopped answering") -> Alert {
        Alert(kind: kind, severity: .critical, text: text, agent: "cc01")
    }

    /// Runs the dispatcher while `body` runs.
    private func withDispatcher(
        _ dispatcher: AlertDispatcher, _ body: () async throws -> Void
    ) async throws {
        let running = Task { try await dispatcher.run() }
        defer { running.cancel() }
        try await body()
    }

    @Test("A webhook that is down is retried with backoff until it takes the alert")
    func webhookRetriedUntilItTakesTheAlert() async throws {
        let receiver = try await AlertReceiver.start(failFirst: 2)
        defer { receiver.stop() }
        let delays = DelayLog()
        let dispatcher = AlertDispatcher(
            targets: [WebhookAlertTarget(url: receiver.url)],
            policy: AlertDeliveryPolicy(maxAttempts: 5, baseDelay: .seconds(2), maxDelay: .seconds(60)),
            cluster: "local", logger: logger, sleep: { delays.record($0) })
        try await withDispatcher(dispatcher) {
            dispatcher.post(alert(.agentDown))
            #expect(await TestEnvironment.eventually { receiver.bodies.count == 1 })
        }
        #expect(receiver.requests == 3)
        #expect(delays.values == [.seconds(2), .seconds(4)])
        let body = try #require(receiver.bodies.first)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["text"] as? String == ":rotating_light: [local] critical agent_down: Agent cc01 stopped answering")
        let inner = try #require(json["alert"] as? [String: Any])
        #expect(inner["kind"] as? String == "agent_down")
        #expect(inner["agent"] as? String == "cc01")
    }

    @Test("A webhook that never answers is given up after the last try, and later alerts still go")
    func givesUpAfterTheLastTry() async throws {
        let receiver = try await AlertReceiver.start(failFirst: 3)
        defer { receiver.stop() }
        let dispatcher = AlertDispatcher(
            targets: [WebhookAlertTarget(url: receiver.url)],
            policy: AlertDeliveryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1)),
            cluster: "local", logger: logger, sleep: { _ in })
        try await withDispatcher(dispatcher) {
            dispatcher.post(alert(.taskTimeout, "first"))
            #expect(await TestEnvironment.eventually { receiver.requests == 3 })
            dispatcher.post(alert(.errorRate, "second"))
            #expect(await TestEnvironment.eventually { receiver.bodies.count == 1 })
        }
        #expect(receiver.requests == 4)
        let json = try #require(try JSONSerialization.jsonObject(with: receiver.bodies[0]) as? [String: Any])
        #expect((json["alert"] as? [String: Any])?["text"] as? String == "second")
    }

    @Test("A flood of one kind is rate-limited; the next delivered alert says how many were held back")
    func floodIsRateLimited() async throws {
        let receiver = try await AlertReceiver.start()
        defer { receiver.stop() }
        let dispatcher = AlertDispatcher(
            targets: [WebhookAlertTarget(url: receiver.url)],
            policy: AlertDeliveryPolicy(perKindLimit: 2, window: .seconds(3600)),
            cluster: "local", logger: logger)
        try await withDispatcher(dispatcher) {
            for index in 0..<10 { dispatcher.post(alert(.agentDown, "down \(index)")) }
            dispatcher.post(alert(.lowDiskSpace, "disk"))
            #expect(await TestEnvironment.eventually { receiver.bodies.count == 3 })
        }
        let kinds = try receiver.bodies.map { body -> String in
            let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            return try #require((json["alert"] as? [String: Any])?["kind"] as? String)
        }
        #expect(kinds.sorted() == ["agent_down", "agent_down", "low_disk_space"])
    }

    @Test("The on-alert hook gets the alert as JSON on standard input and CLUSTER_ALERT_* variables")
    func hookGetsTheAlert() async throws {
        let directory = try TestEnvironment.temporaryDirectory("alert-hook")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("got.txt")
        let hook = directory.appendingPathComponent("on-alert.sh")
        try """
            #!/bin/sh
            {
              echo "$CLUSTER_EVENT $CLUSTER_ALERT_KIND $CLUSTER_ALERT_SEVERITY $CLUSTER_ALERT_AGENT"
              cat
            } > "\(output.path).tmp" && mv "\(output.path).tmp" "\(output.path)"
            """.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let dispatcher = AlertDispatcher(
            targets: [HookAlertTarget(hook: StandaloneHook(path: hook.path))],
            policy: AlertDeliveryPolicy(), cluster: "local", logger: logger)
        try await withDispatcher(dispatcher) {
            dispatcher.post(alert(.resourceLimit, "cc01 is over its memory limit"))
            #expect(await TestEnvironment.eventually { FileManager.default.fileExists(atPath: output.path) })
        }
        let text = try String(contentsOf: output, encoding: .utf8)
        let lines = text.split(separator: "\n", maxSplits: 1)
        #expect(lines.first == "on-alert resource_limit critical cc01")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(String(lines.last ?? "").utf8)) as? [String: Any])
        #expect((json["alert"] as? [String: Any])?["text"] as? String == "cc01 is over its memory limit")
    }

    @Test func aFailingHookIsRetriedAndReported() async throws {
        let directory = try TestEnvironment.temporaryDirectory("alert-hook")
        defer { try? FileManager.default.removeItem(at: directory) }
        let counter = directory.appendingPathComponent("count")
        let hook = directory.appendingPathComponent("on-alert")
        try """
            #!/bin/sh
            echo x >> "\(counter.path)"
            exit 3
            """.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let target = HookAlertTarget(hook: StandaloneHook(path: hook.path))
        let message = AlertMessage(alert: alert(.agentDown), cluster: "local", at: Date(), heldBack: 0)
        await #expect(throws: AlertDeliveryError.self) { try await target.deliver(message) }
        let dispatcher = AlertDispatcher(
            targets: [target], policy: AlertDeliveryPolicy(maxAttempts: 3), cluster: "local", logger: logger, sleep: { _ in })
        try await withDispatcher(dispatcher) {
            dispatcher.post(alert(.agentDown))
            #expect(await TestEnvironment.eventually {
                ((try? String(contentsOf: counter, encoding: .utf8)) ?? "").split(separator: "\n").count == 4
            })
        }
    }

    @Test func theWebhookNameHidesTheSecretPath() {
        let target = WebhookAlertTarget(url: URL(string: "https://hooks.slack.com/services/T000/B000/XXXXSECRET")!)
        #expect(target.name == "webhook https://hooks.slack.com")
        #expect(!target.name.contains("SECRET"))
    }

    @Test func postingNeverWaitsForDelivery() async throws {
        // A dispatcher that is not even running: post only queues.
        let dispatcher = AlertDispatcher(
            targets: [WebhookAlertTarget(url: URL(string: "http://127.0.0.1:9/")!)],
            policy: AlertDeliveryPolicy(), cluster: "local", logger: logger)
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<5000 { dispatcher.post(alert(.agentDown, "\(index)")) }
        #expect(clock.now - started < .seconds(1))
    }
}

/// The waits the dispatcher asked for, instead of waiting.
private final class DelayLog: Sendable {
    private let stored = Mutex<[Duration]>([])
    func record(_ delay: Duration) { stored.withLock { $0.append(delay) } }
    var values: [Duration] { stored.withLock { $0 } }
}
