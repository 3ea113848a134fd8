import Wire

/// What the journal said about a batch, as inputs: the shell commits a batch's writes and
/// reports the outcome here before it performs anything else of the batch.
extension BrokerState {
    /// The journal refused `batch` because it would store a task under another task's
    /// idempotency key. Returns the batch to commit instead.
    ///
    /// The refused task never existed for anyone outside: the revised batch drops its
    /// journal writes, its task events and its dispatch (the agent's slot is given to
    /// other work), and answers each acknowledgement of it in the batch as a resent submit
    /// with that key is answered, with the task that holds the key. When that task cannot
    /// be found (neither in the batch nor committed), the submitter gets `conflict` and may
    /// send the same submit again. A reply about the refused task to any other request
    /// (a cancel in the same batch) becomes `not_found`.
    mutating func journalRefused(
        _ refusal: JournalRefusal, batch: [BrokerAction], now: BrokerTime
    ) -> [BrokerAction] {
        let id = refusal.taskID
        counters.tasksRefusedByJournal += 1
        var freedPeer: PeerID?
        if let task = tasks.remove(id), let peer = task.holder {
            registry.modify(peer) { $0.tasks[id] = nil }
            freedPeer = peer
        }
        let holder = holderRecord(of: refusal, in: batch)
        let taskTopic = Topic.task(id)
        var revised: [BrokerAction] = []
        revised.reserveCapacity(batch.count)
        for action in batch {
            switch action {
            case .journal(let write) where write.taskID == id:
                continue
            case .publish(let message) where message.topic == taskTopic:
                continue
            case .send(let peer, let frames):
                switch Self.reference(of: frames, to: id) {
                case .dispatch:
                    continue
                case .reply(let service, let framing, let correlationID):
                    let address = ReplyAddress(peer: peer, framing: framing, service: service, correlationID: correlationID)
                    revised.append(answer(refusal, holder: holder, to: address))
                case nil:
                    revised.append(action)
                }
            default:
                revised.append(action)
            }
        }
        let answered = holder.map { "answered its submitter with task \($0.record.id)" } ?? "answered its submitter conflict"
        revised.append(.log(.error, "the task journal refused task \(id): its idempotency key \"\(refusal.idempotencyKey)\" "
            + "belongs to task \(refusal.holderID ?? "(unknown)"); dropped it and \(answered)"))
        if let freedPeer { serveWorker(freedPeer, now: now, into: &revised) }
        return revised
    }

    /// The journal committed a batch and said what it left out. A result it ignored is a
    /// second result the state machine let through (it refuses them itself, counting
    /// `duplicateResults`): counted in `resultsIgnoredByJournal` and logged as the bug it is.
    mutating func journalCommitted(_ summary: JournalCommitSummary) -> [BrokerAction] {
        guard !summary.ignoredResults.isEmpty else { return [] }
        counters.resultsIgnoredByJournal += summary.ignoredResults.count
        return summary.ignoredResults.map { ignored in
            .log(.error, "the task journal ignored a second result for task \(ignored.taskID) (attempt \(ignored.attempt)) "
                + "that the broker did not refuse; the first result stands")
        }
    }

    /// The task holding the refused key: its newest version in the batch (which commits
    /// once the refused task is out), else the committed one, else the one still held.
    private func holderRecord(of refusal: JournalRefusal, in batch: [BrokerAction]) -> EncodedTaskRecord? {
        if let holderID = refusal.holderID {
            for case .journal(.upsertTask(let task)) in batch.reversed() where task.record.id == holderID {
                return task
            }
        }
        if let committed = refusal.committedHolder {
            return EncodedTaskRecord(tasks[committed.id]?.record ?? committed)
        }
        if let holderID = refusal.holderID, let held = tasks[holderID] {
            return EncodedTaskRecord(held.record, specJSON: held.specJSON)
        }
        return nil
    }

    private func answer(_ refusal: JournalRefusal, holder: EncodedTaskRecord?, to address: ReplyAddress) -> BrokerAction {
        var actions: [BrokerAction] = []
        if address.service == ClusterService.taskSubmit, let holder {
            replyTask(holder, to: address, into: &actions)
        } else if address.service == ClusterService.taskSubmit {
            replyFailure(BusError(.conflict, "task \(refusal.taskID) was not stored: its idempotency key "
                + "\"\(refusal.idempotencyKey)\" belongs to another task; submit again to be answered with that task"),
                to: address, into: &actions)
        } else {
            replyFailure(BusError(.notFound, "no task \(refusal.taskID): the task journal refused to store it"),
                         to: address, into: &actions)
        }
        return actions[0]
    }

    /// How an outgoing message refers to a task, if it does.
    private enum OutgoingReference {
        /// A worker REQUEST carrying one of the task's attempts.
        case dispatch
        /// A reply to a client's management request whose result is the task's record.
        case reply(service: String, framing: MDPFraming, correlationID: String)
    }

    private static func reference(of frames: [Frame], to taskID: String) -> OutgoingReference? {
        guard let decoded = try? MDPCodec.decode(frames) else { return nil }
        switch decoded.message {
        case .worker(.request(let envelope, _)):
            return TaskEnvelope(frames: envelope)?.taskID == taskID ? .dispatch : nil
        case .client(.final(let service, let body)):
            guard MMI.isInternal(service), let frame = body.first,
                  let reply = try? JSONWire.decode(BusReply<TaskRecord>.self, from: frame),
                  case .success(let record) = reply.outcome, record.id == taskID
            else { return nil }
            return .reply(service: service, framing: decoded.framing, correlationID: reply.id)
        default:
            return nil
        }
    }
}
