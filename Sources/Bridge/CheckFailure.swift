/// A failed check on some branch, read from a `check_run`, `check_suite` or `workflow_run`
/// delivery. Pure.
struct CheckFailure: Sendable, Hashable {
    /// Where the log comes from.
    enum LogSource: Sendable, Hashable {
        /// A GitHub Actions job (a check run's id is its job's id).
        case job(id: Int)
        /// The failed jobs of a workflow run.
        case workflowRun(id: Int)
        /// The failed check runs of a check suite.
        case checkSuite(id: Int)
    }

    var event: String
    /// The check's (or workflow's, or app's) name.
    var name: String
    var branch: String
    var headSHA: String
    var conclusion: String
    /// Pull requests the check ran for, as GitHub listed them.
    var pullRequests: [Int]
    var logSource: LogSource?
    /// What the check wrote about itself, the fallback when there is no Actions log.
    var output: String?
    var url: String?

    /// Conclusions that need a fix; `cancelled`, `skipped`, `neutral`, `stale` do not.
    static let failing: Set<String> = ["failure", "timed_out", "startup_failure"]

    /// The failure in a completed check delivery, or nil when it is not one.
    init?(event: String, payload: GitHubPayload) {
        guard payload.action == "completed" else { return nil }
        switch event {
        case "check_run":
            guard let run = payload.checkRun, let branch = run.checkSuite?.headBranch ?? run.pullRequests?.first?.head?.ref else { return nil }
            self.init(
                event: event, name: run.name ?? "a check", branch: branch, headSHA: run.headSHA ?? "",
                conclusion: run.conclusion ?? "", pullRequests: run.pullRequests?.compactMap(\.number) ?? [],
                logSource: run.id.map { .job(id: $0) },
                output: [run.output?.title, run.output?.summary, run.output?.text].compactMap { $0 }.joined(separator: "\n\n"),
                url: run.htmlURL)
        case "check_suite":
            guard let suite = payload.checkSuite, let branch = suite.headBranch ?? suite.pullRequests?.first?.head?.ref else { return nil }
            self.init(
                event: event, name: suite.app?.name ?? "the check suite", branch: branch, headSHA: suite.headSHA ?? "",
                conclusion: suite.conclusion ?? "", pullRequests: suite.pullRequests?.compactMap(\.number) ?? [],
                logSource: suite.id.map { .checkSuite(id: $0) }, output: nil, url: nil)
        case "workflow_run":
            guard let run = payload.workflowRun, let branch = run.headBranch ?? run.pullRequests?.first?.head?.ref else { return nil }
            self.init(
                event: event, name: run.name ?? "a workflow", branch: branch, headSHA: run.headSHA ?? "",
                conclusion: run.conclusion ?? "", pullRequests: run.pullRequests?.compactMap(\.number) ?? [],
                logSource: run.id.map { .workflowRun(id: $0) }, output: nil, url: run.htmlURL)
        default:
            return nil
        }
        guard Self.failing.contains(conclusion), !branch.isEmpty else { return nil }
    }

    init(
        event: String, name: String, branch: String, headSHA: String, conclusion: String, pullRequests: [Int],
        logSource: LogSource?, output: String?, url: String?
    ) {
        self.event = event
        self.name = name
        self.branch = branch
        self.headSHA = headSHA
        self.conclusion = conclusion
        self.pullRequests = pullRequests
        self.logSource = logSource
        self.output = output.flatMap { $0.isEmpty ? nil : $0 }
        self.url = url
    }
}
