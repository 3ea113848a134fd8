import Foundation

/// Follows the broker's PUB socket: task events, alerts, broadcasts and heartbeats.
///
/// Each `messages(prefix:)` call gets its own stream of the messages whose topic starts
/// with `prefix`; the SUB socket subscribes to exactly the prefixes someone follows.
/// PUB/SUB drops messages when a subscriber is slow or not yet connected, so treat
/// events as hints and read the task itself for the truth.
public final class EventSubscriber: Sendable {
    private let loop: SocketLoop<EventSubscriberCommand>

    /// Connects to every endpoint in `endpoints` (all brokers' PUB sockets).
    public init(context: ZMQContext, endpoints: [String], security: BusClientSecurity? = nil) throws(BusClientError) {
        do {
            loop = try SocketLoop.start(name: "bus-events", context: context) { _ in
                try EventSubscriberHandler(context: context, endpoints: endpoints, security: security)
            }
        } catch let error as ZMQError {
            throw .socket(error)
        } catch {
            throw .socket(ZMQError(code: EINVAL, operation: "start the event subscriber: \(error)"))
        }
    }

    deinit { loop.stop() }

    /// Stops every stream and closes the socket.
    public func close() { loop.stop() }

    /// Messages whose topic starts with `prefix`, from now on, until the stream is dropped.
    public func messages(prefix: String) -> AsyncStream<PublishedMessage> {
        let (stream, continuation) = AsyncStream<PublishedMessage>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let id = UUID()
        let loop = self.loop
        continuation.onTermination = { _ in _ = loop.post(.unfollow(id)) }
        if !loop.post(.follow(id, prefix, continuation)) { continuation.finish() }
        return stream
    }

    /// Cluster events (`ClusterEvent`) of one task, decoded; undecodable bodies are skipped.
    public func taskEvents(taskID: String) -> AsyncStream<ClusterEvent> {
        let topic = Topic.task(taskID)
        let raw = messages(prefix: topic)
        return AsyncStream { continuation in
            let forward = Task {
                for await message in raw where message.topic == topic {
                    if let event = try? JSONWire.decode(ClusterEvent.self, from: message.body) {
                        continuation.yield(event)
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in forward.cancel() }
        }
    }
}

enum EventSubscriberCommand: Sendable {
    case follow(UUID, String, AsyncStream<PublishedMessage>.Continuation)
    case unfollow(UUID)
}

/// The socket-thread half of `EventSubscriber`.
final class EventSubscriberHandler: SocketLoopHandler {
    private let socket: ZMQSocket
    private var followers: [UUID: (prefix: String, continuation: AsyncStream<PublishedMessage>.Continuation)] = [:]
    /// How many followers need each socket subscription.
    private var subscriptions: [String: Int] = [:]

    init(context: ZMQContext, endpoints: [String], security: BusClientSecurity?) throws {
        socket = try context.makeSocket(.sub)
        try socket.setLinger(.zero)
        try security?.apply(to: socket)
        for endpoint in endpoints { try socket.connect(endpoint) }
    }

    var readableSockets: [ZMQSocket] { [socket] }

    func handle(_ command: EventSubscriberCommand) {
        switch command {
        case .follow(let id, let prefix, let continuation):
            followers[id] = (prefix, continuation)
            subscriptions[prefix, default: 0] += 1
            if subscriptions[prefix] == 1 { try? socket.subscribe(prefix) }
        case .unfollow(let id):
            guard let follower = followers.removeValue(forKey: id) else { return }
            subscriptions[follower.prefix, default: 1] -= 1
            if subscriptions[follower.prefix] == 0 {
                subscriptions[follower.prefix] = nil
                try? socket.unsubscribe(follower.prefix)
            }
        }
    }

    func socketReadable(at index: Int) {
        while let frames = try? socket.receive(dontWait: true) {
            guard let message = PublishedMessage(frames: frames) else { continue }
            for follower in followers.values where message.topic.hasPrefix(follower.prefix) {
                follower.continuation.yield(message)
            }
        }
    }

    func tick(now: ContinuousClock.Instant) -> Duration { .seconds(1) }

    func stopping() {
        for follower in followers.values { follower.continuation.finish() }
        followers.removeAll()
        socket.close()
    }
}
