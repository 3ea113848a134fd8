import Foundation
import Wire

/// A management request only the journal can answer, handed to the shell.
///
/// The shell runs it after the batch's commit (so it sees the batch's own writes) and
/// sends the action one of the `reply` methods returns.
struct BrokerQuery: Sendable, Hashable {
    /// What is asked.
    enum Request: Sendable, Hashable {
        /// `mmi.task.get`: answer a `TaskDetail`, or `not_found`.
        case task(TaskReference)
        /// `mmi.task.list`: answer a `TaskPage`.
        case list(TaskListQuery)
        /// `mmi.task.log`: answer a `TaskLog`, or `not_found`.
        case log(TaskReference)
        /// `mmi.metrics`: answer Prometheus text; the snapshot holds the broker's figures
        /// at the time of the request (``BrokerMetrics/prometheusText``).
        case metrics(BrokerMetrics)
        /// `mmi.task.cancel` of a task the broker does not hold: it is finished or unknown.
        /// Answer with ``BrokerQuery/replyToCancel(of:)``.
        case cancelFinished(TaskReference)
        /// `mmi.agent.get`, `.pause`, `.resume`: answer an `AgentDetail` from what the
        /// broker knows (the snapshot) and the agent's history in the journal, or
        /// `not_found` when neither knows the agent.
        case agent(AgentSnapshot)
        /// `mmi.stats.history`: answer a `TaskHistory` of the `minutes` whole minutes up
        /// to `until`.
        case history(minutes: Int, until: Date)
    }

    /// What is asked.
    var request: Request
    /// Who gets the answer.
    var replyTo: ReplyAddress

    /// Whether it asks for the history, which is answered off the broker thread.
    var isHistory: Bool {
        if case .history = request { return true }
        return false
    }

    /// A query for `request`, answered to `replyTo`.
    init(request: Request, replyTo: ReplyAddress) {
        self.request = request
        self.replyTo = replyTo
    }

    /// The action that sends `outcome` as the `BusReply` of this request.
    func reply<Result: Codable & Sendable & Hashable>(_ outcome: Swift.Result<Result, BusError>) -> BrokerAction {
        replyTo.reply(BusReply(id: replyTo.correlationID, outcome: outcome))
    }

    /// The answer to cancelling a task the broker does not hold: `conflict` naming the
    /// state it already ended in, or `not_found`.
    func replyToCancel(of record: TaskRecord?) -> BrokerAction {
        let id: String
        if case .cancelFinished(let reference) = request { id = reference.taskID } else { id = record?.id ?? "" }
        guard let record else {
            return reply(Swift.Result<TaskRecord, BusError>.failure(BusError(.notFound, "no task \(id)")))
        }
        return reply(Swift.Result<TaskRecord, BusError>.failure(BusError(
            .conflict, "task \(record.id) already ended \(record.state.rawValue); nothing to cancel")))
    }
}

/// Where and how to answer one client request.
struct ReplyAddress: Sendable, Hashable {
    /// The client.
    var peer: PeerID
    /// The framing the client used, and so the one the answer uses.
    var framing: MDPFraming
    /// The service the client called; the FINAL names it.
    var service: String
    /// The request's correlation id (`BusRequest.id`), echoed in the `BusReply`.
    var correlationID: String

    /// An address.
    init(peer: PeerID, framing: MDPFraming, service: String, correlationID: String) {
        self.peer = peer
        self.framing = framing
        self.service = service
        self.correlationID = correlationID
    }

    /// The action that sends `reply` as a client FINAL.
    func reply<Result: Codable & Sendable & Hashable>(_ reply: BusReply<Result>) -> BrokerAction {
        self.reply(body: JSONWire.encode(reply))
    }

    /// The action that sends an encoded `BusReply` body as a client FINAL.
    func reply(body: Frame) -> BrokerAction {
        .send(peer, MDPCodec.encode(.client(.final(service: service, body: [body])), framing: framing))
    }
}
