import Wire

/// What one line of runner output means to the agent.
public enum StreamEvent: Sendable, Hashable {
    /// A line to report as progress.
    case progress(ProgressUpdate.Kind, String)
    /// The runner's final `result` line.
    case result(RunnerFinalResult)
}

/// The final `{"type":"result",...}` line of a Claude Code stream-json run.
public struct RunnerFinalResult: Sendable, Hashable {
    /// The final answer text (`result`).
    public var text: String
    /// True when Claude Code reports the run failed (`is_error`, or a subtype other than `success`).
    public var isError: Bool
    /// `success`, `error_max_turns`, `error_during_execution`, ...
    public var subtype: String?
    public var costUSD: Double?
    public var durationMs: Int?
    public var turns: Int?
    public var sessionID: String?

    /// Creates a final result.
    public init(
        text: String,
        isError: Bool,
        subtype: String? = nil,
        costUSD: Double? = nil,
        durationMs: Int? = nil,
        turns: Int? = nil,
        sessionID: String? = nil
    ) {
        self.text = text
        self.isError = isError
        self.subtype = subtype
        self.costUSD = costUSD
        self.durationMs = durationMs
        self.turns = turns
        self.sessionID = sessionID
    }
}
