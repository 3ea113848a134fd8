import Synchronization

/// The bridge's own counters, rendered in Prometheus text format next to the broker's.
///
/// A plain lock-protected table rather than swift-metrics: `/metrics` must render these
/// whatever metrics backend the process bootstrapped, and the label sets are small.
public final class BridgeMetrics: Sendable {
    /// One HTTP request's labels.
    struct RequestKey: Hashable, Sendable {
        var method: String
        var route: String
        var status: Int
    }

    /// One webhook delivery's labels.
    struct DeliveryKey: Hashable, Sendable {
        var event: String
        var outcome: String
    }

    private struct Counts: Sendable {
        var requests: [RequestKey: Int] = [:]
        var durations: [String: Histogram] = [:]
        var deliveries: [DeliveryKey: Int] = [:]
        var brokerScrapeFailures = 0
        var githubFailures: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())

    /// Creates an empty set of counters.
    public init() {}

    /// Counts one answered request; `route` is the route pattern (`/tasks/{id}`), never the raw path.
    func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        counts.withLock {
            $0.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            $0.durations[route, default: Histogram()].observe(seconds)
        }
    }

    /// Counts one webhook delivery by GitHub event (or `message` for the original's shape).
    func recordDelivery(event: String, outcome: WebhookOutcome) {
        counts.withLock { $0.deliveries[DeliveryKey(event: event, outcome: outcome.rawValue), default: 0] += 1 }
    }

    /// Counts a `/metrics` scrape whose broker part could not be fetched.
    func recordBrokerScrapeFailure() {
        counts.withLock { $0.brokerScrapeFailures += 1 }
    }

    /// Counts a GitHub API call that failed, by `GitHubFailureReporter.kind`.
    func recordGitHubFailure(kind: String) {
        counts.withLock { $0.githubFailures[kind, default: 0] += 1 }
    }

    /// The current value of one GitHub failure counter (for tests).
    func githubFailures(kind: String) -> Int {
        counts.withLock { $0.githubFailures[kind] ?? 0 }
    }

    /// The current value of one request counter (for tests).
    func requests(method: String, route: String, status: Int) -> Int {
        counts.withLock { $0.requests[RequestKey(method: method, route: route, status: status)] ?? 0 }
    }

    /// The current value of one delivery counter (for tests).
    func deliveries(event: String, outcome: WebhookOutcome) -> Int {
        counts.withLock { $0.deliveries[DeliveryKey(event: event, outcome: outcome.rawValue)] ?? 0 }
    }

    /// Every bridge metric in Prometheus text format 0.0.4; `brokerUp` is this scrape's result.
    func render(brokerUp: Bool) -> String {
        let snapshot = counts.withLock { $0 }
        var text = PrometheusText()
        text.family(
            "cluster_http_requests_total", type: "counter", help: "HTTP requests answered by the bridge.",
            samples: snapshot.requests.sorted { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }
                .map { (["method": $0.key.method, "route": $0.key.route, "status": String($0.key.status)], Double($0.value)) })
        text.histogram(
            "cluster_http_request_duration_seconds", help: "Time the bridge took to answer, by route.",
            label: "route", histograms: snapshot.durations.sorted { $0.key < $1.key })
        text.family(
            "cluster_webhook_deliveries_total", type: "counter",
            help: "Webhook deliveries by event and what the bridge did with them.",
            samples: snapshot.deliveries.sorted { ($0.key.event, $0.key.outcome) < ($1.key.event, $1.key.outcome) }
                .map { (["event": $0.key.event, "outcome": $0.key.outcome], Double($0.value)) })
        text.family(
            "cluster_bridge_broker_scrape_failures_total", type: "counter",
            help: "Scrapes of /metrics whose broker metrics could not be fetched over the bus.",
            samples: [([:], Double(snapshot.brokerScrapeFailures))])
        if !snapshot.githubFailures.isEmpty {
            text.family(
                "cluster_bridge_github_failures_total", type: "counter",
                help: "GitHub API calls that failed: permission (the token lacks a permission), refused, unreachable, unreadable.",
                samples: snapshot.githubFailures.sorted { $0.key < $1.key }.map { (["kind": $0.key], Double($0.value)) })
        }
        text.family(
            "cluster_bridge_broker_up", type: "gauge",
            help: "1 when this scrape fetched the broker's metrics over the bus, else 0.",
            samples: [([:], brokerUp ? 1 : 0)])
        return text.output
    }
}
