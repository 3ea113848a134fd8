import Wire

/// Finds, among the cluster's tasks, the one whose work a pull request or branch holds.
/// Pure; `TaskScan` pages through the broker's list.
enum PullRequestOrigin {
    /// True when `task` published `branch`, or reported `pullRequestURL` as its pull request.
    /// Tasks are listed newest first, so the first match is the latest work on the branch
    /// (a follow-up of a follow-up resumes the latest session).
    static func matches(_ task: TaskRecord, branch: String?, pullRequestURL: String?) -> Bool {
        guard let result = task.result else { return false }
        if let branch, !branch.isEmpty, result.branch == branch { return true }
        if let pullRequestURL, let own = result.pullRequestURL, !own.isEmpty, Self.sameURL(own, pullRequestURL) { return true }
        return false
    }

    /// The pull request number at the end of a `…/pull/N` URL.
    static func number(in pullRequestURL: String?) -> Int? {
        guard let url = pullRequestURL, let range = url.range(of: "/pull/", options: .backwards) else { return nil }
        return Int(url[range.upperBound...].prefix { $0.isNumber })
    }

    private static func sameURL(_ a: String, _ b: String) -> Bool {
        func trimmed(_ s: String) -> String { s.hasSuffix("/") ? String(s.dropLast()) : s }
        return trimmed(a).lowercased() == trimmed(b).lowercased()
    }
}

/// Pages through the broker's task list, newest first, up to a limit.
struct TaskScan: Sendable {
    let cluster: any ClusterAPI
    let limit: Int

    /// The tasks among the newest `limit` that satisfy `include`, newest first.
    func tasks(source: TaskSource? = nil, where include: @Sendable (TaskRecord) -> Bool) async throws -> [TaskRecord] {
        var found: [TaskRecord] = []
        var cursor: String?
        var seen = 0
        repeat {
            let page = try await cluster.listTasks(TaskListQuery(source: source, limit: min(500, max(1, limit - seen)), cursor: cursor))
            seen += page.tasks.count
            found += page.tasks.filter(include)
            cursor = page.nextCursor
        } while cursor != nil && seen < limit
        return found
    }
}
