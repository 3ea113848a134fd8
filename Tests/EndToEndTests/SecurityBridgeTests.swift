@testable import Bridge
import Foundation
import Logging
import TestSupport
import Testing
import Wire
@testable import ClusterRuntime

/// The bridge's side of security: TLS files checked before serving, no token beyond
/// loopback refused (unless allowed, with a warning), and unsigned GitHub deliveries
/// refused beyond loopback, over a real HTTPS socket.
@Suite struct SecurityBridgeTests {
    static var quietLogger: Logger {
        var logger = Logger(label: "bridge-security-tests")
        logger.logLevel = .critical
        return logger
    }

    @Test func tlsFilesAreCheckedBeforeServing() async throws {
        let root = try TestEnvironment.temporaryDirectory("bridge-tls")
        let tls = try await makeSelfSignedCertificate(in: root)
        let loaded = try BridgeTLS(certificatePath: tls.certificate, keyPath: tls.key)
        #expect(loaded.certificateChain.count == 1)

        chmod(tls.key, 0o644)
        #expect(throws: BridgeTLSError.keyExposed(path: tls.key, mode: 0o644)) {
            try BridgeTLS(certificatePath: tls.certificate, keyPath: tls.key)
        }
        chmod(tls.key, 0o600)
        let other = root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let otherTLS = try await makeSelfSignedCertificate(in: other)
        let mismatch = try #require(throws: BridgeTLSError.self) { try BridgeTLS(certificatePath: tls.certificate, keyPath: otherTLS.key) }
        #expect(mismatch.description.contains("does not work with the certificate"))
        let garbage = root.appendingPathComponent("garbage.pem").path
        try "not a certificate".write(toFile: garbage, atomically: true, encoding: .utf8)
        #expect(throws: BridgeTLSError.self) { try BridgeTLS(certificatePath: garbage, keyPath: tls.key) }
        #expect(throws: BridgeTLSError.self) { try BridgeTLS(certificatePath: tls.certificate, keyPath: "\(root.path)/missing.key") }

        // From the configuration file to the bridge.
        let section = modified(BridgeSection()) { $0.tls = BridgeTLSSection(certificate: tls.certificate, key: tls.key) }
        #expect(try BridgeAssembly.configuration(section).transport == .tls(loaded))
        #expect(try BridgeAssembly.configuration(BridgeSection()).transport == .plainHTTP1)
    }

    @Test func beyondLoopbackATokenIsRequiredUnlessInsecureIsAllowed() throws {
        let open = try BridgeAssembly.configuration(modified(BridgeSection()) { $0.listen = "0.0.0.0:8888" })
        #expect(throws: BridgeConfigurationError.tokenRequired(host: "0.0.0.0")) { try open.validate() }
        let allowed = try BridgeAssembly.configuration(modified(BridgeSection()) { $0.listen = "0.0.0.0:8888"; $0.allowInsecure = true })
        #expect(try allowed.validate().contains { $0.contains("without a token") })
        let tokenOnly = try BridgeAssembly.configuration(modified(BridgeSection()) { $0.listen = "0.0.0.0:8888"; $0.token = "t" })
        #expect(try tokenOnly.validate().contains { $0.contains("no GitHub webhook secret") })
        #expect(try BridgeAssembly.configuration(BridgeSection()).validate().allSatisfy { !$0.contains("token") })
    }

    @Test func overHTTPSBeyondLoopbackUnsignedDeliveriesAndTokenlessCallsAreRefused() async throws {
        let root = try TestEnvironment.temporaryDirectory("bridge-https")
        let tls = try await makeSelfSignedCertificate(in: root)
        let nowhere = "tcp://127.0.0.1:\(try TestEnvironment.freePort())"
        let client = try ClusterClient(context: try ZMQContext(), endpoints: [nowhere], options: .init(timeout: .milliseconds(200), attempts: 1))
        defer { client.close() }
        let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
        // 0.0.0.0 is not loopback: a token is required, and GitHub deliveries need a secret.
        let configuration = BridgeConfiguration(
            host: "0.0.0.0", port: 0, token: "the-token", githubSecret: nil,
            transport: .tls(try BridgeTLS(certificatePath: tls.certificate, keyPath: tls.key)))
        let server = BridgeServer(configuration: configuration, cluster: BusClusterAPI(client: client), logger: Self.quietLogger,
                                  onListening: { _, port in portInput.yield(port) })
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let base = "https://127.0.0.1:\(port)"

        let delivery = try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "\(base)/webhook",
                                       "-H", "X-GitHub-Event: issue_comment", "-H", "X-GitHub-Delivery: d-1",
                                       "-H", "content-type: application/json", "-d", #"{"action":"created"}"#])
        #expect(delivery.output == "401", "an unsigned delivery beyond loopback answered \(delivery.output)")
        let tokenless = try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", "\(base)/tasks"])
        #expect(tokenless.output == "401")
        let wrongToken = try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer the-tokeN", "\(base)/tasks"])
        #expect(wrongToken.output == "401")
        // With the token the request gets past authentication (and finds no broker).
        let withToken = try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer the-token", "\(base)/tasks"])
        #expect(withToken.output == "503", "\(withToken.output)")
    }
}
