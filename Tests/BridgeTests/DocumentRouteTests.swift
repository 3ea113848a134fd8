@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

@Suite("Routes: metrics, OpenAPI, status page")
struct DocumentRouteTests {
    /// One sample line of the Prometheus text format 0.0.4.
    static var sample: Regex<AnyRegexOutput> { try! Regex(
        #"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*")(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*")*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)( -?[0-9]+)?$"#) }
    static var help: Regex<AnyRegexOutput> { try! Regex(#"^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$"#) }
    static var type: Regex<AnyRegexOutput> { try! Regex(#"^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$"#) }

    @Test func metricsAreWellFormedAndIncludeBrokerAndBridge() async throws {
        let metrics = BridgeMetrics()
        try await withBridge(metrics: metrics) { client in
            _ = try await client.execute(uri: "/tasks/t-x", method: .get)
            _ = try await client.execute(uri: "/health", method: .get)
            _ = try await client.execute(
                uri: "/webhook", method: .post, headers: jsonHeaders(["X-GitHub-Event": "ping", "X-GitHub-Delivery": "p-1"]),
                body: jsonBody(GitHubFixtures.ping))
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = response.text
            #expect(text.hasSuffix("\n"))
            #expect(text.contains("cluster_broker_tasks_total 7\n"))
            #expect(text.contains(#"cluster_http_requests_total{method="GET",route="/tasks/{id}",status="404"} 1"#))
            #expect(text.contains(#"cluster_http_requests_total{method="GET",route="/health",status="200"} 1"#))
            #expect(text.contains(#"cluster_webhook_deliveries_total{event="ping",outcome="pong"} 1"#))
            #expect(text.contains("cluster_bridge_broker_up 1\n"))
            #expect(text.contains(#"cluster_http_request_duration_seconds_bucket{le="+Inf",route="/health"} 1"#))
            var declared: Set<String> = []
            for line in text.split(separator: "\n").map(String.init) {
                if line.hasPrefix("# HELP") {
                    #expect(line.wholeMatch(of: Self.help) != nil, "bad HELP: \(line)")
                } else if line.hasPrefix("# TYPE") {
                    #expect(line.wholeMatch(of: Self.type) != nil, "bad TYPE: \(line)")
                    let name = line.split(separator: " ")[2]
                    #expect(declared.insert(String(name)).inserted, "TYPE declared twice: \(name)")
                } else {
                    #expect(line.wholeMatch(of: Self.sample) != nil, "bad sample: \(line)")
                    let name = String(line.prefix { $0 != "{" && $0 != " " })
                    let family = ["_bucket", "_sum", "_count"].reduce(name) { $0.hasSuffix($1) && !declared.contains($0) ? String($0.dropLast($1.count)) : $0 }
                    #expect(declared.contains(family), "sample before its TYPE: \(line)")
                }
            }
        }
        #expect(metrics.requests(method: "GET", route: "/health", status: 200) == 1)
    }

    @Test func metricsStillAnswerWithBrokerDown() async throws {
        let cluster = FakeCluster()
        await cluster.fail(with: .unavailable("down"))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("cluster_bridge_broker_up 0\n"))
            #expect(response.text.contains("cluster_bridge_broker_scrape_failures_total 1\n"))
        }
    }

    @Test func openAPIListsEveryRoute() async throws {
        let server = BridgeServer(configuration: BridgeConfiguration(), cluster: FakeCluster())
        let routes = server.buildRouter().routes
        let routerPaths = Set(routes.map { "\($0.path)" })
        let routerOperations = Set(routes.map { "\($0.method.rawValue.lowercased()) \($0.path)" })
        try await withBridge { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
            let document = response.text
            #expect(document.hasPrefix("openapi: 3.1.0\n"))
            let (paths, operations) = Self.pathsAndOperations(document)
            #expect(paths == routerPaths)
            #expect(operations == routerOperations)
            #expect(!document.contains("\t"))
        }
    }

    /// The `paths` keys (two-space indent) and their method keys (four-space indent), read as text.
    static func pathsAndOperations(_ document: String) -> (Set<String>, Set<String>) {
        var inPaths = false
        var current: String?
        var paths: Set<String> = []
        var operations: Set<String> = []
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.isEmpty { inPaths = line == "paths:" }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                current = String(line.dropFirst(2).dropLast())
                paths.insert(current!)
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let current {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if methods.contains(String(key)) { operations.insert("\(key) \(current)") }
            }
        }
        return (paths, operations)
    }

    @Test func statusPageIsSelfContainedHTML() async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/ui", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.hasPrefix("<!doctype html>"))
            #expect(html.contains("/agents/status"))
            #expect(html.contains("/tasks?limit="))
            #expect(!html.contains("src=\"http"))
            #expect(response.headers[.init("Content-Security-Policy")!] == StatusPage.contentSecurityPolicy)
        }
    }
}
