/// Where each role writes its logs under the data directory:
/// `logs/router.log`, `logs/bridge.log`, `agents/<NAME>/agent.log` and
/// `agents/<NAME>/tasks/<task-id>.log`.
public struct LogLayout: Sendable {
    public var dataDirectory: String

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    var routerLog: String { "\(dataDirectory)/logs/router.log" }
    var bridgeLog: String { "\(dataDirectory)/logs/bridge.log" }

    func agentDirectory(_ name: String) -> String { "\(dataDirectory)/agents/\(name)" }
    func agentLog(_ name: String) -> String { "\(agentDirectory(name))/agent.log" }
    func taskLogs(_ name: String) -> String { "\(agentDirectory(name))/tasks" }

    /// The router log for nil, else that agent's log.
    public func logFile(agent: String?) -> String {
        agent.map(agentLog) ?? routerLog
    }
}
