import Wire

extension BrokerState {
    /// The id of the task an `mmi.task.submit` message follows up (`TaskSpec.parent`), if
    /// any: the shell looks it up in the journal and passes the record as `parentTask`.
    static func parentTaskID(of message: MDPMessage) -> String? {
        guard case .client(.request(let service, let body)) = message, service == ClusterService.taskSubmit,
              let request = try? ClusterService.TaskSubmit.decodeRequest(body),
              let parent = request.payload.parent.map(WhiteSpace.trimmed), !parent.isEmpty
        else { return nil }
        return parent
    }

    /// The record of the task `spec` follows up: the broker's own while it holds the task
    /// (it is unfinished), else the journal's.
    func followedUpTask(of spec: TaskSpec, journalRecord: TaskRecord?) -> TaskRecord? {
        guard let parent = spec.parent.map(WhiteSpace.trimmed), !parent.isEmpty else { return nil }
        if let held = tasks[parent] { return held.record }
        return journalRecord?.id == parent ? journalRecord : nil
    }

    /// Where a follow-up goes: an explicit target wins; else the parent's agent while it is
    /// registered and can run tasks, since only there can the runner's session be resumed
    /// and an unpushed branch be found; else the parent's specialty. Other tasks keep `base`.
    func followUpRoute(_ spec: TaskSpec, parent: TaskRecord?, base: TaskRoute) -> TaskRoute {
        guard let parent else { return base }
        if let target = spec.target.map(WhiteSpace.trimmed), !target.isEmpty { return base }
        if let name = parent.agent, let worker = registry.worker(named: name), worker.acceptsWork {
            return TaskRoute(key: worker.name.lowercased(), reason: .agent, specialty: parent.specialty ?? worker.service)
        }
        if let specialty = parent.specialty?.lowercased(), !specialty.isEmpty {
            return TaskRoute(key: specialty, reason: .specialty, specialty: specialty)
        }
        return base
    }

    /// Follow-ups waiting for their parent's agent go to the parent's specialty once that
    /// agent is gone: only the agent could resume the session, and without it any agent of
    /// the specialty can continue the branch. Returns the queue keys to drain.
    mutating func rerouteFollowUps(awaiting agentKey: String, now: BrokerTime, into actions: inout [BrokerAction]) -> [String] {
        var keys: [String] = []
        let waiting = tasks.tasks.values.filter { task in
            task.route.key == agentKey && task.route.reason == .agent && task.record.spec.parent != nil
                && WhiteSpace.isBlank(task.record.spec.target ?? "")
        }
        for task in waiting.sorted(by: { ($0.record.createdAt, $0.record.id) < ($1.record.createdAt, $1.record.id) }) {
            guard let specialty = task.record.specialty?.lowercased(), !specialty.isEmpty, specialty != agentKey else { continue }
            let id = task.record.id
            tasks.modify(id) { $0.route = TaskRoute(key: specialty, reason: .specialty, specialty: specialty) }
            actions.append(.log(.info, "follow-up \(id) no longer waits for agent \(agentKey), which left; it goes to \(specialty)"))
            if case .queued = task.placement {
                tasks.enqueue(id, atFront: true)
                if !keys.contains(specialty) { keys.append(specialty) }
            }
        }
        return keys
    }
}

extension TaskContinuation {
    /// Where a follow-up of `parent` picks up: its agent, its branch and its last session.
    static func followingUp(_ parent: TaskRecord) -> TaskContinuation? {
        TaskContinuation(
            fromTask: parent.id, agent: parent.agent, branch: parent.result?.branch, sessionID: parent.result?.sessionID)
    }

    /// Where a restored task picks up: its last booked attempt (agent, session, branch),
    /// else its parent's work for a follow-up that has not run yet.
    static func restored(_ record: TaskRecord, lastAttempt: AttemptRecord?, parent: TaskRecord?) -> TaskContinuation? {
        let fromParent = parent.flatMap(followingUp)
        guard let lastAttempt, lastAttempt.sessionID != nil || lastAttempt.branch != nil else { return fromParent }
        return TaskContinuation(
            fromTask: fromParent?.fromTask ?? record.id, agent: lastAttempt.agent,
            branch: lastAttempt.branch ?? fromParent?.branch, sessionID: lastAttempt.sessionID)
    }

    /// Where the attempt after a failed one picks up: the failed attempt's agent and session,
    /// and its branch (or, when it published none, the branch the task was continuing).
    /// A follow-up's retry still names the parent: its worktree folder, where the session
    /// was made, is named after the parent. Nil when there is nothing to continue.
    static func retrying(_ record: TaskRecord, after result: TaskResult, previous: TaskContinuation?) -> TaskContinuation? {
        guard result.sessionID != nil || result.branch != nil else { return previous }
        return TaskContinuation(
            fromTask: previous?.fromTask ?? record.id, agent: record.agent, branch: result.branch ?? previous?.branch,
            sessionID: result.sessionID)
    }
}
