import Wire

extension BrokerState {
    mutating func clientRequest(
        service: String, body: [Frame], framing: MDPFraming, from peer: PeerID, existingTask: TaskRecord?,
        parentTask: TaskRecord? = nil, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        if MMI.isInternal(service) {
            management(service: service, body: body, framing: framing, from: peer,
                       existingTask: existingTask, parentTask: parentTask, now: now, into: &actions)
            return
        }
        counters.requestsReceived += 1
        let request = PlainRequest(
            id: nextRequestID, client: peer, framing: framing, service: service, body: body, receivedAt: now.uptime)
        nextRequestID += 1
        let queued = waiting[service]?.count ?? 0
        guard queued < configuration.maxWaitingRequestsPerService else {
            counters.requestsRefused += 1
            answerUnserved(request, because: "\(configuration.maxWaitingRequestsPerService) requests already wait for \(service)",
                           into: &actions)
            return
        }
        if queued == 0 {
            // Nothing waits ahead of it: straight to a free worker, or into a new queue
            // (no free worker now means draining would find none either).
            if let peer = registry.pick(service: service, strategy: configuration.balancing) {
                dispatch(request, to: peer, now: now, into: &actions)
            } else {
                var queue = Deque<PlainRequest>()
                queue.append(request)
                waiting[service] = queue
            }
            return
        }
        waiting[service, default: Deque()].append(request)
        drainRequests(service: service, now: now, into: &actions)
    }

    /// Hands waiting requests of a service to its workers while any has a free slot.
    mutating func drainRequests(service: String, now: BrokerTime, into actions: inout [BrokerAction]) {
        while waiting[service]?.isEmpty == false,
              let peer = registry.pick(service: service, strategy: configuration.balancing) {
            guard let request = waiting[service]?.popFirst() else { break }
            if waiting[service]?.isEmpty == true { waiting[service] = nil }
            dispatch(request, to: peer, now: now, into: &actions)
        }
    }

    /// Gives a worker with free slots the oldest waiting requests of its services, then the
    /// most urgent tasks of its queue keys.
    mutating func serveWorker(_ peer: PeerID, now: BrokerTime, into actions: inout [BrokerAction]) {
        if !agentPauses.isEmpty { noteDrained(peer, into: &actions) }
        // Read in place: this runs after every answer, and a `Worker` copy retains a dozen fields.
        while let (hasFreeSlot, services, taskKeys) = registry.modify(peer, { ($0.hasFreeSlot, $0.services, $0.taskKeys) }),
              hasFreeSlot {
            if !waiting.isEmpty, let service = services.first(where: { waiting[$0]?.isEmpty == false }),
               let request = waiting[service]?.popFirst() {
                if waiting[service]?.isEmpty == true { waiting[service] = nil }
                dispatch(request, to: peer, now: now, into: &actions)
                continue
            }
            var best: (key: String, entry: TaskQueue.Entry)?
            for key in taskKeys {
                guard let entry = tasks.head(of: key) else { continue }
                if best.map({ entry.precedes($0.entry) }) ?? true { best = (key, entry) }
            }
            guard let best else { return }
            tasks.removeHead(best.entry, of: best.key)
            dispatchTask(best.entry.taskID, to: peer, now: now, into: &actions)
        }
    }

    private mutating func dispatch(_ request: PlainRequest, to peer: PeerID, now: BrokerTime, into actions: inout [BrokerAction]) {
        var request = request
        request.dispatchedAt = now.uptime
        // The busy-worker timeout is checked by the worker's own `WorkerCheck`, which
        // fires at least every liveness expiry; only a shorter busy timeout needs its own entry.
        guard let framing = registry.modify(peer, { worker -> MDPFraming in
            worker.requests.append(request)
            return worker.framing
        }) else { return }
        if configuration.busyWorkerTimeout < configuration.heartbeat.silenceLimit {
            scheduleCheck(of: peer, at: now.uptime + configuration.busyWorkerTimeout)
        }
        send(.worker(request.workerCommand), to: peer, framing: framing, into: &actions)
    }

