/// The checks of `bridge.github`'s round-trip keys and `bridge.public_url`.
enum GitHubSectionRules {
    static func check(_ bridge: BridgeSection, fail: (String, String) -> ConfigurationError) throws(ConfigurationError) {
        let github = bridge.github
        guard isHTTPURL(github.apiURL) else {
            throw fail("bridge.github.api_url", "'\(github.apiURL)' is not an http(s) URL such as https://api.github.com")
        }
        if let url = bridge.publicURL, !isHTTPURL(url) {
            throw fail("bridge.public_url", "'\(url)' is not an http(s) URL such as https://cluster.example.com")
        }
        guard (0...100).contains(github.maxFixRounds) else {
            throw fail("bridge.github.max_fix_rounds", "must be between 0 and 100 (got \(github.maxFixRounds))")
        }
        guard github.editIntervalSeconds >= 0, github.editIntervalSeconds <= 3600 else {
            throw fail("bridge.github.edit_interval_seconds", "must be between 0 and 3600")
        }
        guard github.pollIntervalSeconds >= 0.05, github.pollIntervalSeconds <= 3600 else {
            throw fail("bridge.github.poll_interval_seconds", "must be between 0.05 and 3600")
        }
        guard (1...10_000).contains(github.logTailLines) else {
            throw fail("bridge.github.log_tail_lines", "must be between 1 and 10000 (got \(github.logTailLines))")
        }
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && text.count > 8 && !text.contains(" ")
    }
}
