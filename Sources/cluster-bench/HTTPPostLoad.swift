import Foundation

/// The Swift load generator for `POST /task` (used when wrk is not installed): one thread
/// per keep-alive connection, each sending the next request as soon as the last answer is in.
struct HTTPPostLoad: Sendable {
    /// What the load came to.
    struct Outcome: Sendable {
        var statuses: [Int: Int] = [:]
        var latencies: [Duration] = []
        var errors = 0
        var elapsed: Duration = .zero
    }

    var port: Int
    var path: String
    var body: [UInt8]
    var connections: Int
    var duration: Duration

    /// Runs the load on its own threads; the calling task waits without blocking a pool thread.
    func run() async -> Outcome {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: runBlocking()) }
            thread.start()
        }
    }

    private func runBlocking() -> Outcome {
        let request = Array("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let total = Locked(Outcome())
        let finished = DispatchGroup()
        let started = ContinuousClock.now
        let deadline = started + duration
        for _ in 0..<max(1, connections) {
            finished.enter()
            let thread = Thread {
                var mine = Outcome()
                var connection: HTTPConnection?
                while ContinuousClock.now < deadline {
                    do {
                        let open = try connection ?? HTTPConnection(port: port, timeout: .seconds(10))
                        connection = open
                        let sent = ContinuousClock.now
                        try open.send(request)
                        let response = try open.readResponse()
                        mine.latencies.append(.now - sent)
                        mine.statuses[response.status, default: 0] += 1
                        if response.closes { connection = nil }
                    } catch {
                        mine.errors += 1
                        connection = nil
                    }
                }
                total.withLock { all in
                    all.latencies += mine.latencies
                    all.errors += mine.errors
                    all.statuses.merge(mine.statuses, uniquingKeysWith: +)
                }
                finished.leave()
            }
            thread.start()
        }
        finished.wait()
        var outcome = total.value
        outcome.elapsed = ContinuousClock.now - started
        return outcome
    }
}
