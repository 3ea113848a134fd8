import Wire

/// The baseline: a ROUTER that sends every message straight back, with no protocol at all.
final class EchoServer: SocketLoopHandler {
    typealias Command = Never

    private let router: ZMQSocket

    init(control: SocketLoopControl<Never>, bound: Locked<String?>) throws {
        router = try control.context.makeSocket(.router)
        try router.setLinger(.zero)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.lastEndpoint
        bound.withLock { $0 = endpoint }
    }

    var readableSockets: [ZMQSocket] { [router] }

    func socketReadable(at index: Int) {
        while let message = try? router.receive(dontWait: true) {
            _ = try? router.send(message, dontWait: true)
        }
    }

    func handle(_ command: Never) {}

    /// Starts an echo server on its own thread and context; returns it and its endpoint.
    static func start() throws -> (loop: SocketLoop<Never>, endpoint: String) {
        let bound = Locked<String?>(nil)
        let loop = try SocketLoop<Never>.start(name: "echo-server", context: try ZMQContext()) { control in
            try EchoServer(control: control, bound: bound)
        }
        guard let endpoint = bound.value else { throw BenchError.setup("the echo server did not bind") }
        return (loop, endpoint)
    }
}
