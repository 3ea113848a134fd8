import Logging
import Wire

/// What the broker connection hands the agent.
enum AgentConnectionEvent: Sendable, Equatable {
    /// A REQUEST from the broker: a task assignment, a cancel, or another agent's question.
    case request(envelope: [Frame], body: [Frame])
    /// A message from the broker's PUB socket (broadcasts, broker heartbeat).
    case published(PublishedMessage)
}

/// The agent's link to the broker: an 18/MDP worker on a DEALER socket plus a SUB socket
/// on the broker's PUB, both owned by one socket thread.
///
/// Decisions (when to heartbeat, when to give up on a broker, which endpoint next) are
/// `WorkerSession`'s; this type only carries them out.
final class AgentConnection: Sendable {
    let events: AsyncStream<AgentConnectionEvent>
    /// Registration and the last contact with the broker, for the agent's status.
    let link: BrokerLink
    private let loop: SocketLoop<AgentConnectionCommand>

    /// Starts connecting at once; `subscribeEndpoints` may be empty (no broadcasts).
    init(
        context: ZMQContext,
        session: WorkerSession.Configuration,
        subscribeEndpoints: [String],
        topics: [String],
        security: BusClientSecurity? = nil,
        link: BrokerLink = BrokerLink(),
        logger: Logger
    ) throws {
        let (events, continuation) = AsyncStream<AgentConnectionEvent>.makeStream()
        self.events = events
        self.link = link
        let settings = AgentConnectionHandler.Settings(
            session: session, subscribeEndpoints: subscribeEndpoints, topics: topics, security: security, link: link)
        loop = try SocketLoop.start(name: "agent-\(session.info?.name ?? session.service)", context: context) { _ in
            try AgentConnectionHandler(context: context, settings: settings, events: continuation, logger: logger)
        }
    }

    deinit { loop.stop() }

    /// Sends a PARTIAL or FINAL now, or as soon as a broker is reachable again.
    func reply(_ command: MDPWorkerCommand) {
        loop.post(.reply(command))
    }

    /// The load carried by the following heartbeats.
    func updateLoad(_ load: AgentLoad) {
        loop.post(.updateLoad(load))
    }

    /// Sends DISCONNECT to the broker, closes the sockets and ends `events`.
    func close() async {
        loop.post(.disconnect)
        loop.stop()
        await loop.stopped()
    }
}

enum AgentConnectionCommand: Sendable {
    case reply(MDPWorkerCommand)
    case updateLoad(AgentLoad)
    case disconnect
}
