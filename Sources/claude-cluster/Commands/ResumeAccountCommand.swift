import ArgumentParser
import Wire

/// `claude-cluster resume-account ACCOUNT`: lifts a usage-limit pause before its reset.
struct ResumeAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume-account",
        abstract: "Send work again to the agents of an account paused by a usage limit.",
        discussion: """
        An account (the 'account' key of its agents, or an agent's own name) that hit a
        usage limit is paused until the limit resets. With broker.usage_limits.auto_resume
        false it stays paused until this command; it also lifts a pause early.
        """)

    @Argument(help: "The account, as its agents name it.") var account: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client in
            let pause = try await client.resumeAccount(account)
            if output.json {
                printJSON(pause)
            } else {
                let agents = pause.agents.isEmpty ? "no agents connected" : "agents " + pause.agents.joined(separator: ", ")
                print("account \(pause.account) resumed (\(pause.kind) limit was until \(Describe.timestamp(pause.limitedUntil))); \(agents)")
            }
        }
    }
}
