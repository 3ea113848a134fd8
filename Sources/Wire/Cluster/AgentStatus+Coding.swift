import Foundation

extension AgentStatus {
    /// Reads a status; `pause` may be missing (a broker that knows no pauses: `running`),
    /// and `paused` is derived from it, never read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            specialty: try container.decode(String.self, forKey: .specialty),
            specialties: try container.decode([String].self, forKey: .specialties),
            state: try container.decode(State.self, forKey: .state),
            lastHeartbeat: try container.decodeIfPresent(Date.self, forKey: .lastHeartbeat),
            runningTasks: try container.decode([String].self, forKey: .runningTasks),
            capacity: try container.decode(Int.self, forKey: .capacity),
            load: try container.decodeIfPresent(AgentLoad.self, forKey: .load),
            runnerProblem: try container.decodeIfPresent(String.self, forKey: .runnerProblem),
            version: try container.decodeIfPresent(String.self, forKey: .version),
            host: try container.decodeIfPresent(String.self, forKey: .host),
            isClusterAgent: try container.decode(Bool.self, forKey: .isClusterAgent),
            account: try container.decodeIfPresent(String.self, forKey: .account),
            limitedUntil: try container.decodeIfPresent(Date.self, forKey: .limitedUntil),
            limitKind: try container.decodeIfPresent(String.self, forKey: .limitKind),
            costUSD: try container.decodeIfPresent(Double.self, forKey: .costUSD),
            pause: try container.decodeIfPresent(AgentPauseState.self, forKey: .pause) ?? .running)
    }

    /// Writes every field as the synthesized coder would, plus `pause` and `paused`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(specialty, forKey: .specialty)
        try container.encode(specialties, forKey: .specialties)
        try container.encode(state, forKey: .state)
        try container.encodeIfPresent(lastHeartbeat, forKey: .lastHeartbeat)
        try container.encode(runningTasks, forKey: .runningTasks)
        try container.encode(capacity, forKey: .capacity)
        try container.encodeIfPresent(load, forKey: .load)
        try container.encodeIfPresent(runnerProblem, forKey: .runnerProblem)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encodeIfPresent(host, forKey: .host)
        try container.encode(isClusterAgent, forKey: .isClusterAgent)
        try container.encodeIfPresent(account, forKey: .account)
        try container.encodeIfPresent(limitedUntil, forKey: .limitedUntil)
        try container.encodeIfPresent(limitKind, forKey: .limitKind)
        try container.encodeIfPresent(costUSD, forKey: .costUSD)
        try container.encode(pause, forKey: .pause)
        try container.encode(paused, forKey: .paused)
    }
}
