import Wire

/// What one line of runner output means to the agent.
enum StreamEvent: Sendable, Hashable {
    /// A line to report as progress.
    case progress(ProgressUpdate.Kind, String)
    /// The runner's final `result` line.
    case result(RunnerFinalResult)
    /// A fact about the run that is not progress but decides how it ended.
    case signal(RunnerSignal)
}

/// A fact Claude Code states before its `result` line that the ending depends on.
enum RunnerSignal: Sendable, Hashable {
    /// The model named by `system/init`.
    case model(String)
    /// A `rate_limit_event`, or the `rate_limit_info` of an API error.
    case rateLimit(RunnerRateLimit)
    /// The `error` of a synthetic assistant message (`authentication_failed`, `rate_limit`, ...).
    case apiError(String)
}

/// The account's rate-limit state as Claude Code reports it.
struct RunnerRateLimit: Sendable, Hashable {
    /// `allowed`, `allowed_warning` or `rejected`.
    var status: String
    /// When the limit lifts, in Unix seconds.
    var resetsAt: Double?
    /// `five_hour`, `seven_day`, ...
    var kind: String?

    /// Creates a rate-limit state.
    init(status: String, resetsAt: Double? = nil, kind: String? = nil) {
        self.status = status
        self.resetsAt = resetsAt
        self.kind = kind
    }
}

/// The final `{"type":"result",...}` line of a Claude Code stream-json run.
struct RunnerFinalResult: Sendable, Hashable {
    /// The final answer text (`result`).
    var text: String
    /// True when Claude Code reports the run failed (`is_error`, or a subtype other than `success`).
    var isError: Bool
    /// `success`, `error_max_turns`, `error_max_budget_usd`, `error_during_execution`, ...
    var subtype: String?
    var costUSD: Double?
    var durationMs: Int?
    var turns: Int?
    var sessionID: String?
    /// The CLI's own reasons (`errors[]`), e.g. "Reached maximum number of turns (1)".
    var errors: [String]
    /// The HTTP status of the API error that ended the run (`api_error_status`).
    var apiErrorStatus: Int?
    /// The API error's name (`api_error`), e.g. `usage_limit_reached`.
    var apiError: String?
    /// Why the loop stopped (`terminal_reason`): `completed`, `max_turns`, `api_error`, ...
    var terminalReason: String?
    /// Tokens used (`usage`).
    var usage: TokenUsage?
    /// The models that were used (`modelUsage` keys), sorted.
    var models: [String]
    /// One line per refused tool call (`permission_denials`): "Bash: npm test".
    var permissionDenials: [String]

    /// Creates a final result.
    init(
        text: String,
        isError: Bool,
        subtype: String? = nil,
        costUSD: Double? = nil,
        durationMs: Int? = nil,
        turns: Int? = nil,
        sessionID: String? = nil,
        errors: [String] = [],
        apiErrorStatus: Int? = nil,
        apiError: String? = nil,
        terminalReason: String? = nil,
        usage: TokenUsage? = nil,
        models: [String] = [],
        permissionDenials: [String] = []
    ) {
        self.text = text
        self.isError = isError
        self.subtype = subtype
        self.costUSD = costUSD
        self.durationMs = durationMs
        self.turns = turns
        self.sessionID = sessionID
        self.errors = errors
        self.apiErrorStatus = apiErrorStatus
        self.apiError = apiError
        self.terminalReason = terminalReason
        self.usage = usage
        self.models = models
        self.permissionDenials = permissionDenials
    }
}
