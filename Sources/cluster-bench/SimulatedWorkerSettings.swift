import Wire

/// How a group of simulated MDP workers behaves.
struct SimulatedWorkerSettings: Sendable {
    /// A plain 18/MDP worker (READY with no extension, one request at a time), or a
    /// cluster agent (READY with `AgentInfo`, `capacity` requests at once).
    enum Kind: Sendable {
        case plain
        case agent(capacity: Int)
    }

    /// The broker's ROUTER endpoint.
    var endpoint: String
    /// The READY service (an agent's specialty).
    var service: String
    var kind: Kind
    /// Agent names are `<namePrefix><index>`.
    var namePrefix: String
    /// Send HEARTBEAT this often (staggered over the workers); nil: never.
    var heartbeat: Duration?
    /// How long a worker holds a task or request before its FINAL; zero answers at once.
    var hold: Duration = .zero
    /// The `host` an agent names in its READY: part 6 names the process that runs it, so
    /// the broker's agent list shows which process holds which agent.
    var host = "bench"

    /// The READY message of worker `name`.
    func ready(name: String) -> [Frame] {
        switch kind {
        case .plain:
            return MDPCodec.encode(.worker(.ready(service: service, extensions: [])))
        case .agent(let capacity):
            let info = AgentInfo(
                name: name, specialties: [service], capacity: capacity, version: ClusterVersion.current, host: host)
            return MDPCodec.encode(.worker(.ready(service: service, extensions: [JSONWire.encode(info)])))
        }
    }
}
