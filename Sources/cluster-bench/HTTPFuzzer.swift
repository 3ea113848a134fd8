import Foundation

/// Sends random HTTP requests to the bridge from its own thread until stopped, and counts
/// the answers by status class.
final class HTTPFuzzer: Sendable {
    /// Requests sent, answers by class (`2xx`, `4xx`...), and requests that got no answer.
    struct Tally: Sendable {
        var sent = 0
        var answers: [String: Int] = [:]
        var unanswered = 0
    }

    private let tally = Locked(Tally())
    private let running = Locked(true)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts sending about `perSecond` requests a second to 127.0.0.1:`port`.
    init(port: Int, perSecond: Int) {
        let tally = tally, running = running, finished = finished
        let thread = Thread {
            var input = FuzzInput()
            let pause = 1.0 / Double(max(1, perSecond))
            while running.value {
                let request = input.httpRequest()
                var answer: String?
                if let connection = try? HTTPConnection(port: port, timeout: .seconds(2)) {
                    if (try? connection.send(request)) != nil, let response = try? connection.readResponse() {
                        answer = "\(response.status / 100)xx"
                    }
                }
                tally.withLock { tally in
                    tally.sent += 1
                    if let answer { tally.answers[answer, default: 0] += 1 } else { tally.unanswered += 1 }
                }
                Thread.sleep(forTimeInterval: pause)
            }
            finished.signal()
        }
        thread.name = "http-fuzzer"
        thread.start()
    }

    /// What was sent and answered so far.
    var counts: Tally { tally.value }

    /// Stops sending and waits for the thread.
    func stop() async {
        running.withLock { $0 = false }
        let finished = finished
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                finished.wait()
                continuation.resume()
            }
        }
    }
}
