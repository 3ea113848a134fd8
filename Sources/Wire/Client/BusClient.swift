import Foundation
import Synchronization

/// An 18/MDP client of the broker: many requests in flight over one DEALER socket.
///
/// Replies are matched to requests by the correlation id in their JSON body (`"id"`);
/// a reply without one goes to the oldest request for that service, so plain MDP
/// services work too. A request that gets no answer is sent again on a fresh socket,
/// trying the next broker endpoint each time (the Guide's Lazy Pirate pattern), so only
/// send retries for requests that are safe to repeat (every `mmi.*` call is: submits
/// carry an idempotency key).
///
/// ```swift
/// let client = try BusClient(context: context, endpoints: ["tcp://127.0.0.1:5555"])
/// let record = try await client.call(ClusterService.TaskSubmit.self, spec)
/// ```
public final class BusClient: Sendable {
    /// Everything that shapes retries.
    public struct Options: Sendable {
        /// How long to wait for a reply before trying again.
        public var timeout: Duration
        /// How many times a request is sent at most.
        public var attempts: Int
        public var security: BusClientSecurity?

        public init(timeout: Duration = .seconds(3), attempts: Int = 2, security: BusClientSecurity? = nil) {
            self.timeout = timeout
            self.attempts = attempts
            self.security = security
        }
    }

    public let endpoints: [String]
    public let options: Options
    private let loop: SocketLoop<BusClientCommand>
    /// Correlation ids are this client's random prefix and a count: unique among its
    /// requests, and cheap (a UUID per call read /dev/urandom through a new file each time).
    private let correlationPrefix = String(UInt32.random(in: .min ... .max), radix: 16)
    private let requestsMade = Atomic<Int>(0)

    /// Connects to the first of `endpoints` (the others are failover targets).
    public init(context: ZMQContext, endpoints: [String], options: Options = .init()) throws(BusClientError) {
        guard !endpoints.isEmpty else { throw .socket(ZMQError(code: EINVAL, operation: "connect to the broker: no endpoint given")) }
        self.endpoints = endpoints
        self.options = options
        let settings = BusClientHandler.Settings(endpoints: endpoints, security: options.security)
        do {
            loop = try SocketLoop.start(name: "bus-client", context: context) { _ in
                try BusClientHandler(context: context, settings: settings)
            }
        } catch let error as ZMQError {
            throw .socket(error)
        } catch {
            throw .socket(ZMQError(code: EINVAL, operation: "start the bus client: \(error)"))
        }
    }

    deinit { loop.stop() }

    /// Closes the socket; requests still in flight fail with `.closed`.
    public func close() { loop.stop() }

    /// Sends one request and streams its replies; the stream ends after the FINAL.
    public func stream(
        service: String,
        body: [Frame],
        correlationID: String? = nil,
        timeout: Duration? = nil,
        attempts: Int? = nil
    ) -> AsyncThrowingStream<BusReplyPart, any Error> {
        let (stream, continuation) = AsyncThrowingStream<BusReplyPart, any Error>.makeStream()
        let request = BusClientHandler.Pending(
            service: service,
            body: body,
            correlationID: correlationID,
            timeout: timeout ?? options.timeout,
            attemptsLeft: max(1, attempts ?? options.attempts),
            continuation: continuation)
        if !loop.post(.send(request)) {
            continuation.finish(throwing: BusClientError.closed)
        }
        return stream
    }

    /// Sends one request and returns the FINAL's body (PARTIALs are skipped).
    public func request(
        service: String,
        body: [Frame],
        correlationID: String? = nil,
        timeout: Duration? = nil,
        attempts: Int? = nil
    ) async throws(BusClientError) -> [Frame] {
        do {
            for try await part in stream(service: service, body: body, correlationID: correlationID, timeout: timeout, attempts: attempts) {
                if case .final(let frames) = part { return frames }
            }
        } catch let error as BusClientError {
            throw error
        } catch {
            throw .badReply(service: service, detail: "\(error)")
        }
        throw .closed
    }

    /// Makes one management call and returns its result, or throws the service's error.
    public func call<Call: BusCall>(
        _ call: Call.Type,
        _ payload: Call.Payload,
        timeout: Duration? = nil,
        attempts: Int? = nil
    ) async throws(BusClientError) -> Call.Result {
        let id = correlationPrefix + "-" + String(requestsMade.add(1, ordering: .relaxed).newValue)
        let frames = call.request(id: id, payload: payload).body
        let body = try await request(service: call.service, body: frames, correlationID: id, timeout: timeout, attempts: attempts)
        let reply: BusReply<Call.Result>
        do {
            reply = try call.decodeReply(body)
        } catch {
            throw .badReply(service: call.service, detail: error.description)
        }
        do {
            return try reply.get()
        } catch {
            throw .service(error)
        }
    }

    /// Asks the broker whether `service` has workers (8/MMI): 200, 404 or 501.
    public func serviceStatus(_ service: String, timeout: Duration? = nil) async throws(BusClientError) -> MMI.Status {
        let body = try await request(service: MMI.serviceLookup, body: [Frame(service)], timeout: timeout)
        guard let status = MMI.Status(body: body) else {
            throw .badReply(service: MMI.serviceLookup, detail: "expected 200, 404 or 501")
        }
        return status
    }
}

/// What the client's socket thread is asked to do.
enum BusClientCommand: Sendable {
    case send(BusClientHandler.Pending)
}
