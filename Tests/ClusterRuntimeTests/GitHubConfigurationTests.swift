@testable import Bridge
import Foundation
import Testing
@testable import ClusterRuntime

/// `bridge.public_url` and the round-trip keys of `bridge.github`.
@Suite struct GitHubConfigurationTests {
    @Test func roundTripKeysReachTheBridge() throws {
        let text = """
        broker: {}
        bridge:
          public_url: https://cluster.example.com/
          github:
            token: ${GH_TOKEN}
            api_url: https://ghe.example.com/api/v3
            tracking_comments: false
            reactions: false
            follow_ups: false
            fix_failed_checks: false
            max_fix_rounds: 5
            retry_command: false
            edit_interval_seconds: 2.5
            poll_interval_seconds: 0.5
            log_tail_lines: 40
        """
        let configuration = try ConfigurationLoader.parse(text, file: "c.yaml", environment: ["GH_TOKEN": "ghp_example"])
        let section = try #require(configuration.bridge)
        let github = try BridgeAssembly.configuration(section).github
        #expect(github.token == "ghp_example")
        #expect(github.apiURL == "https://ghe.example.com/api/v3")
        #expect(github.publicURL == "https://cluster.example.com/")
        #expect(!github.trackingComments && !github.reactions && !github.followUps && !github.fixFailedChecks && !github.retryCommand)
        #expect(github.maxFixRounds == 5)
        #expect(github.editInterval == .milliseconds(2_500))
        #expect(github.pollInterval == .milliseconds(500))
        #expect(github.logTailLines == 40)
    }

    @Test func defaultsPostNothingWithoutAToken() throws {
        let configuration = try ConfigurationLoader.parse("broker: {}\nbridge:\n  github:\n    token: ${GITHUB_TOKEN:-}\n", file: "c.yaml", environment: [:])
        let github = try BridgeAssembly.configuration(try #require(configuration.bridge)).github
        #expect(github.token == nil)
        #expect(github.apiURL == "https://api.github.com")
        #expect(github.maxFixRounds == 2)
        #expect(github.trackingComments && github.followUps && github.fixFailedChecks && github.retryCommand)
        let shipped = ConfigurationLoaderTests.repositoryRoot.appendingPathComponent("configs/local.yaml").path
        let local = try ConfigurationLoader.load(path: shipped, environment: ["GITHUB_TOKEN": "ghp_from_env"])
        #expect(try BridgeAssembly.configuration(try #require(local.bridge)).github.token == "ghp_from_env")
    }

    @Test func badValuesAreNamed() throws {
        for (line, key) in [
            ("  github: {max_fix_rounds: -1}", "bridge.github.max_fix_rounds"),
            ("  github: {api_url: api.github.com}", "bridge.github.api_url"),
            ("  public_url: cluster.example.com", "bridge.public_url"),
            ("  github: {poll_interval_seconds: 0}", "bridge.github.poll_interval_seconds"),
            ("  github: {log_tail_lines: 0}", "bridge.github.log_tail_lines"),
        ] {
            let error = try #require(throws: ConfigurationError.self) {
                try ConfigurationLoader.parse("broker: {}\nbridge:\n\(line)\n", file: "c.yaml", environment: [:])
            }
            #expect(error.key == key, "\(line): \(error)")
        }
    }
}
