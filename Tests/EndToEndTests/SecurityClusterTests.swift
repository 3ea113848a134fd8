@testable import ClusterRuntime
import Foundation
import TestSupport
import Testing
import Wire

/// A whole secured cluster as a user runs it: `claude-cluster keygen`, then `start` with
/// CURVE on every bus socket, the bridge on HTTPS with a token and a webhook secret.
@Suite(.serialized) struct SecurityClusterTests {
    @Test func aSecuredClusterServesOnlyItsOwnAndLogsNoSecret() async throws {
        let root = try TestEnvironment.temporaryDirectory("secure-cluster")
        let origin = try GitFixtures.makeOrigin(in: root)
        let cli = TestEnvironment.clusterExecutable
        let keys = root.appendingPathComponent("keys").path

        // keygen: one pair per role, agents' and clients' public keys authorised.
        for (name, authorize) in [("broker", false), ("client", true), ("bridge", true), ("CC01", true)] {
            let made = try await runCommand(cli, ["keygen", "--name", name, "--dir", keys] + (authorize ? ["--authorize"] : []))
            #expect(made.status == 0, "keygen \(name): \(made.output)")
        }
        let again = try await runCommand(cli, ["keygen", "--name", "client", "--dir", keys])
        #expect(again.status != 0 && again.output.contains("already exists"), "\(again.output)")
        let secretKeys = try ["broker", "client", "bridge", "CC01"].map {
            try String(contentsOfFile: "\(keys)/\($0).key", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        let tls = try await makeSelfSignedCertificate(in: root)
        let ports = try (0..<3).map { _ in try TestEnvironment.freePort() }
        let token = "token-\(UUID().uuidString)"
        let webhookSecret = "webhook-\(UUID().uuidString)"
        let runner = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/sample-runner").path
        let config = root.appendingPathComponent("cluster.yaml").path
        try """
        cluster: {data_dir: \(root.appendingPathComponent("data").path)}
        broker: {bind: "tcp://127.0.0.1:\(ports[0])", publish: "tcp://127.0.0.1:\(ports[1])"}
        bridge:
          listen: 127.0.0.1:\(ports[2])
          token: ${TEST_TOKEN:-}
          github: {secret: "${TEST_WEBHOOK_SECRET:-}"}
          tls: {certificate: \(tls.certificate), key: \(tls.key)}
        security: {curve: true, keys_dir: \(keys)}
        agent_defaults:
          runner: [\(runner), -p, "{prompt}", --output-format, stream-json, --verbose]
          repository: \(origin)
          pull_request_command: []
        agents:
          - {name: CC01, specialty: frontend}
        """.write(toFile: config, atomically: true, encoding: .utf8)

        // The secrets come from the environment, as in production (the CLI's copy of the
        // file needs none of them).
        let cluster = try ChildProcess("cluster", executable: cli, arguments: ["start", "--config", config],
                                       environment: ["TEST_TOKEN": token, "TEST_WEBHOOK_SECRET": webhookSecret])
        defer { cluster.signal(SIGKILL) }
        #expect(await cluster.waitForLine(containing: "HTTP bridge listening on https://") != nil, "\(cluster.text)")

        // The CLI (client key) submits; the agent (its own key) runs it: every bus socket is CURVE.
        let task = try await runCommand(cli, ["submit", "--title", "Add a footer", "--target", "frontend", "--wait", "--config", config])
        #expect(task.status == 0 && task.output.contains("succeeded (agent CC01)"), "\(task.output)")
        let plain = try await runCommand(cli, ["status", "--broker", "tcp://127.0.0.1:\(ports[0])", "--timeout", "0.5"])
        #expect(plain.status == 3, "a plain-text client must get no answer: \(plain.output)")

        // HTTPS with the token reaches the broker through the bridge's own CURVE key.
        let base = "https://127.0.0.1:\(ports[2])"
        let bearer = ["-H", "Authorization: Bearer \(token)"]
        let agents = try await curl(["-k"] + bearer + ["\(base)/agents/status"])
        #expect(agents.output.contains("CC01"), "\(agents.output)")
        let metrics = try await curl(["-k"] + bearer + ["\(base)/metrics"])
        #expect(metrics.output.contains("cluster_broker_curve_authorized_keys 3"), "\(metrics.output)")
        #expect(try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", "\(base)/health"]).output == "200")
        for path in ["/", "/agents/status", "/tasks", "/metrics", "/openapi.yaml"] {
            let status = try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", "\(base)\(path)"]).output
            #expect(status == "401", "\(path) without a token answered \(status)")
        }
        for path in ["/task", "/broadcast"] {
            let status = try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "content-type: application/json",
                                         "-d", #"{"title":"x","message":"x"}"#, "\(base)\(path)"]).output
            #expect(status == "401", "POST \(path) without a token answered \(status)")
        }
        let forged = try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "\(base)/webhook",
                                     "-H", "X-GitHub-Event: issues", "-H", "X-Hub-Signature-256: sha256=\(String(repeating: "0", count: 64))",
                                     "-d", #"{"action":"opened"}"#]).output
        #expect(forged == "401", "a delivery with a bad signature answered \(forged)")
        // The certificate is self-signed: without -k curl refuses it, and plain HTTP gets nothing.
        #expect(try await curl(["\(base)/health"]).status == 60)
        #expect(try await curl(["-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(ports[2])/health"]).output != "200")

        // SIGHUP re-reads the authorised keys.
        cluster.signal(SIGHUP)
        #expect(await cluster.waitForLine(containing: "CURVE key(s) from \(keys)/authorized (SIGHUP)", timeout: .seconds(10)) != nil, "\(cluster.text)")
        #expect(cluster.isRunning, "SIGHUP must not end the cluster")

        let stopped = try await runCommand(cli, ["stop", "--config", config])
        #expect(stopped.status == 0, "\(stopped.output)")
        #expect(await cluster.waitForExit(timeout: .seconds(30)) == 0, "\(cluster.text)")

        // No secret in any log: not the token, not the webhook secret, not a secret key.
        var logs = cluster.text
        let data = root.appendingPathComponent("data")
        for case let file as String in FileManager.default.enumerator(atPath: data.path) ?? .init() where file.hasSuffix(".log") {
            logs += try String(contentsOfFile: data.appendingPathComponent(file).path, encoding: .utf8)
        }
        #expect(logs.contains("authorised 3 CURVE key(s)"), "the logs were not read")
        for secret in [token, webhookSecret] + secretKeys {
            #expect(!logs.contains(secret), "a secret was logged")
        }
    }
}
