import AgentNode
import Foundation
import Wire

/// Turns one `agents:` entry (over `agent_defaults:`) into an agent's settings.
enum AgentAssembly {
    struct Agent {
        var settings: AgentSettings
        var bus: AgentBusSettings
    }

    static func agent(_ entry: AgentSection, in configuration: ClusterConfiguration, executablePath: String?) throws -> Agent {
        let merged = entry.merged(over: configuration.agentDefaults)
        // The validator has checked that every agent has a name and a specialty.
        let name = merged.name ?? "agent"
        let specialty = merged.specialty ?? configuration.broker?.routing.defaultSpecialty ?? "backend"
        let layout = LogLayout(dataDirectory: configuration.dataDirectory)
        let agentDirectory = URL(fileURLWithPath: layout.agentDirectory(name))
        let workspace = merged.workspace.map { URL(fileURLWithPath: ClusterConfiguration.expandingTilde($0)) }
            ?? agentDirectory.appendingPathComponent("workspace")
        let repository = merged.repository.map(absoluteIfLocal) ?? ""

        // The runner may call `claude-cluster ask`: tell it where this program and the broker are.
        var environment: [String: String] = [
            "CLUSTER_AGENT": name,
            "CLUSTER_SPECIALTY": specialty,
            "CLUSTER_BROKER": configuration.routerEndpoints.joined(separator: ","),
        ]
        if let executablePath {
            let directory = URL(fileURLWithPath: executablePath).deletingLastPathComponent().path
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            environment["PATH"] = "\(directory):\(path)"
        }
        // With CURVE on, `claude-cluster ask` in the runner joins the bus with this agent's keys.
        environment.merge(try ClientKeys.environment(for: configuration, name: name)) { $1 }
        var runner = RunnerCommand.claudeCode
        if let template = merged.runner {
            var resolved = template
            resolved[0] = absoluteIfLocal(template[0])
            runner = RunnerCommand(template: resolved)
        }
        var settings = AgentSettings(
            name: name,
            specialty: specialty,
            workspaceRoot: workspace,
            repository: repository,
            runner: runner,
            permissionMode: merged.permissionMode ?? "bypassPermissions",
            hooksDirectory: URL(fileURLWithPath: configuration.hooksFolder(of: entry).path),
            logsDirectory: URL(fileURLWithPath: layout.taskLogs(name)),
            taskTimeoutDefault: .milliseconds(Int((merged.taskTimeoutSeconds ?? 1800) * 1000)),
            // The agent's own limit also caps what an assignment allows: the broker always
            // sends one, so without the cap this setting would never apply.
            taskTimeoutLimit: merged.taskTimeoutSeconds.map { .milliseconds(Int($0 * 1000)) },
            runAsUser: merged.runAs,
            pullRequestCommand: merged.pullRequestCommand ?? PullRequestCommand.defaultTemplate,
            pushEnabled: merged.push ?? true,
            environment: environment,
            claude: ClaudeSettings(
                model: merged.model, fallbackModel: merged.fallbackModel, maxTurns: merged.maxTurns,
                maxBudgetUSD: merged.maxBudgetUSD, allowedTools: merged.allowedTools ?? [],
                disallowedTools: merged.disallowedTools ?? [],
                appendSystemPrompt: merged.appendSystemPrompt ?? ClaudeSettings.defaultSystemPrompt(for: specialty)),
            // Per agent by default: agents sharing one OS account must not share one ~/.claude.json.
            claudeConfigDirectory: URL(fileURLWithPath: merged.claudeConfigDir.map(ClusterConfiguration.expandingTilde)
                ?? agentDirectory.appendingPathComponent("claude").path),
            sandbox: merged.sandbox ?? false)
        settings.account = merged.account
        settings.runnerLimits = runnerLimits(merged, heartbeatMs: configuration.broker?.heartbeatMs ?? 1000)
        // Each attempt's Claude Code gets the cluster's tools: `claude-cluster mcp` as this agent.
        if let executablePath {
            settings.clusterTools = ClusterToolsServer(
                executable: executablePath, brokers: configuration.routerEndpoints,
                publishers: configuration.publisherEndpoints,
                environment: try ClientKeys.environment(for: configuration, name: name))
        }
        let heartbeat = configuration.broker?.heartbeatMs ?? 1000
        let bus = AgentBusSettings(
            endpoints: configuration.routerEndpoints,
            subscribe: configuration.publisherEndpoints,
            heartbeatInterval: .milliseconds(heartbeat),
            liveness: configuration.broker?.liveness ?? 3,
            maxConcurrentTasks: merged.maxConcurrent ?? 1,
            security: try ClientKeys.load(for: configuration, name: name),
            maxCPUPercent: merged.maxCPUPercent,
            maxMemoryBytes: merged.maxMemoryMB.map { Int($0 * 1_048_576) })
        return Agent(settings: settings, bus: bus)
    }

    /// A relative path that exists here becomes absolute (agents run git in other
    /// directories); URLs and bare command names stay as written.
    static func absoluteIfLocal(_ value: String) -> String {
        let expanded = ClusterConfiguration.expandingTilde(value)
        guard !expanded.hasPrefix("/"), !expanded.contains("://"), !expanded.contains("@"),
              expanded.contains("/") || FileManager.default.fileExists(atPath: expanded) else { return expanded }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded).standardized.path
    }
}
