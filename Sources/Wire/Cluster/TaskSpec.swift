/// What a submitter asks for: everything about a task that is fixed when it is accepted.
///
/// The field names follow the original cluster's task JSON (`type`, `priority`, `title`,
/// `description`, `requirements`), so its payloads decode unchanged.
public struct TaskSpec: Codable, Sendable, Hashable {
    /// A short line that names the work; used as the PR title and commit subject.
    public var title: String
    /// The full prompt handed to the runner.
    public var description: String
    /// A free-form kind such as `frontend_development`; used by routing rules.
    public var type: String
    public var priority: TaskPriority
    /// Acceptance criteria, listed in the prompt and the PR body.
    public var requirements: [String]
    public var labels: [String]
    /// An agent name (`CC01`) or a specialty (`backend`); nil lets the rules decide.
    public var target: String?
    /// A local path or clone URL; nil uses the agent's configured repository.
    public var repository: String?
    /// A link back to where the work came from (a GitHub issue or comment).
    public var issueURL: String?
    public var source: TaskSource
    /// Two submissions with the same key are one task.
    public var idempotencyKey: String?
    /// Per-attempt limit in seconds; nil uses the broker's default.
    public var timeoutSeconds: Double?
    /// Overrides the broker's default number of attempts.
    public var maxAttempts: Int?
    /// Extra context, e.g. `github.event`, `github.number`.
    public var metadata: [String: String]
    /// The task this one follows up: it continues that task's branch (and session).
    public var parent: String?
    /// Claude Code settings for this task over the agent's own.
    public var claude: ClaudeOverrides?

    public init(
        title: String,
        description: String,
        type: String = "general",
        priority: TaskPriority = .normal,
        requirements: [String] = [],
        labels: [String] = [],
        target: String? = nil,
        repository: String? = nil,
        issueURL: String? = nil,
        source: TaskSource = .api,
        idempotencyKey: String? = nil,
        timeoutSeconds: Double? = nil,
        maxAttempts: Int? = nil,
        metadata: [String: String] = [:],
        parent: String? = nil,
        claude: ClaudeOverrides? = nil
    ) {
        self.title = title
        self.description = description
        self.type = type
        self.priority = priority
        self.requirements = requirements
        self.labels = labels
        self.target = target
        self.repository = repository
        self.issueURL = issueURL
        self.source = source
        self.idempotencyKey = idempotencyKey
        self.timeoutSeconds = timeoutSeconds
        self.maxAttempts = maxAttempts
        self.metadata = metadata
        self.parent = parent
        self.claude = claude
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, description, type, priority, requirements, labels, target, repository
        case issueURL = "issue_url"
        case source
        case idempotencyKey = "idempotency_key"
        case timeoutSeconds = "timeout_seconds"
        case maxAttempts = "max_attempts"
        case metadata, parent, claude
    }

    /// Lenient decoding: only `title` or `description` is required, so the original's
    /// payloads and hand-written JSON both work.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let title = try c.decodeIfPresent(String.self, forKey: .title)
        let description = try c.decodeIfPresent(String.self, forKey: .description)
        guard title != nil || description != nil else {
            throw DecodingError.keyNotFound(
                CodingKeys.title,
                .init(codingPath: c.codingPath, debugDescription: "a task needs a title or a description"))
        }
        self.init(
            lenientTitle: title, description: description,
            type: try c.decodeIfPresent(String.self, forKey: .type),
            priority: try c.decodeIfPresent(TaskPriority.self, forKey: .priority),
            requirements: try c.decodeIfPresent([String].self, forKey: .requirements),
            labels: try c.decodeIfPresent([String].self, forKey: .labels),
            target: try c.decodeIfPresent(String.self, forKey: .target),
            repository: try c.decodeIfPresent(String.self, forKey: .repository),
            issueURL: try c.decodeIfPresent(String.self, forKey: .issueURL),
            source: try c.decodeIfPresent(TaskSource.self, forKey: .source),
            idempotencyKey: try c.decodeIfPresent(String.self, forKey: .idempotencyKey),
            timeoutSeconds: try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds),
            maxAttempts: try c.decodeIfPresent(Int.self, forKey: .maxAttempts),
            metadata: try c.decodeIfPresent([String: String].self, forKey: .metadata),
            parent: try c.decodeIfPresent(String.self, forKey: .parent),
            claude: try c.decodeIfPresent(ClaudeOverrides.self, forKey: .claude))
    }

    /// The spec a lenient body describes, each missing field at its default; `title` or
    /// `description` must be given. Shared by `init(from:)` and the hand-written reader.
    init(
        lenientTitle title: String?, description: String?, type: String?, priority: TaskPriority?,
        requirements: [String]?, labels: [String]?, target: String?, repository: String?, issueURL: String?,
        source: TaskSource?, idempotencyKey: String?, timeoutSeconds: Double?, maxAttempts: Int?, metadata: [String: String]?,
        parent: String? = nil, claude: ClaudeOverrides? = nil
    ) {
        // The start of the text, not of its indentation: a title is never blank when the
        // description is not.
        self.title = title ?? String(WhiteSpace.trimmed(description!).prefix(72))
        self.description = description ?? title!
        self.type = type ?? "general"
        self.priority = priority ?? .normal
        self.requirements = requirements ?? []
        self.labels = labels ?? []
        self.target = target
        self.repository = repository
        self.issueURL = issueURL
        self.source = source ?? .api
        self.idempotencyKey = idempotencyKey
        self.timeoutSeconds = timeoutSeconds
        self.maxAttempts = maxAttempts
        self.metadata = metadata ?? [:]
        self.parent = parent
        self.claude = claude
    }
}
