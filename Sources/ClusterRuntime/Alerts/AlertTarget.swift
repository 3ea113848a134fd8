import AgentNode
import AsyncHTTPClient
import Broker
import Foundation
import NIOCore

/// One place alerts go: the outgoing webhook or the `on-alert` hook.
protocol AlertTarget: Sendable {
    /// How the target is named in logs (`webhook https://…`, `hook /path/on-alert`).
    var name: String { get }
    /// Delivers one message; throws a reason a person can act on when it did not arrive.
    func deliver(_ message: AlertMessage) async throws(AlertDeliveryError)
}

/// Why one try to deliver an alert failed.
struct AlertDeliveryError: Error, CustomStringConvertible, Sendable {
    var description: String
}

/// POSTs the alert as JSON to a URL (a Slack incoming webhook, or anything that takes JSON).
///
/// Over AsyncHTTPClient, not URLSession: on Linux, cancelling a task that awaits
/// `URLSession.data(for:)` while the response completes can deadlock two threads of the
/// concurrency pool, and the dispatcher is cancelled at every shutdown.
struct WebhookAlertTarget: AlertTarget {
    let url: URL
    /// Extra request headers (an `Authorization` for a receiver that wants one).
    let headers: [String: String]
    let timeout: Duration
    let client: HTTPClient

    init(url: URL, headers: [String: String] = [:], timeout: Duration = .seconds(10), client: HTTPClient = .shared) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
        self.client = client
    }

    /// The URL without its path and query: a Slack webhook's path is its secret.
    var name: String { "webhook \(url.scheme ?? "http")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")" }

    func deliver(_ message: AlertMessage) async throws(AlertDeliveryError) {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "claude-cluster")
        for (field, value) in headers { request.headers.replaceOrAdd(name: field, value: value) }
        let status: UInt
        do {
            request.body = .bytes(ByteBuffer(bytes: try message.jsonData()))
            let deadline = TimeAmount.milliseconds(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
            let response = try await client.execute(request, timeout: deadline)
            status = response.status.code
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            throw AlertDeliveryError(description: "\(name) could not be reached: \(error)")
        }
        guard (200..<300).contains(status) else {
            throw AlertDeliveryError(description: "\(name) answered HTTP \(status)")
        }
    }
}

/// Runs the `on-alert` executable with the message as JSON on standard input and
/// `CLUSTER_ALERT_*` environment variables.
struct HookAlertTarget: AlertTarget {
    let hook: StandaloneHook

    var name: String { "hook \(hook.path)" }

    func deliver(_ message: AlertMessage) async throws(AlertDeliveryError) {
        var environment = [
            "CLUSTER_EVENT": "on-alert",
            "CLUSTER_CLUSTER": message.cluster,
            "CLUSTER_ALERT_KIND": message.alert.kind.rawValue,
            "CLUSTER_ALERT_SEVERITY": message.alert.severity.rawValue,
            "CLUSTER_ALERT_TEXT": message.alert.text,
            "CLUSTER_ALERT_HELD_BACK": String(message.heldBack),
            "CLUSTER_MESSAGE": message.text,
        ]
        if let agent = message.alert.agent { environment["CLUSTER_ALERT_AGENT"] = agent }
        if let task = message.alert.taskID { environment["CLUSTER_ALERT_TASK_ID"] = task }
        let input: Data
        do { input = try message.jsonData() } catch {
            throw AlertDeliveryError(description: "the alert could not be encoded: \(error)")
        }
        if let failure = await hook.run(input: input, environment: environment) {
            throw AlertDeliveryError(description: "\(name) \(failure)")
        }
    }
}
