import Wire

/// N DEALER clients on one socket loop, each with exactly one request outstanding: the
/// load for both the raw echo baseline and MDP through the broker, so the two differ only
/// in what is on the other end.
final class RoundTripClients: SocketLoopHandler {
    /// Begin sending (each client sends its first request), or stop sending new ones.
    enum Command: Sendable { case start, stop }

    /// What the clients send and what counts as an answer.
    struct Settings: Sendable {
        var endpoint: String
        var clients: Int
        /// The request every client sends, again and again.
        var request: [Frame]
        /// Whether a received message completes the round trip (a PARTIAL does not).
        var completes: @Sendable ([Frame]) -> Bool
    }

    private let sockets: [ZMQSocket]
    private let settings: Settings
    private let completed: Counter
    private var sending = false

    init(control: SocketLoopControl<Command>, settings: Settings, completed: Counter) throws {
        self.settings = settings
        self.completed = completed
        sockets = try (0..<settings.clients).map { _ in
            let socket = try control.context.makeSocket(.dealer)
            try socket.setLinger(.zero)
            try socket.connect(settings.endpoint)
            return socket
        }
    }

    var readableSockets: [ZMQSocket] { sockets }

    func handle(_ command: Command) {
        switch command {
        case .start:
            sending = true
            for socket in sockets { _ = try? socket.send(settings.request) }
        case .stop:
            sending = false
        }
    }

    func socketReadable(at index: Int) {
        let socket = sockets[index]
        while let reply = try? socket.receive(dontWait: true) {
            guard settings.completes(reply) else { continue }
            completed.add()
            if sending { _ = try? socket.send(settings.request) }
        }
    }
}

extension RoundTripClients {
    /// Runs the clients (spread over `threads` loops, each with its own context) for
    /// `warmup` plus `duration`, and returns round trips per second over `duration`.
    static func measure(
        settings: Settings, threads: Int, warmup: Duration, duration: Duration
    ) async throws -> Double {
        let completed = Counter()
        let threadCount = max(1, min(threads, settings.clients))
        var loops: [SocketLoop<Command>] = []
        for thread in 0..<threadCount {
            var share = settings
            share.clients = settings.clients / threadCount + (thread < settings.clients % threadCount ? 1 : 0)
            let threadSettings = share
            loops.append(try SocketLoop<Command>.start(name: "rt-clients-\(thread)", context: try ZMQContext()) { control in
                try RoundTripClients(control: control, settings: threadSettings, completed: completed)
            })
        }
        defer { for loop in loops { loop.stop() } }
        for loop in loops { loop.post(.start) }
        try await Task.sleep(for: warmup)
        let startCount = completed.current
        let started = ContinuousClock.now
        try await Task.sleep(for: duration)
        let endCount = completed.current
        let elapsed = ContinuousClock.now - started
        for loop in loops { loop.post(.stop) }
        for loop in loops {
            loop.stop()
            await loop.stopped()
        }
        return Double(endCount - startCount) / elapsed.seconds
    }
}
