import Bridge
import ClusterRuntime
import Foundation
import Logging
import ServiceLifecycle
import Wire

/// Part 4: `POST /task` on the HTTP bridge, accepted (202) per second and latency. The
/// bridge, the broker and trivial agents run in this process as `claude-cluster start`
/// runs them; the load comes from wrk when given, else from `HTTPPostLoad`.
struct HTTPSubmitBench {
    var connections: Int
    var duration: Duration
    var agents: Int
    var workerThreads: Int
    /// wrk's path; nil uses the Swift load generator.
    var wrk: String?

    static let body = #"{"title":"HTTP bench task","description":"submitted over HTTP","type":"bench","target":"bench"}"#

    func run(report: BenchReport) async throws {
        report.heading("4. HTTP POST /task through the bridge")
        let broker = try LocalBroker.start(label: "http")
        let pool = try SimulatedWorkerPool(
            settings: SimulatedWorkerSettings(
                endpoint: broker.routerEndpoint, service: "bench", kind: .agent(capacity: 64),
                namePrefix: "http-agent-", heartbeat: .seconds(1)),
            count: agents, threads: workerThreads)
        // As ClusterLauncher builds it: one bus client, 3 s timeout, no retries.
        let client = try ClusterClient(
            context: try ZMQContext(), endpoints: [broker.routerEndpoint], eventEndpoints: [broker.publisherEndpoint],
            options: .init(timeout: .seconds(3), attempts: 1))
        let logger = ClusterLogging.logger(
            label: "bridge", file: broker.directory.appendingPathComponent("bridge.log").path, consoleLevel: .critical)
        let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
        let bridge = BridgeServer(
            configuration: BridgeConfiguration(port: 0), cluster: BusClusterAPI(client: client), logger: logger,
            onListening: { _, port in portInput.yield(port) })
        let group = ServiceGroup(configuration: .init(services: [bridge], logger: logger))
        let serving = Task { try await group.run() }
        try await withAsyncCleanup {
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw BenchError.setup("the bridge did not report its port") }
            try await BenchWait.until("\(agents) agents registered", timeout: .seconds(20)) {
                try await client.info(timeout: .seconds(2)).agents >= agents
            }
            if let wrk {
                try await runWrk(wrk, port: port, scratch: broker.directory, report: report)
            } else {
                await runSwiftLoad(port: port, report: report)
            }
        } cleanup: {
            await group.triggerGracefulShutdown()
            _ = try? await serving.value
            client.close()
            await pool.stop()
            await broker.stop()
        }
    }

    private func runWrk(_ executable: String, port: Int, scratch: URL, report: BenchReport) async throws {
        let run = WrkRun(
            executable: executable, url: "http://127.0.0.1:\(port)/task", body: Self.body, threads: 2,
            connections: connections, duration: duration, scratch: scratch)
        let figures = try await run.run()
        let accepted = figures.requests - figures.non2xx
        report.figure("set-up", "wrk -t2 -c\(connections) -d\(Int(duration.seconds))s --latency, POST /task (JSON body \(Self.body.utf8.count) bytes); bridge + broker + \(agents) agents in one process")
        report.figure("requests", "\(figures.requests) (\(figures.non2xx) not 2xx\(figures.socketErrors.map { "; socket errors \($0)" } ?? ""))")
        report.figure("accepted/s", NumberText.grouped(Double(accepted) / max(figures.seconds, 1e-9)))
        report.figure("latency (wrk)", "p50 \(figures.p50?.readable ?? "?"), p99 \(figures.p99?.readable ?? "?")")
    }

    private func runSwiftLoad(port: Int, report: BenchReport) async {
        let load = HTTPPostLoad(port: port, path: "/task", body: Array(Self.body.utf8), connections: connections, duration: duration)
        let outcome = await load.run()
        let accepted = outcome.statuses[202, default: 0]
        report.figure("set-up", "Swift load generator (wrk not given), \(connections) keep-alive connections for \(Int(duration.seconds)) s, POST /task; bridge + broker + \(agents) agents in one process")
        let statuses = outcome.statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        report.figure("responses", "\(statuses.isEmpty ? "none" : statuses); connection errors \(outcome.errors)")
        report.figure("accepted/s", NumberText.grouped(Double(accepted) / max(outcome.elapsed.seconds, 1e-9)))
        if let latency = Percentiles(outcome.latencies) { report.figure("latency", latency.summary) }
    }
}
