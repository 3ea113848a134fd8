import Foundation
import Logging
import Wire

extension BrokerState {
    /// Sends a worker command to a worker in its framing.
    func send(_ command: MDPWorkerCommand, to worker: Worker, into actions: inout [BrokerAction]) {
        actions.append(.send(worker.peer, MDPCodec.encode(.worker(command), framing: worker.framing)))
    }

    /// Sends any MDP message to a peer in the given framing.
    func send(_ message: MDPMessage, to peer: PeerID, framing: MDPFraming, into actions: inout [BrokerAction]) {
        actions.append(.send(peer, MDPCodec.encode(message, framing: framing)))
    }

    /// Publishes a cluster event on its topic.
    func publish(_ payload: ClusterEvent.Payload, now: BrokerTime, into actions: inout [BrokerAction]) {
        actions.append(.publish(ClusterEvent(at: now.wall, payload: payload).published))
    }

    /// Stores a task's new state and publishes it, from one encoding of the record
    /// (`specJSON` is the task's spec, encoded once); returns that encoding for a reply.
    @discardableResult
    func recordChange(
        _ record: TaskRecord, specJSON: [UInt8], from previous: TaskState?, now: BrokerTime, into actions: inout [BrokerAction]
    ) -> EncodedTaskRecord {
        let encoded = EncodedTaskRecord(record, specJSON: specJSON)
        actions.append(.journal(.upsertTask(encoded)))
        actions.append(.publish(ClusterEvent.taskStateMessage(encoded, previous: previous, at: now.wall)))
        return encoded
    }

    /// Answers a management request with a task record.
    func replyTask(_ task: EncodedTaskRecord, to address: ReplyAddress, into actions: inout [BrokerAction]) {
        actions.append(address.reply(body: BusReply<TaskRecord>.successBody(id: address.correlationID, task)))
    }

    /// Publishes an alert, logs it and counts it.
    mutating func raise(_ alert: Alert, now: BrokerTime, into actions: inout [BrokerAction]) {
        counters.alerts += 1
        let level: Logger.Level = alert.severity == .critical ? .error : (alert.severity == .warning ? .warning : .info)
        actions.append(.log(level, "alert \(alert.kind.rawValue): \(alert.text)"))
        publish(.alert(alert), now: now, into: &actions)
        actions.append(.alert(alert))
    }

    /// Raises an alert the shell detected (low disk space): published, logged, counted and
    /// delivered like the state machine's own.
    mutating func raiseDetected(_ alert: Alert, now: BrokerTime) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        raise(alert, now: now, into: &actions)
        return actions
    }

    /// Answers a management request with a failure.
    func replyFailure(_ error: BusError, to address: ReplyAddress, into actions: inout [BrokerAction]) {
        actions.append(address.reply(BusReply<EmptyPayload>.failure(id: address.correlationID, error)))
    }

    /// Answers a management request with a result.
    func replySuccess<Result: Codable & Sendable & Hashable>(_ result: Result, to address: ReplyAddress, into actions: inout [BrokerAction]) {
        actions.append(address.reply(BusReply.success(id: address.correlationID, result)))
    }
}
