import Foundation
import Wire

extension BrokerState {
    /// Answers a request to one of the broker's own `mmi.*` services.
    mutating func management(
        service: String, body: [Frame], framing: MDPFraming, from peer: PeerID, existingTask: TaskRecord?,
        parentTask: TaskRecord? = nil, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        counters.managementRequests += 1
        var address = ReplyAddress(peer: peer, framing: framing, service: service, correlationID: "")
        switch service {
        case MMI.serviceLookup:
            send(.client(.final(service: service, body: serviceStatus(MMI.queriedService(in: body)).body)),
                 to: peer, framing: framing, into: &actions)
        case ClusterService.taskSubmit:
            guard let request = decode(ClusterService.TaskSubmit.self, body, &address, into: &actions) else { return }
            submit(request.payload, replyTo: address, existingTask: existingTask, parentTask: parentTask, now: now,
                   into: &actions)
        case ClusterService.taskCancel:
            guard let request = decode(ClusterService.TaskCancel.self, body, &address, into: &actions) else { return }
            cancel(request.payload, replyTo: address, now: now, into: &actions)
        case ClusterService.taskGet:
            guard let request = decode(ClusterService.TaskGet.self, body, &address, into: &actions) else { return }
            actions.append(.query(BrokerQuery(request: .task(request.payload), replyTo: address)))
        case ClusterService.taskList:
            guard let request = decode(ClusterService.TaskList.self, body, &address, into: &actions) else { return }
            actions.append(.query(BrokerQuery(request: .list(request.payload), replyTo: address)))
        case ClusterService.taskLog:
            guard let request = decode(ClusterService.TaskLogs.self, body, &address, into: &actions) else { return }
            actions.append(.query(BrokerQuery(request: .log(request.payload), replyTo: address)))
        case ClusterService.metrics:
            guard decode(ClusterService.Metrics.self, body, &address, into: &actions) != nil else { return }
            actions.append(.query(BrokerQuery(request: .metrics(metrics(now: now)), replyTo: address)))
        case ClusterService.agents:
            guard decode(ClusterService.Agents.self, body, &address, into: &actions) != nil else { return }
            replySuccess(agentStatuses(), to: address, into: &actions)
        case ClusterService.info:
            guard decode(ClusterService.Info.self, body, &address, into: &actions) != nil else { return }
            replySuccess(info(now: now), to: address, into: &actions)
        case ClusterService.broadcast:
            guard let request = decode(ClusterService.BroadcastMessage.self, body, &address, into: &actions) else { return }
            broadcast(request.payload, replyTo: address, into: &actions)
        case ClusterService.accountResume:
            guard let request = decode(ClusterService.AccountResume.self, body, &address, into: &actions) else { return }
            resumeAccount(request.payload, replyTo: address, now: now, into: &actions)
        case ClusterService.agentGet:
            guard let request = decode(ClusterService.AgentGet.self, body, &address, into: &actions) else { return }
            describeAgent(request.payload, replyTo: address, into: &actions)
        case ClusterService.agentPause:
            guard let request = decode(ClusterService.AgentPause.self, body, &address, into: &actions) else { return }
            pauseAgent(request.payload, replyTo: address, now: now, into: &actions)
        case ClusterService.agentResume:
            guard let request = decode(ClusterService.AgentResume.self, body, &address, into: &actions) else { return }
            resumeAgent(request.payload, replyTo: address, now: now, into: &actions)
        case ClusterService.statsHistory:
            guard let request = decode(ClusterService.StatsHistory.self, body, &address, into: &actions) else { return }
            actions.append(.query(BrokerQuery(
                request: .history(minutes: request.payload.clampedMinutes, until: now.wall), replyTo: address)))
        case ClusterService.alertRaise:
            guard let request = decode(ClusterService.AlertRaise.self, body, &address, into: &actions) else { return }
            raise(request.payload, now: now, into: &actions)
            replySuccess(EmptyPayload(), to: address, into: &actions)
        default:
            // 8/MMI: an `mmi.` service the broker does not implement answers 501.
            send(.client(.final(service: service, body: MMI.Status.notImplemented.body)),
                 to: peer, framing: framing, into: &actions)
        }
    }

    /// 8/MMI `mmi.service`: 200 when a worker (or the broker itself) serves the name,
    /// 404 when none does, 501 for an `mmi.` name the broker does not implement.
    func serviceStatus(_ name: String?) -> MMI.Status {
        guard let name else { return .notFound }
        if MMI.isInternal(name) {
            return name == MMI.serviceLookup || ClusterService.all.contains(name) ? .found : .notImplemented
        }
        return registry.serves(name) ? .found : .notFound
    }

    /// Reads a `BusRequest`; on failure answers `bad_request` (or `unsupported_version`)
    /// with whatever correlation id can be read, so a cluster client is never left hanging.
    private mutating func decode<Call: BusCall>(
        _ call: Call.Type, _ body: [Frame], _ address: inout ReplyAddress, into actions: inout [BrokerAction]
    ) -> BusRequest<Call.Payload>? {
        do {
            let request = try call.decodeRequest(body)
            address.correlationID = request.id
            return request
        } catch {
            counters.badRequests += 1
            if let frame = body.first, let header = try? JSONWire.decode(BusRequestHeader.self, from: frame) {
                address.correlationID = header.id
            }
            let code: BusErrorCode
            if case .unsupportedVersion = error { code = .unsupportedVersion } else { code = .badRequest }
            replyFailure(BusError(code, "\(call.service): \(error)"), to: address, into: &actions)
            return nil
        }
    }

    /// `mmi.task.cancel` of a task the broker holds; others go to the journal.
    private mutating func cancel(
        _ reference: TaskReference, replyTo address: ReplyAddress, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        guard let task = tasks[reference.taskID] else {
            actions.append(.query(BrokerQuery(request: .cancelFinished(reference), replyTo: address)))
            return
        }
        let result = TaskResult(outcome: .cancelled, summary: "cancelled on request while \(task.record.state.rawValue)")
        let record = finish(reference.taskID, as: .cancelled, result: result, attempt: task.record.attempts,
                            now: now, into: &actions)
        replySuccess(record ?? task.record, to: address, into: &actions)
    }

    /// `mmi.broadcast`: publishes on every topic of the target; the receipt counts the
    /// connected agents the target matches. Names are matched without regard to case and
    /// published as the agents spell them.
    private mutating func broadcast(_ message: Broadcast, replyTo address: ReplyAddress, into actions: inout [BrokerAction]) {
        let agents = registry.workers.values.filter(\.isClusterAgent)
        var message = message
        let recipients: Int
        switch message.target {
        case .all:
            recipients = agents.count
        case .specialties(let names):
            let wanted = Set(names.map { $0.lowercased() })
            recipients = agents.filter { !wanted.isDisjoint(with: $0.services.map { $0.lowercased() }) }.count
            message.target = .specialties(names.map { name in
                agents.lazy.flatMap(\.services).first { $0.lowercased() == name.lowercased() } ?? name
            })
        case .agents(let names):
            let wanted = Set(names.map { $0.lowercased() })
            recipients = agents.filter { wanted.contains($0.name.lowercased()) }.count
            message.target = .agents(names.map { registry.worker(named: $0)?.name ?? $0 })
        }
        var published: Set<String> = []
        for topic in message.topics where published.insert(topic).inserted {
            actions.append(.publish(PublishedMessage(topic: topic, encoding: message)))
        }
        counters.broadcasts += 1
        replySuccess(BroadcastReceipt(recipients: recipients), to: address, into: &actions)
    }
}