    /// Routes a worker PARTIAL or FINAL: to the client whose request it holds, or to the
    /// task its envelope names.
    mutating func workerReply(
        envelope: [Frame], body: [Frame], isFinal: Bool, from peer: PeerID, now: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        if envelope.count == 1, let request = registry.modify(peer, { worker -> PlainRequest? in
            // A FINAL takes the request off the worker; a PARTIAL leaves it there.
            guard let index = worker.requests.firstIndex(where: { $0.client.identity == envelope[0] }) else { return nil }
            return isFinal ? worker.requests.remove(at: index) : worker.requests[index]
        }) ?? nil {
            guard isFinal else {
                send(.client(.partial(service: request.service, body: body)), to: request.client,
                     framing: request.framing, into: &actions)
                return
            }
            counters.requestsAnswered += 1
            send(.client(.final(service: request.service, body: body)), to: request.client,
                 framing: request.framing, into: &actions)
            serveWorker(peer, now: now, into: &actions)
            return
        }
        if let task = TaskEnvelope(frames: envelope) {
            if isFinal {
                taskFinal(task, body: body, from: peer, now: now, into: &actions)
            } else {
                taskProgress(task, body: body, from: peer, now: now, into: &actions)
            }
            return
        }
        if envelope == TaskCancellation.controlEnvelope { return }
        // A reply to a request the broker no longer holds for this worker: dropped.
        actions.append(.log(.debug, "dropped a \(isFinal ? "FINAL" : "PARTIAL") from worker \(peer) "
            + "for a request it does not hold (envelope \(envelope))"))
    }

    /// Puts a departed worker's requests back at the front of their services' queues, in
    /// their original order, and offers them to the other workers.
    mutating func requeueRequests(
        of worker: Worker, dropping departure: WorkerDeparture, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        for request in worker.requests.reversed() {
            if case .busy(let id) = departure, id == request.id {
                // The request that outlasted its worker is not handed to the next one.
                answerUnserved(request, because: "the worker that took it did not answer within \(configuration.busyWorkerTimeout)",
                               into: &actions)
                continue
            }
            var fresh = request
            fresh.dispatchedAt = nil
            waiting[request.service, default: Deque()].prepend(fresh)
        }
        for service in Set(worker.requests.map(\.service)) {
            drainRequests(service: service, now: now, into: &actions)
        }
    }

    /// Drops waiting requests older than the request expiry.
    mutating func expireRequests(now: BrokerTime, into actions: inout [BrokerAction]) {
        // Runs on every loop iteration: look before copying the keys.
        guard let earliest = earliestRequestExpiry, earliest <= now.uptime else { return }
        for service in Array(waiting.keys) {
            while let head = waiting[service]?.first, head.receivedAt + configuration.requestExpiry <= now.uptime {
                _ = waiting[service]?.popFirst()
                counters.requestsExpired += 1
                let served = registry.serves(service) ? "its workers were all busy" : "no worker serves it"
                answerUnserved(head, because: "\(served) for \(configuration.requestExpiry)", into: &actions)
            }
            if waiting[service]?.isEmpty == true { waiting[service] = nil }
        }
    }

    /// The earliest time a waiting request expires.
    var earliestRequestExpiry: Duration? {
        var earliest: Duration?
        for queue in waiting.values {
            if let received = queue.first?.receivedAt, earliest.map({ received < $0 }) ?? true { earliest = received }
        }
        return earliest.map { $0 + configuration.requestExpiry }
    }

    /// Tells a cluster client its request will not be served; a plain MDP client gets
    /// nothing, as 18/MDP has no error reply.
    ///
    /// A `HelpRequest` is answered with a `HelpAnswer` whose `ok` is false; any other body
    /// with a `v` and an `id` (a `BusRequest`) with a `BusReply` error `unavailable`.
    func answerUnserved(_ request: PlainRequest, because reason: String, into actions: inout [BrokerAction]) {
        guard let frame = request.body.first else { return }
        let text = "service \(request.service) did not answer: \(reason)"
        if let header = try? JSONWire.decode(BodyHeader.self, from: frame), header.kind == HelpRequest.kind,
           let help = try? JSONWire.decode(HelpRequest.self, from: frame) {
            let answer = HelpAnswer(id: help.id, from: "broker", answer: text, ok: false)
            send(.client(.final(service: request.service, body: [JSONWire.encode(answer)])), to: request.client,
                 framing: request.framing, into: &actions)
        } else if let header = try? JSONWire.decode(BusRequestHeader.self, from: frame) {
            let reply = BusReply<EmptyPayload>.failure(id: header.id, BusError(.unavailable, text))
            send(.client(.final(service: request.service, body: [JSONWire.encode(reply)])), to: request.client,
                 framing: request.framing, into: &actions)
        }
    }
}
