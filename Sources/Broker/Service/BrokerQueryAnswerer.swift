import Wire

/// Answers the read-only management requests the state machine hands over, from the
/// journal. Runs on the broker thread after the batch's commit.
struct BrokerQueryAnswerer {
    let journal: TaskJournal
    /// Progress lines returned with `mmi.task.get`.
    var progressLimit = 50

    /// The broker's snapshot of an agent completed with its history; an agent only the
    /// journal knows (it left long ago) is described from its tasks, as offline.
    func agentDetail(_ snapshot: AgentSnapshot) throws(JournalError) -> Result<AgentDetail, BusError> {
        let recent = try journal.recentTasks(ofAgent: snapshot.name, limit: AgentDetail.recentLimit)
        let status: AgentStatus
        if let known = snapshot.status {
            status = known
        } else if let last = recent.first, let name = last.agent {
            status = AgentStatus(name: name, specialty: last.specialty ?? "", state: .offline)
        } else {
            return .failure(BusError(.notFound, "no agent \(snapshot.name) is connected or known to the broker, "
                + "and the journal has no task it ran"))
        }
        var detail = AgentDetail(status: status, running: snapshot.running, recent: recent,
                                 totalCostUSD: try journal.totalCost(ofAgent: status.name))
        if detail.status.specialty.isEmpty, let specialty = recent.first?.specialty {
            detail.status.specialty = specialty
            detail.status.specialties = [specialty]
        }
        return .success(detail)
    }

    /// `extraMetrics` is appended to `mmi.metrics` answers (the shell's own figures, such
    /// as the ZAP handler's refusals).
    func answer(_ query: BrokerQuery, extraMetrics: () -> String = { "" }) -> BrokerAction {
        do {
            switch query.request {
            case .task(let reference):
                guard let record = try journal.task(id: reference.taskID) else {
                    return query.reply(Result<TaskDetail, BusError>.failure(BusError(.notFound, "no task \(reference.taskID)")))
                }
                let progress = try journal.progress(taskID: reference.taskID, limit: progressLimit)
                let attempts = try journal.attempts(taskID: reference.taskID).map(\.summary)
                return query.reply(Result<TaskDetail, BusError>.success(
                    TaskDetail(task: record, progress: progress, attempts: attempts)))
            case .list(let listQuery):
                guard let journalQuery = TaskQuery(listQuery) else {
                    return query.reply(Result<TaskPage, BusError>.failure(BusError(.badRequest, "the cursor \(listQuery.cursor ?? "") was not issued by this broker")))
                }
                return query.reply(Result<TaskPage, BusError>.success(try journal.listTasks(journalQuery)))
            case .log(let reference):
                guard try journal.task(id: reference.taskID) != nil else {
                    return query.reply(Result<TaskLog, BusError>.failure(BusError(.notFound, "no task \(reference.taskID)")))
                }
                guard let attempt = reference.attempt else {
                    let text = try journal.transcript(taskID: reference.taskID) ?? ""
                    return query.reply(Result<TaskLog, BusError>.success(TaskLog(taskID: reference.taskID, text: text)))
                }
                guard let text = try journal.transcript(taskID: reference.taskID, attempt: attempt) else {
                    return query.reply(Result<TaskLog, BusError>.failure(BusError(
                        .notFound, "task \(reference.taskID) has no transcript of attempt \(attempt)")))
                }
                return query.reply(Result<TaskLog, BusError>.success(TaskLog(taskID: reference.taskID, text: text)))
            case .metrics(let snapshot):
                var text = snapshot.prometheusText
                let counts = try journal.counts()
                text += "# HELP cluster_tasks Tasks in the journal, by state.\n# TYPE cluster_tasks gauge\n"
                for state in TaskState.allCases {
                    text += "cluster_tasks{state=\"\(state.rawValue)\"} \(counts[state, default: 0])\n"
                }
                text += extraMetrics()
                return query.reply(Result<String, BusError>.success(text))
            case .cancelFinished(let reference):
                return query.replyToCancel(of: try journal.task(id: reference.taskID))
            case .agent(let snapshot):
                return query.reply(try agentDetail(snapshot))
            case let .history(minutes, until):
                return query.reply(Result<TaskHistory, BusError>.success(try journal.history(minutes: minutes, until: until)))
            }
        } catch {
            return query.reply(Result<String, BusError>.failure(BusError(.unavailable, "the task journal could not be read: \(error)")))
        }
    }
}
