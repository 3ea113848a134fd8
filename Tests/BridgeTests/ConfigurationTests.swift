@testable import Bridge
import Testing

@Suite("Bridge configuration")
struct ConfigurationTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true), ("[::1]", true),
        ("::ffff:127.0.0.1", true), ("0.0.0.0", false), ("192.168.1.10", false), ("::", false), ("example.com", false),
        ("1270.0.0.1", false),
    ])
    func loopbackDetection(host: String, loopback: Bool) {
        #expect(LoopbackAddress.contains(host) == loopback)
    }

    @Test func nonLoopbackWithoutTokenIsRefused() {
        #expect(throws: BridgeConfigurationError.tokenRequired(host: "0.0.0.0")) {
            try BridgeConfiguration(host: "0.0.0.0").validate()
        }
        #expect(throws: BridgeConfigurationError.tokenRequired(host: "0.0.0.0")) {
            try BridgeConfiguration(host: "0.0.0.0", token: "").validate()
        }
    }

    @Test func insecureOptInWarns() throws {
        let warnings = try BridgeConfiguration(host: "0.0.0.0", allowInsecureNonLoopback: true).validate()
        #expect(warnings.contains { $0.contains("without a token") })
        #expect(warnings.contains { $0.contains("no GitHub webhook secret") })
    }

    @Test func tokenAndSecretBeyondLoopbackIsClean() throws {
        #expect(try BridgeConfiguration(host: "0.0.0.0", token: "t", githubSecret: "s").validate().isEmpty)
    }

    @Test func badValuesAreRefused() {
        #expect(throws: BridgeConfigurationError.invalidPort(70_000)) { try BridgeConfiguration(port: 70_000).validate() }
        #expect(throws: BridgeConfigurationError.self) {
            try BridgeConfiguration(webhookRules: WebhookRules(triggerPhrase: " ")).validate()
        }
    }

    @Test func serverRefusesToBuildInsecurely() {
        let server = BridgeServer(configuration: BridgeConfiguration(host: "0.0.0.0"), cluster: FakeCluster())
        #expect(throws: BridgeConfigurationError.self) { _ = try server.buildApplication() }
    }

    @Test func errorsSayWhatToDo() {
        #expect(BridgeConfigurationError.tokenRequired(host: "10.0.0.1").description.contains("set bridge.token"))
    }
}
