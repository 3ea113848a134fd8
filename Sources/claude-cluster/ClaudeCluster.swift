import ArgumentParser
import Wire

/// `claude-cluster`: starts any role of the cluster, or a whole local cluster, and
/// submits and inspects tasks as a bus client.
@main
struct ClaudeCluster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claude-cluster",
        abstract: "Run a team of Claude Code agents as one cluster.",
        discussion: """
        Start a local cluster with 'claude-cluster start', then hand it work with
        'claude-cluster submit' or 'claude-cluster task'. Exit codes: 0 success,
        1 failure, 3 broker unreachable, 4 not found, 5 task did not succeed, 64 usage.
        """,
        version: ClusterVersion.current,
        subcommands: [
            StartCommand.self, StopCommand.self,
            BrokerCommand.self, AgentCommand.self, BridgeCommand.self,
            TaskCommand.self, SubmitCommand.self, StatusCommand.self, TasksCommand.self,
            ShowCommand.self, CancelCommand.self, BroadcastCommand.self, LogsCommand.self, ResumeAccountCommand.self,
            AgentPauseCommand.self, AgentResumeCommand.self, RetryCommand.self,
            AskCommand.self, MCPCommand.self, KeygenCommand.self, ConfigCommand.self, RouteCommand.self, JournalCommand.self,
        ]
    )
}
