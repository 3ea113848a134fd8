/// The cluster's management services, hosted by the broker in the 8/MMI `mmi.` namespace.
public enum ClusterService {
    /// `mmi.task.submit`: accept a durable task; idempotent by `TaskSpec.idempotencyKey`.
    /// The reply comes only after the task's row is committed.
    public enum TaskSubmit: BusCall {
        public typealias Payload = TaskSpec
        public typealias Result = TaskRecord
        public static let service = "mmi.task.submit"
    }

    /// `mmi.task.get`: one task and its recent progress.
    public enum TaskGet: BusCall {
        public typealias Payload = TaskReference
        public typealias Result = TaskDetail
        public static let service = "mmi.task.get"
    }

    /// `mmi.task.list`: a page of tasks, newest first.
    public enum TaskList: BusCall {
        public typealias Payload = TaskListQuery
        public typealias Result = TaskPage
        public static let service = "mmi.task.list"
    }

    /// `mmi.task.cancel`: cancel a task; cancelling a finished task is a `conflict`.
    public enum TaskCancel: BusCall {
        public typealias Payload = TaskReference
        public typealias Result = TaskRecord
        public static let service = "mmi.task.cancel"
    }

    /// `mmi.task.log`: the transcript of a task's last attempt, or of the attempt the
    /// reference names (`not_found` when it has none).
    public enum TaskLogs: BusCall {
        public typealias Payload = TaskReference
        public typealias Result = TaskLog
        public static let service = "mmi.task.log"
    }

    /// `mmi.agents`: every agent the broker knows.
    public enum Agents: BusCall {
        public typealias Payload = EmptyPayload
        public typealias Result = [AgentStatus]
        public static let service = "mmi.agents"
    }

    /// `mmi.info`: the broker's version, uptime, endpoints and counts.
    public enum Info: BusCall {
        public typealias Payload = EmptyPayload
        public typealias Result = RouterInfo
        public static let service = "mmi.info"
    }

    /// `mmi.broadcast`: publish a broadcast; the result counts the agents it targets.
    public enum BroadcastMessage: BusCall {
        public typealias Payload = Broadcast
        public typealias Result = BroadcastReceipt
        public static let service = "mmi.broadcast"
    }

    /// `mmi.metrics`: the broker's metrics in Prometheus text format.
    public enum Metrics: BusCall {
        public typealias Payload = EmptyPayload
        public typealias Result = String
        public static let service = "mmi.metrics"
    }

    /// `mmi.account.resume`: lift an account's usage-limit pause now; answers `not_found`
    /// when the account is not paused.
    public enum AccountResume: BusCall {
        public typealias Payload = AccountReference
        public typealias Result = AccountPause
        public static let service = "mmi.account.resume"
    }

    /// `mmi.alert.raise`: a client (the bridge) raises an alert; the broker logs it and
    /// publishes it on the `alert` topic like its own.
    public enum AlertRaise: BusCall {
        public typealias Payload = Alert
        public typealias Result = EmptyPayload
        public static let service = "mmi.alert.raise"
    }

    /// `mmi.agent.get`: one agent in depth; `not_found` for an agent the broker does not
    /// know and the journal has no task of.
    public enum AgentGet: BusCall {
        public typealias Payload = AgentReference
        public typealias Result = AgentDetail
        public static let service = "mmi.agent.get"
    }

    /// `mmi.agent.pause`: send an agent no new work (it keeps its running tasks) until
    /// `mmi.agent.resume`; journaled, so it holds across reconnects and broker restarts.
    /// `not_found` for an agent the broker does not know.
    public enum AgentPause: BusCall {
        public typealias Payload = AgentPauseRequest
        public typealias Result = AgentDetail
        public static let service = "mmi.agent.pause"
    }

    /// `mmi.agent.resume`: lift an agent's pause (a no-op for an agent that is not
    /// paused); `not_found` for an agent the broker does not know.
    public enum AgentResume: BusCall {
        public typealias Payload = AgentReference
        public typealias Result = AgentDetail
        public static let service = "mmi.agent.resume"
    }

    /// `mmi.stats.history`: tasks finished per minute over the last minutes, from the
    /// journal.
    public enum StatsHistory: BusCall {
        public typealias Payload = TaskHistoryQuery
        public typealias Result = TaskHistory
        public static let service = "mmi.stats.history"
    }

    public static let taskSubmit = TaskSubmit.service
    public static let taskGet = TaskGet.service
    public static let taskList = TaskList.service
    public static let taskCancel = TaskCancel.service
    public static let taskLog = TaskLogs.service
    public static let agents = Agents.service
    public static let info = Info.service
    public static let broadcast = BroadcastMessage.service
    public static let metrics = Metrics.service
    public static let accountResume = AccountResume.service
    public static let alertRaise = AlertRaise.service
    public static let agentGet = AgentGet.service
    public static let agentPause = AgentPause.service
    public static let agentResume = AgentResume.service
    public static let statsHistory = StatsHistory.service

    /// Every management service name (`mmi.service` is 8/MMI's own, in `MMI`).
    public static let all: [String] = [
        taskSubmit, taskGet, taskList, taskCancel, taskLog, agents, info, broadcast, metrics, accountResume, alertRaise,
        agentGet, agentPause, agentResume, statsHistory,
    ]
}
