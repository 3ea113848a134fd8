import Foundation
import TestSupport
import Testing

/// The live bridge keeps its own OpenAPI contract: schemathesis (scripts/http-contract.sh)
/// sends generated requests, valid and invalid, to a real bridge in front of a real broker
/// and checks every answer against /openapi.yaml. Installed by scripts/setup.sh; skipped
/// without it.
@Suite(.serialized, .timeLimit(.minutes(10))) struct HTTPContractTests {
    static let schemathesisAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import schemathesis"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: schemathesisAvailable)) func bridgeAnswersAsItsOpenAPIDocumentSays() async throws {
        let root = try TestEnvironment.temporaryDirectory("http-contract")
        let token = "contract-token"
        let (cluster, base) = try await Self.startCluster(in: root, token: token)
        defer { cluster.signal(SIGKILL) }

        let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/http-contract.sh").path
        // In its own folder: schemathesis writes its reports where it runs.
        let run = try ChildProcess("schemathesis", executable: "/bin/bash", arguments: [script, base, token], directory: root)
        let status = await run.waitForExit(timeout: .seconds(540))
        if status == nil { run.signal(SIGKILL) }
        #expect(status == 0, "schemathesis found the bridge off its contract:\n\(run.lines.suffix(200).joined(separator: "\n"))")
        await cluster.stop()
    }

    /// A broker and a bridge as deployed: a bearer token and a GitHub secret. No agents:
    /// the contract is the bridge's, and queued tasks answer every endpoint. Started again
    /// on fresh ports if the broker's, found free a moment earlier, were taken meanwhile.
    static func startCluster(in root: URL, token: String) async throws -> (ChildProcess, String) {
        let config = root.appendingPathComponent("cluster.yaml").path
        var output = ""
        for _ in 0..<5 {
            let ports = try (0..<2).map { _ in try TestEnvironment.freePort() }
            try """
            cluster:
              data_dir: \(root.appendingPathComponent("data").path)
            broker:
              bind: tcp://127.0.0.1:\(ports[0])
              publish: tcp://127.0.0.1:\(ports[1])
            bridge:
              listen: 127.0.0.1:0
              token: \(token)
              github:
                secret: contract-secret
            agents: []
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let cluster = try ChildProcess("cluster", executable: TestEnvironment.clusterExecutable, arguments: ["start", "--config", config])
            if let line = await cluster.waitForLine(containing: "HTTP bridge listening on "),
                let base = line.components(separatedBy: "listening on ").last?.trimmingCharacters(in: .whitespaces)
            {
                return (cluster, base)
            }
            output = cluster.text
            await cluster.stop(grace: .seconds(2))
        }
        Issue.record("the cluster did not start: \(output)")
        throw POSIXError(.EADDRINUSE)
    }
}
