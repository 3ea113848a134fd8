/// Where an attempt can pick up earlier work: a retry's previous attempt, or the parent
/// task a follow-up continues. Sent with the assignment by the broker.
public struct TaskContinuation: Codable, Sendable, Hashable {
    /// The task whose work this continues (the same task for a retry, the parent for a follow-up).
    public var fromTask: String
    /// The agent that ran that work.
    public var agent: String?
    /// The branch that work is on, which a follow-up checks out.
    public var branch: String?
    /// The runner's session, resumable where its worktree is still there.
    public var sessionID: String?

    /// Creates a continuation.
    public init(fromTask: String, agent: String? = nil, branch: String? = nil, sessionID: String? = nil) {
        self.fromTask = fromTask
        self.agent = agent
        self.branch = branch
        self.sessionID = sessionID
    }

    enum CodingKeys: String, CodingKey {
        case fromTask = "from_task"
        case agent, branch
        case sessionID = "session_id"
    }
}
