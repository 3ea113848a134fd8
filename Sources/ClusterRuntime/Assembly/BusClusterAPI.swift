import Bridge
import Wire

/// The bridge's `ClusterAPI` over the bus: each call is a `ClusterClient` request, with
/// bus failures translated into the bridge's errors (a dead broker becomes 503).
public struct BusClusterAPI: ClusterAPI {
    let client: ClusterClient

    public init(client: ClusterClient) {
        self.client = client
    }

    /// A keyed submit that timed out is sent once more: the client has moved to the next
    /// broker (an HA takeover), and the key makes the resend return the task the old
    /// broker may have stored instead of a second one.
    public func submit(_ spec: TaskSpec) async throws -> TaskRecord {
        do {
            return try await client.submit(spec)
        } catch .timedOut where spec.idempotencyKey != nil {
            return try await translated { () async throws(BusClientError) in try await client.submit(spec) }
        } catch {
            throw Self.translate(error)
        }
    }

    public func task(id: String) async throws -> TaskDetail? {
        try await translated { () async throws(BusClientError) in try await client.task(id: id) }
    }

    public func listTasks(_ query: TaskListQuery) async throws -> TaskPage {
        try await translated { () async throws(BusClientError) in try await client.listTasks(query) }
    }

    public func cancel(id: String) async throws -> TaskRecord? {
        do {
            return try await client.cancel(id: id)
        } catch .service(let error) where error.code == .conflict {
            // Cancelling a finished task is not an error for HTTP callers: answer its record.
            return try await translated { () async throws(BusClientError) in try await client.task(id: id)?.task }
        } catch {
            throw Self.translate(error)
        }
    }

    public func log(id: String, attempt: Int?) async throws -> String? {
        try await translated { () async throws(BusClientError) in try await client.log(id: id, attempt: attempt)?.text }
    }

    public func agent(named name: String) async throws -> AgentDetail? {
        try await translated { () async throws(BusClientError) in try await client.agent(named: name) }
    }

    public func pauseAgent(_ name: String, drain: Bool) async throws -> AgentDetail? {
        try await translated { () async throws(BusClientError) in try await client.pauseAgent(name, drain: drain) }
    }

    public func resumeAgent(_ name: String) async throws -> AgentDetail? {
        try await translated { () async throws(BusClientError) in try await client.resumeAgent(name) }
    }

    public func history(minutes: Int) async throws -> TaskHistory {
        try await translated { () async throws(BusClientError) in try await client.history(minutes: minutes) }
    }

    public func agents() async throws -> [AgentStatus] {
        try await translated { () async throws(BusClientError) in try await client.agents() }
    }

    public func info() async throws -> RouterInfo {
        try await translated { () async throws(BusClientError) in try await client.info(timeout: .seconds(1)) }
    }

    public func broadcast(_ broadcast: Broadcast) async throws -> Int {
        try await translated { () async throws(BusClientError) in try await client.broadcast(broadcast) }
    }

    public func metrics() async throws -> String {
        try await translated { () async throws(BusClientError) in try await client.metrics() }
    }

    public func resumeAccount(_ account: String) async throws -> AccountPause? {
        do {
            return try await client.resumeAccount(account)
        } catch .service(let error) where error.code == .notFound {
            return nil
        } catch {
            throw Self.translate(error)
        }
    }

    public func raiseAlert(_ alert: Alert) async throws {
        try await translated { () async throws(BusClientError) in try await client.raiseAlert(alert) }
    }

    public func events(taskID: String) -> AsyncStream<ClusterEvent> {
        client.taskEvents(id: taskID)
    }

    private func translated<Value>(_ body: () async throws(BusClientError) -> Value) async throws(ClusterAPIError) -> Value {
        do {
            return try await body()
        } catch {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: BusClientError) -> ClusterAPIError {
        switch error {
        case .timedOut: .timeout
        case .service(let busError): ClusterAPIError(busError)
        case .socket, .closed, .badReply: .brokerUnavailable(reason: error.description)
        }
    }
}
