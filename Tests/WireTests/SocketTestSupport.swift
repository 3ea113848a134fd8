import Foundation
import Testing
import Wire

/// How a test pair of sockets is connected.
enum SocketTransport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case tcp, inproc

    var testDescription: String { rawValue }

    /// An endpoint no other test uses: an OS-chosen loopback port, or a unique inproc name.
    func freshEndpoint() -> String {
        switch self {
        case .tcp: "tcp://127.0.0.1:*"
        case .inproc: "inproc://wire-test-\(UUID().uuidString)"
        }
    }
}

/// The timeout every blocking test receive uses, so a broken test fails instead of hanging.
let testReceiveTimeout: Duration = .seconds(5)

/// A context whose sockets do not linger, so a failed test never delays process exit.
func makeTestContext() throws -> ZMQContext {
    try ZMQContext(ioThreads: 1, defaultLinger: .zero)
}

/// A socket of `kind` with the test receive timeout set.
func makeTestSocket(_ context: ZMQContext, _ kind: SocketKind) throws -> ZMQSocket {
    let socket = try context.makeSocket(kind)
    try socket.setReceiveTimeout(testReceiveTimeout)
    return socket
}

/// `server` bound on a fresh endpoint of `transport` and `client` connected to it.
func makeConnectedPair(
    _ context: ZMQContext, server serverKind: SocketKind, client clientKind: SocketKind,
    over transport: SocketTransport, configureClient: (ZMQSocket) throws -> Void = { _ in }
) throws -> (server: ZMQSocket, client: ZMQSocket) {
    let server = try makeTestSocket(context, serverKind)
    try server.bind(transport.freshEndpoint())
    let client = try makeTestSocket(context, clientKind)
    try configureClient(client)
    try client.connect(try server.lastEndpoint)
    return (server, client)
}

/// Sends `[topic, "sync"]` from `pub` until `sub` hears it, so a test's real messages are
/// not lost to PUB/SUB's slow-joiner window. Read on with `receiveSkippingSync`.
func waitForSubscription(pub: ZMQSocket, sub: ZMQSocket, topic: Frame) throws {
    let deadline = ContinuousClock.now + testReceiveTimeout
    try sub.setReceiveTimeout(.milliseconds(10))
    defer { try? sub.setReceiveTimeout(testReceiveTimeout) }
    while ContinuousClock.now < deadline {
        try pub.send([topic, "sync"])
        if try sub.receive() != nil { return }
    }
    Issue.record("the subscriber never heard the publisher")
}

/// The next message on `sub` that is not one of `waitForSubscription`'s sync messages.
func receiveSkippingSync(_ sub: ZMQSocket) throws -> [Frame]? {
    while let message = try sub.receive() {
        if message.count != 2 || message[1] != "sync" { return message }
    }
    return nil
}

/// `count` bytes of a pattern that repeats every 251 bytes (a prime, so it never lines up
/// with frame or buffer sizes); built by doubling so 10 MB is quick even in debug builds.
func patternBytes(count: Int, seed: UInt8 = 7) -> [UInt8] {
    var bytes = (0..<251).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    while bytes.count < count { bytes.append(contentsOf: bytes) }
    return Array(bytes.prefix(count))
}
