import Foundation
import Wire

/// Follows every broker's PUB socket at once and notes when tasks were assigned (by the
/// broker's clock, the `at` of each `task.state` event) and which `broker_takeover`
/// alerts were raised: the takeover time of an HA run is the first assignment after a kill.
final class TakeoverWatch: Sendable {
    private let subscriber: EventSubscriber
    private let assignments = Locked<[Date]>([])
    private let takeovers = Locked<[String]>([])
    private let following: [Task<Void, Never>]

    init(publisherEndpoints: [String]) throws {
        subscriber = try EventSubscriber(context: try ZMQContext(), endpoints: publisherEndpoints)
        let (assignments, takeovers) = (assignments, takeovers)
        let tasks = subscriber.messages(prefix: Topic.taskPrefix)
        let alerts = subscriber.messages(prefix: Topic.alert)
        following = [
            Task {
                for await message in tasks {
                    guard let event = try? JSONWire.decode(ClusterEvent.self, from: message.body),
                          case .taskState(let record, _) = event.payload, record.state == .assigned else { continue }
                    assignments.withLock { $0.append(event.at) }
                }
            },
            Task {
                for await message in alerts {
                    guard let event = try? JSONWire.decode(ClusterEvent.self, from: message.body),
                          case .alert(let alert) = event.payload, alert.kind == .brokerTakeover else { continue }
                    takeovers.withLock { $0.append(alert.text) }
                }
            },
        ]
    }

    /// The first assignment made after `instant`, if one was seen.
    func firstAssignment(after instant: Date) -> Date? {
        assignments.withLock { $0.filter { $0 > instant }.min() }
    }

    /// The `broker_takeover` alerts seen so far.
    var takeoverAlerts: [String] { takeovers.value }

    func stop() {
        following.forEach { $0.cancel() }
        subscriber.close()
    }
}
