import AgentNode
import Broker
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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
struct WebhookAlertTarget: AlertTarget {
    let url: URL
    /// Extra request headers (an `Authorization` for a receiver that wants one).
    let headers: [String: String]
    let timeout: Duration
    let session: URLSession

    init(url: URL, headers: [String: String] = [:], timeout: Duration = .seconds(10)) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Double(timeout.components.seconds)
        self.session = URLSession(configuration: configuration)
    }

    /// The URL without its path and query: a Slack webhook's path is its secret.
    var name: String { "webhook \(url.scheme ?? "http")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")" }

    func deliver(_ message: AlertMessage) async throws(AlertDeliveryError) {
        var request = URLRequest(url: url, timeoutInterval: Double(timeout.components.seconds))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("claude-cluster", forHTTPHeaderField: "User-Agent")
        for (field, value) in headers { request.setValue(value, forHTTPHeaderField: field) }
        let status: Int
        do {
            request.httpBody = try message.jsonData()
            let (_, response) = try await session.data(for: request)
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
        } catch {
            throw AlertDeliveryError(description: "\(name) could not be reached: \(error.localizedDescription)")
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
