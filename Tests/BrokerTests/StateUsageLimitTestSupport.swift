@testable import Broker
import Foundation
import Wire

extension StateHarness {
    /// Registers a cluster agent whose runner uses `account`.
    @discardableResult
    mutating func agent(_ name: String, service: String, account: String?) -> (PeerID, [BrokerAction]) {
        let peer = PeerID(Frame("peer-" + name))
        let info = AgentInfo(name: name, specialties: [service], capacity: 1, version: "test", host: "localhost",
                             account: account)
        return (peer, ready(peer, service: service, info: info))
    }

    /// A worker's FINAL saying the attempt hit a usage limit that resets `resetsIn` from now
    /// (or says nothing about when, for nil).
    mutating func usageLimited(_ taskID: String, attempt: Int = 1, from peer: PeerID, resetsIn: Duration?,
                               kind: String = "five_hour") -> [BrokerAction] {
        let limit = UsageLimit(kind: kind, resetsAt: resetsIn.map { now.wall.addingTimeInterval($0.seconds) },
                               message: "You've hit your limit")
        let result = TaskResult(outcome: .usageLimited, summary: "usage limit", usageLimit: limit)
        let completion = TaskCompletion(taskID: taskID, attempt: attempt, agent: peer.description, result: result)
        return receive(.worker(.final(envelope: [Frame("@task:\(taskID):\(attempt)")], body: [JSONWire.encode(completion)])),
                       from: peer)
    }

    /// The `mmi.agents` entry of an agent.
    func status(of name: String) -> AgentStatus? {
        state.agentStatuses().first { $0.name == name }
    }
}

extension BrokerConfiguration {
    /// The testing defaults with a usage-limit policy.
    static func testing(usageLimits: UsageLimitPolicy, maxAttempts: Int = 3, maxDeliveries: Int = 10) -> BrokerConfiguration {
        var configuration = BrokerConfiguration.testing(maxAttempts: maxAttempts, maxDeliveries: maxDeliveries)
        configuration.usageLimits = usageLimits
        return configuration
    }
}
