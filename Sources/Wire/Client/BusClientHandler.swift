import Foundation

/// The socket-thread half of `BusClient`: owns the DEALER socket and every request in
/// flight. Runs only on the client's `SocketLoop` thread.
final class BusClientHandler: SocketLoopHandler {
    struct Settings: Sendable {
        var endpoints: [String]
        var security: BusClientSecurity?
    }

    /// A request waiting for its FINAL.
    struct Pending: Sendable {
        var service: String
        var body: [Frame]
        var correlationID: String?
        var timeout: Duration
        var attemptsLeft: Int
        var continuation: AsyncThrowingStream<BusReplyPart, any Error>.Continuation
        var deadline: ContinuousClock.Instant = .now
        var sequence: Int = 0
        /// Whether it may be sent more than once (it was given more than one attempt).
        var repeatable = false
    }

    private let context: ZMQContext
    private let settings: Settings
    private var socket: ZMQSocket
    private var endpointIndex = 0
    /// Requests by sequence number, so FIFO matching and correlation share one store.
    private var pending: [Int: Pending] = [:]
    private var byCorrelation: [String: Int] = [:]
    private var nextSequence = 0
    private let idDecoder = JSONDecoder()

    init(context: ZMQContext, settings: Settings) throws {
        self.context = context
        self.settings = settings
        self.socket = try Self.connect(context: context, endpoint: settings.endpoints[0], security: settings.security)
    }

    private static func connect(context: ZMQContext, endpoint: String, security: BusClientSecurity?) throws(ZMQError) -> ZMQSocket {
        let socket = try context.makeSocket(.dealer)
        try socket.setLinger(.zero)
        try security?.apply(to: socket)
        try socket.connect(endpoint)
        return socket
    }

    var readableSockets: [ZMQSocket] { [socket] }

    func handle(_ command: BusClientCommand) {
        switch command {
        case .send(var request):
            request.sequence = nextSequence
            nextSequence += 1
            if let id = request.correlationID { byCorrelation[id] = request.sequence }
            request.deadline = .now + request.timeout
            request.repeatable = request.attemptsLeft > 1
            pending[request.sequence] = request
            transmit(request)
        }
    }

    private func transmit(_ request: Pending) {
        let frames = MDPCodec.encode(.client(.request(service: request.service, body: request.body)))
        do {
            // Never block the socket thread: a request that cannot be queued now stays
            // pending and goes again on a fresh socket when its timeout passes.
            _ = try socket.send(frames, dontWait: true)
        } catch {
            finish(request.sequence, with: .failure(BusClientError.socket(error)))
        }
    }

    func socketReadable(at index: Int) {
        while let frames = try? socket.receive(dontWait: true) {
            guard case (.client(let command), _)? = try? MDPCodec.decode(frames) else { continue }
            switch command {
            case .partial(let service, let body):
                guard let sequence = match(service: service, body: body), var request = pending[sequence] else { continue }
                // Progress shows the request is alive: give it a fresh timeout.
                request.deadline = .now + request.timeout
                pending[sequence] = request
                request.continuation.yield(.partial(body))
            case .final(let service, let body):
                guard let sequence = match(service: service, body: body) else { continue }
                finish(sequence, with: .success(body))
            case .request:
                continue
            }
        }
    }

    /// The request a reply answers: by its `"id"` when it has one we sent, else the
    /// oldest uncorrelated request for that service.
    private func match(service: String, body: [Frame]) -> Int? {
        if let first = body.first, first.bytes.first == UInt8(ascii: "{"),
           let header = try? idDecoder.decode(CorrelationHeader.self, from: Data(first.bytes)),
           let id = header.id, let sequence = byCorrelation[id] {
            return sequence
        }
        return pending.values
            .filter { $0.service == service && $0.correlationID == nil }
            .min { $0.sequence < $1.sequence }?
            .sequence
    }

    private func finish(_ sequence: Int, with outcome: Result<[Frame], any Error>) {
        guard let request = pending.removeValue(forKey: sequence) else { return }
        if let id = request.correlationID { byCorrelation[id] = nil }
        switch outcome {
        case .success(let body):
            request.continuation.yield(.final(body))
            request.continuation.finish()
        case .failure(let error):
            request.continuation.finish(throwing: error)
        }
    }

    func tick(now: ContinuousClock.Instant) -> Duration {
        let expired = pending.values.filter { $0.deadline <= now }.sorted { $0.sequence < $1.sequence }
        if !expired.isEmpty {
            var retry = false
            for request in expired {
                if request.attemptsLeft > 1 {
                    pending[request.sequence]?.attemptsLeft -= 1
                    retry = true
                } else {
                    let waited = request.timeout
                    finish(request.sequence, with: .failure(BusClientError.timedOut(service: request.service, after: waited, endpoints: settings.endpoints)))
                }
            }
            // With several brokers, also when the last attempt was given up: the broker at
            // this endpoint is dead or a standby, and the next request must go to the next
            // one (a client with one attempt per request, like the bridge, would otherwise
            // stay on it for good).
            if retry || settings.endpoints.count > 1 { reconnectAndResend(now: now) }
        }
        guard let next = pending.values.map(\.deadline).min() else { return .seconds(1) }
        return max(.zero, next - now)
    }

    /// Lazy Pirate: the reply may be stuck behind a dead connection, so start over on a
    /// fresh socket (the next endpoint) and send everything still waiting again, except
    /// requests given a single attempt, which fail instead.
    private func reconnectAndResend(now: ContinuousClock.Instant) {
        endpointIndex = (endpointIndex + 1) % settings.endpoints.count
        do {
            let fresh = try Self.connect(context: context, endpoint: settings.endpoints[endpointIndex], security: settings.security)
            socket.close()
            socket = fresh
        } catch {
            // Keep the old socket: libzmq reconnects it by itself.
        }
        for sequence in pending.keys.sorted() {
            guard var request = pending[sequence] else { continue }
            guard request.repeatable else {
                // Given one attempt: never sent twice, and its answer cannot come on the
                // new socket.
                finish(sequence, with: .failure(BusClientError.timedOut(service: request.service, after: request.timeout, endpoints: settings.endpoints)))
                continue
            }
            request.deadline = now + request.timeout
            pending[sequence] = request
            transmit(request)
        }
    }

    func stopping() {
        for sequence in pending.keys.sorted() {
            finish(sequence, with: .failure(BusClientError.closed))
        }
        socket.close()
    }
}

/// Just the correlation id of a JSON reply body.
private struct CorrelationHeader: Decodable {
    var id: String?
}
