/// What Claude Code said before its `result` line that decides how a run ended. Pure.
struct RunnerSignals: Sendable, Hashable {
    /// The model named by `system/init`.
    var model: String?
    /// The last rate-limit state reported; a `rejected` one means the account is limited.
    var rateLimit: RunnerRateLimit?
    /// The last API error kind of a synthetic assistant message (`authentication_failed`, ...).
    var apiError: String?

    /// Creates signals; all empty by default.
    init(model: String? = nil, rateLimit: RunnerRateLimit? = nil, apiError: String? = nil) {
        self.model = model
        self.rateLimit = rateLimit
        self.apiError = apiError
    }

    /// Takes one signal in.
    mutating func record(_ signal: RunnerSignal) {
        switch signal {
        case .model(let name): model = name
        case .rateLimit(let limit): rateLimit = limit
        case .apiError(let kind): apiError = kind
        }
    }
}
