import Wire

/// A filter and page request for ``TaskJournal/listTasks(_:)``: newest tasks first.
struct TaskQuery: Sendable, Hashable, Codable {
    /// The largest page a query may ask for; bigger limits are lowered to this.
    static let maximumLimit = 1_000

    /// Tasks in any of these states; empty means every state.
    var states: Set<TaskState>
    /// Tasks whose current or last attempt ran on this agent.
    var agent: String?
    /// Tasks handed in through this source.
    var source: TaskSource?
    /// Tasks per page, between 1 and ``maximumLimit``.
    var limit: Int
    /// Where the previous page ended (its `TaskPage.nextCursor`, parsed); nil for the first page.
    var cursor: TaskCursor?

    /// A query; the limit is clamped into 1...``maximumLimit`` so bad input never traps.
    init(
        states: Set<TaskState> = [],
        agent: String? = nil,
        source: TaskSource? = nil,
        limit: Int = 50,
        cursor: TaskCursor? = nil
    ) {
        self.states = states
        self.agent = agent
        self.source = source
        self.limit = limit
        self.cursor = cursor
    }

    /// The journal query for a bus `mmi.task.list` query, or nil when its cursor is not
    /// one this journal issued (answer the client with a bad-request error).
    init?(_ query: TaskListQuery) {
        var cursor: TaskCursor?
        if let text = query.cursor {
            guard let parsed = TaskCursor(text) else { return nil }
            cursor = parsed
        }
        self.init(
            states: Set(query.states ?? []), agent: query.agent, source: query.source,
            limit: query.limit ?? 50, cursor: cursor)
    }

    /// ``limit`` clamped into its valid range.
    var clampedLimit: Int { min(max(limit, 1), Self.maximumLimit) }
}
