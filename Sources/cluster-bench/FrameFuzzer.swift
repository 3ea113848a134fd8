import Foundation
import Wire

/// Throws random multipart messages at the broker's ROUTER port from its own thread, on a
/// fresh DEALER identity every thousand messages, until stopped.
final class FrameFuzzer: Sendable {
    /// Messages sent so far.
    let sent = Counter()
    private let running = Locked(true)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts sending about `perSecond` messages a second to `endpoint`.
    init(endpoint: String, perSecond: Int) {
        let sent = sent, running = running, finished = finished
        let thread = Thread {
            var input = FuzzInput()
            guard let context = try? ZMQContext() else { finished.signal(); return }
            var socket: ZMQSocket?
            let pause = Duration.seconds(1) / max(1, perSecond) * 50
            while running.value {
                for _ in 0..<50 {
                    if socket == nil || sent.current % 1_000 == 0 {
                        socket?.close()
                        socket = try? context.makeSocket(.dealer)
                        try? socket?.setLinger(.zero)
                        try? socket?.connect(endpoint)
                    }
                    _ = try? socket?.send(input.message(), dontWait: true)
                    sent.add()
                }
                Thread.sleep(forTimeInterval: pause.seconds)
            }
            socket?.close()
            finished.signal()
        }
        thread.name = "frame-fuzzer"
        thread.start()
    }

    /// Stops sending and waits for the thread to close its socket.
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
