import Wire

/// Parts 1 and 2: round trips per second with N clients, one request outstanding each,
/// first against a raw ROUTER echo server (the baseline), then through the broker to M
/// plain MDP workers. Same clients, same 64-byte body, same number of threads per side.
struct RoundTripBench {
    var clients: Int
    var workers: Int
    var bodyBytes: Int
    var warmup: Duration
    var duration: Duration
    var workerThreads: Int

    private var body: Frame { Frame((0..<bodyBytes).map { UInt8(truncatingIfNeeded: 0x41 + $0 % 26) }) }

    /// Part 1: returns round trips per second with no broker.
    func baseline(report: BenchReport) async throws -> Double {
        report.heading("1. Raw ROUTER<->DEALER echo, no broker (baseline)")
        let (server, endpoint) = try EchoServer.start()
        defer { server.stop() }
        let settings = RoundTripClients.Settings(endpoint: endpoint, clients: clients, request: [body]) { _ in true }
        let rate = try await RoundTripClients.measure(settings: settings, threads: 1, warmup: warmup, duration: duration)
        report.figure("set-up", "\(clients) DEALER clients (one request outstanding each) on 1 thread -> 1 ROUTER echo thread, tcp loopback, \(bodyBytes)-byte body")
        report.figure("round trips/s", NumberText.grouped(rate))
        return rate
    }

    /// Part 2: round trips per second through an in-process broker; judged against `baseline`.
    func broker(report: BenchReport, baseline: Double?) async throws {
        report.heading("2. MDP round trips through the broker")
        let broker = try LocalBroker.start(label: "mdp")
        let pool = try SimulatedWorkerPool(
            settings: SimulatedWorkerSettings(
                endpoint: broker.routerEndpoint, service: "echo", kind: .plain, namePrefix: "echo-", heartbeat: .seconds(1)),
            count: workers, threads: workerThreads)
        let client = try broker.client()
        try await withAsyncCleanup {
            try await BenchWait.until("\(workers) echo workers registered", timeout: .seconds(20)) {
                try await client.info(timeout: .seconds(2)).plainWorkers >= workers
            }
            let request = MDPCodec.encode(.client(.request(service: "echo", body: [body])))
            let settings = RoundTripClients.Settings(endpoint: broker.routerEndpoint, clients: clients, request: request) { reply in
                reply.count >= 2 && reply[1].bytes == [0x03]
            }
            let rate = try await RoundTripClients.measure(settings: settings, threads: 1, warmup: warmup, duration: duration)
            report.figure("set-up", "\(clients) MDP clients on 1 thread -> broker thread -> \(workers) plain MDP workers on \(min(workerThreads, workers)) thread(s), \(bodyBytes)-byte body")
            report.figure("round trips/s", NumberText.grouped(rate))
            if let baseline, baseline > 0 {
                let ratio = rate / baseline
                report.figure("ratio to baseline", NumberText.rounded(ratio, places: 2))
                report.target("2. MDP through the broker", "ratio to raw echo >= 0.5",
                              measured: NumberText.rounded(ratio, places: 2), met: ratio >= 0.5)
            } else {
                report.note("no baseline in this run (add part 1) so no ratio")
            }
        } cleanup: {
            client.close()
            await pool.stop()
            await broker.stop()
        }
    }
}
