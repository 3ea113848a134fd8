import Foundation
import Hummingbird
import Synchronization

/// A webhook receiver on a free loopback port: records every body it is POSTed, and
/// answers 503 to the first `failFirst` of them (a receiver that is down for a while).
final class AlertReceiver: Sendable {
    private let state = Mutex<(bodies: [Data], requests: Int)>(([], 0))
    private let failFirst: Int
    private let task: Task<Void, any Error>
    let port: Int

    static func start(failFirst: Int = 0) async throws -> AlertReceiver {
        let ready = AsyncStream<Int>.makeStream()
        let receiver = AlertReceiverBox()
        let router = Router()
        router.post("/hooks/alerts") { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let status = receiver.value?.record(Data(body.readableBytesView)) ?? .internalServerError
            return Response(status: status)
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ready.continuation.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await value in ready.stream { port = value; break }
        let instance = AlertReceiver(failFirst: failFirst, task: task, port: port)
        receiver.value = instance
        return instance
    }

    private init(failFirst: Int, task: Task<Void, any Error>, port: Int) {
        self.failFirst = failFirst
        self.task = task
        self.port = port
    }

    private func record(_ body: Data) -> HTTPResponse.Status {
        state.withLock { state in
            state.requests += 1
            guard state.requests > failFirst else { return .serviceUnavailable }
            state.bodies.append(body)
            return .ok
        }
    }

    /// Bodies accepted (answered 200), in order.
    var bodies: [Data] { state.withLock { $0.bodies } }
    /// Every request, refused ones included.
    var requests: Int { state.withLock { $0.requests } }

    var url: URL { URL(string: "http://127.0.0.1:\(port)/hooks/alerts")! }

    func stop() { task.cancel() }
}

/// Lets the route reach the receiver created after the router.
private final class AlertReceiverBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: AlertReceiver?
    var value: AlertReceiver? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
