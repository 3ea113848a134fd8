@testable import Broker
@testable import ClusterRuntime
import Foundation
import Logging
import Synchronization
import TestSupport
import Wire

/// A number several tasks add to.
final class SharedCounts: Sendable {
    private let counts: Mutex<[Int]>

    init(_ size: Int) { counts = Mutex([Int](repeating: 0, count: size)) }

    func add(at index: Int) { counts.withLock { $0[index] += 1 } }
    subscript(index: Int) -> Int { counts.withLock { $0[index] } }
}

/// Log lines kept in memory, so a test can count what was logged.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// A logger writing here (and nowhere else).
    func logger(_ label: String) -> Logger {
        Logger(label: label) { _ in CapturingLogHandler(log: self) }
    }

    func count(containing fragment: String) -> Int { all.filter { $0.contains(fragment) }.count }
}

struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        log.append("\(event.level) \(event.message)")
    }
}

/// A real broker with CURVE on, in this process, on free loopback ports; its keys
/// directory holds the broker's pair and one authorised client pair ("client").
struct CurveBrokerFixture {
    let root: URL
    let keys: String
    let broker: BrokerService
    let serverKey: CurveKey
    let client: CurveKeyPair
    let log: CapturedLog

    var authorized: String { "\(keys)/\(KeyFiles.authorizedFolder)" }
    var clientSecurity: BusClientSecurity { BusClientSecurity(keyPair: client, serverKey: serverKey) }

    static func start(heartbeat: Duration = .seconds(1)) throws -> CurveBrokerFixture {
        let root = try TestEnvironment.temporaryDirectory("curve")
        let keys = root.appendingPathComponent("keys").path
        let server = try KeyFiles.generate(name: "broker", in: keys)
        let client = try KeyFiles.generate(name: "client", in: keys)
        try KeyFiles.authorize(name: "client", in: keys)
        let log = CapturedLog()
        let settings = BrokerSettings(
            routerEndpoint: "tcp://127.0.0.1:*",
            publisherEndpoint: "tcp://127.0.0.1:*",
            dataDirectory: root.appendingPathComponent("data"),
            state: BrokerConfiguration(heartbeat: HeartbeatPolicy(interval: heartbeat, liveness: 3)),
            security: BrokerSecurity(
                keyPair: try KeyFiles.readKeyPair(name: "broker", in: keys),
                authorizedKeysDirectory: URL(fileURLWithPath: "\(keys)/\(KeyFiles.authorizedFolder)")))
        let broker = try BrokerService(settings: settings, logger: log.logger("broker"))
        return CurveBrokerFixture(root: root, keys: keys, broker: broker, serverKey: server.publicKey, client: client, log: log)
    }

    /// A management client with `security` (nil: plain text) that tries once, briefly.
    func client(_ security: BusClientSecurity?, timeout: Duration = .seconds(5), attempts: Int = 1) throws -> ClusterClient {
        try ClusterClient(
            context: try ZMQContext(), endpoints: [broker.endpoints.router], eventEndpoints: [broker.endpoints.publisher],
            options: .init(timeout: timeout, attempts: attempts, security: security))
    }

    /// Whether `security` gets an answer to `mmi.info` within `timeout`.
    func isServed(_ security: BusClientSecurity?, timeout: Duration = .milliseconds(600), attempts: Int = 1) async throws -> Bool {
        let client = try client(security, timeout: timeout, attempts: attempts)
        defer { client.close() }
        do {
            _ = try await client.info(timeout: timeout)
            return true
        } catch .timedOut {
            return false
        }
    }

    /// The TCP port of a `tcp://host:port` endpoint.
    static func port(of endpoint: String) -> Int {
        Int(endpoint.split(separator: ":").last ?? "") ?? 0
    }
}

/// Writes `bytes` to a TCP port on 127.0.0.1 and closes the connection; what a scanner or
/// a confused program does.
func writeRawTCP(port: Int, bytes: [UInt8]) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    let connected = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
    guard connected else { return false }
    let written = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    return written > 0
}

/// A self-signed certificate for `localhost`/127.0.0.1 and its key (mode 0600), made by
/// `openssl` in `directory`.
func makeSelfSignedCertificate(in directory: URL) async throws -> (certificate: String, key: String) {
    let certificate = directory.appendingPathComponent("bridge.crt").path
    let key = directory.appendingPathComponent("bridge.key").path
    let made = try await runCommand("/usr/bin/env", [
        "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ])
    guard made.status == 0 else { throw POSIXError(.EIO) }
    chmod(key, 0o600)
    return (certificate, key)
}
