/// One agent asking another specialty for help: the body of an ordinary MDP client
/// REQUEST from the asking agent to that specialty's service. The answer is a FINAL
/// whose body is a `HelpAnswer`.
public struct HelpRequest: Codable, Sendable, Hashable, VersionedBody {
    /// The `kind` value that tells an agent this REQUEST is a help request.
    public static let kind = "help.request"
    public var v: Int = 1
    public var kind: String = HelpRequest.kind
    /// Correlates the answer with the question; the asker picks it.
    public var id: String
    /// The asking agent's name.
    public var from: String
    /// The specialty asked (also the MDP service the request is sent to).
    public var specialty: String
    public var question: String
    /// What the asker is working on: code, errors, the task title.
    public var context: String?
    /// The task the asker is working on, if any.
    public var taskID: String?

    /// Creates a help request.
    public init(id: String, from: String, specialty: String, question: String, context: String? = nil, taskID: String? = nil) {
        self.id = id
        self.from = from
        self.specialty = specialty
        self.question = question
        self.context = context
        self.taskID = taskID
    }

    enum CodingKeys: String, CodingKey {
        case v, kind, id, from, specialty, question, context
        case taskID = "task_id"
    }
}
