import Wire

/// Many simulated MDP workers (one DEALER each) on one socket loop: plain workers echo
/// each request's body; agents answer each `@task:` request with a succeeded
/// `TaskCompletion`, after `hold`. Built to cost the benchmark as little as possible, so
/// the figures measure the broker: frames are parsed by hand and the FINAL is a string.
final class SimulatedWorkerGroup: SocketLoopHandler {
    /// Asks the loop for each worker's count of answered requests.
    enum Command: Sendable {
        case counts(CheckedContinuation<[Int], Never>)
    }

    private static let workerProtocol = Frame("MDPW02")
    private static let finalCommand = Frame([0x04])
    private static let heartbeatMessage = MDPCodec.encode(.worker(.heartbeat(extensions: [])))
    private static let taskPrefix = Array("@task:".utf8)
    private static let controlEnvelope = Frame("@control")

    private let settings: SimulatedWorkerSettings
    private let names: [String]
    private let sockets: [ZMQSocket]
    private let answered: Counter
    private var counts: [Int]
    /// Heartbeats are staggered: worker `heartbeatCursor` is the next one due.
    private var heartbeatDue: [ContinuousClock.Instant]
    private var heartbeatCursor = 0
    /// Answers waiting out `hold`, oldest first (`hold` is the same for all, so due times rise).
    private var held: [(due: ContinuousClock.Instant, worker: Int, frames: [Frame])] = []
    private var heldHead = 0
    /// When each worker last sent READY. A broker that forgot a worker answers each of its
    /// heartbeats with a DISCONNECT; one READY per DISCONNECT would send it a second READY
    /// once the first registered it, which the broker answers with another DISCONNECT, and
    /// so on: a storm of the harness's own making. So a worker registers again at most
    /// once per `reRegisterPause`.
    private var readySent: [ContinuousClock.Instant]
    private let reRegisterPause: Duration

    init(control: SocketLoopControl<Command>, settings: SimulatedWorkerSettings, names: [String], answered: Counter) throws {
        self.settings = settings
        self.names = names
        self.answered = answered
        counts = Array(repeating: 0, count: names.count)
        sockets = try names.map { name in
            let socket = try control.context.makeSocket(.dealer)
            try socket.setLinger(.zero)
            try socket.connect(settings.endpoint)
            try socket.send(settings.ready(name: name))
            return socket
        }
        let start = ContinuousClock.now
        let interval = settings.heartbeat ?? .seconds(1)
        readySent = Array(repeating: start, count: names.count)
        // The broker's default silence limit: liveness 3 × the heartbeat interval.
        reRegisterPause = interval * 3
        heartbeatDue = names.indices.map { start + interval * (Double($0) / Double(max(names.count, 1))) }
    }

    var readableSockets: [ZMQSocket] { sockets }

    func handle(_ command: Command) {
        switch command {
        case .counts(let continuation):
            continuation.resume(returning: counts)
        }
    }

    func socketReadable(at index: Int) {
        let socket = sockets[index]
        while let frames = try? socket.receive(dontWait: true) {
            guard frames.count >= 2, frames[0] == Self.workerProtocol, frames[1].count == 1 else { continue }
            switch frames[1].bytes[0] {
            case 0x02:
                request(frames, worker: index)
            case 0x06:
                // Forgotten by the broker: register again on the same connection.
                let now = ContinuousClock.now
                guard now - readySent[index] >= reRegisterPause else { continue }
                readySent[index] = now
                _ = try? socket.send(settings.ready(name: names[index]))
            default:
                continue
            }
        }
    }

    private func request(_ frames: [Frame], worker: Int) {
        guard let delimiter = frames[2...].firstIndex(where: \.isEmpty), delimiter > 2 else { return }
        let singleEnvelope = delimiter == 3
        if singleEnvelope && frames[2] == Self.controlEnvelope { return }
        // The FINAL reuses the request's envelope and (for a plain request) its body frames,
        // built in one allocation: this runs once per round trip of part 2.
        var reply: [Frame] = []
        reply.reserveCapacity(frames.count)
        reply.append(Self.workerProtocol)
        reply.append(Self.finalCommand)
        reply.append(contentsOf: frames[2...delimiter])
        if singleEnvelope, frames[2].bytes.starts(with: Self.taskPrefix) {
            reply.append(taskAnswer(frames[2], worker: worker))
        } else {
            reply.append(contentsOf: frames[(delimiter + 1)...])
        }
        if settings.hold > .zero {
            held.append((.now + settings.hold, worker, reply))
        } else {
            send(reply, worker: worker)
        }
    }

    private func send(_ reply: [Frame], worker: Int) {
        _ = try? sockets[worker].send(reply, dontWait: true)
        counts[worker] += 1
        answered.add()
    }

    /// The FINAL body for `@task:<id>:<attempt>`: a TaskCompletion for an agent, a line of
    /// text for a plain worker (which the broker records as the summary).
    private func taskAnswer(_ envelope: Frame, worker: Int) -> Frame {
        let text = String(decoding: envelope.bytes.dropFirst(Self.taskPrefix.count), as: UTF8.self)
        let cut = text.lastIndex(of: ":") ?? text.endIndex
        let id = String(text[..<cut])
        let attempt = Int(text[cut...].dropFirst()) ?? 1
        switch settings.kind {
        case .plain:
            return Frame("done \(id)")
        case .agent:
            return Frame(#"{"agent":"\#(names[worker])","attempt":\#(attempt),"result":{"changed_files":false,"outcome":"succeeded","summary":"ok"},"task_id":"\#(id)","v":1}"#)
        }
    }

    func tick(now: ContinuousClock.Instant) -> Duration {
        while heldHead < held.count, held[heldHead].due <= now {
            send(held[heldHead].frames, worker: held[heldHead].worker)
            heldHead += 1
        }
        if heldHead > 1024, heldHead * 2 > held.count {
            held.removeFirst(heldHead)
            heldHead = 0
        }
        var sleep = Duration.seconds(1)
        if let interval = settings.heartbeat, !sockets.isEmpty {
            while heartbeatDue[heartbeatCursor] <= now {
                _ = try? sockets[heartbeatCursor].send(Self.heartbeatMessage, dontWait: true)
                heartbeatDue[heartbeatCursor] = heartbeatDue[heartbeatCursor] + interval
                heartbeatCursor = (heartbeatCursor + 1) % sockets.count
            }
            sleep = min(sleep, heartbeatDue[heartbeatCursor] - now)
        }
        if heldHead < held.count { sleep = min(sleep, held[heldHead].due - now) }
        return max(sleep, .zero)
    }
}
