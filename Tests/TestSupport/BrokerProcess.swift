import Foundation

/// A `claude-cluster broker` child process on fixed loopback ports, for tests that kill a
/// broker and start it again where its agents and clients expect it.
public enum BrokerProcess {
    /// The broker could not bind its ports in any attempt.
    public struct StartFailure: Error, CustomStringConvertible {
        public let attempts: Int
        public let lastOutput: String
        public var description: String { "the broker did not start in \(attempts) attempts; its last output:\n\(lastOutput)" }
    }

    /// Starts a broker on `port` (ROUTER) and `publishPort` (PUB) with its journal in
    /// `dataDirectory`, and waits until it is ready.
    ///
    /// A port found free earlier, or left by a broker just killed, may be held for a moment
    /// by a test running beside this one: a broker that cannot start is tried again, up to
    /// `attempts` times, a quarter of a second apart.
    /// `arguments` go after those (a `--config` naming a PostgreSQL journal, say), and
    /// `environment` into the broker's environment.
    public static func start(
        port: Int, publishPort: Int, dataDirectory: URL, arguments: [String] = [], environment: [String: String] = [:],
        attempts: Int = 20
    ) async throws -> ChildProcess {
        var output = ""
        for _ in 0..<attempts {
            let broker = try ChildProcess("broker", executable: TestEnvironment.clusterExecutable, arguments: [
                "broker", "--bind", "tcp://127.0.0.1:\(port)", "--publish", "tcp://127.0.0.1:\(publishPort)",
                "--data-dir", dataDirectory.path,
            ] + arguments, environment: environment)
            if await broker.waitForLine(containing: "broker ready") != nil { return broker }
            output = broker.text
            await broker.stop(grace: .seconds(2))
            try await Task.sleep(for: .milliseconds(250))
        }
        throw StartFailure(attempts: attempts, lastOutput: output)
    }
}
