import Wire

extension GitHubRoundTrip {
    /// Follows again the GitHub tasks that were unfinished when the bridge started (it
    /// restarted while they ran): each tracker finds the comment it posted before by its
    /// marker and edits on from there; no second comment and no second reaction.
    ///
    /// The broker may come up after the bridge, so a failed lookup is tried again every
    /// `retryEvery`, `attempts` times in all; returns how many tasks it follows again.
    @discardableResult
    func resumeTracking(retryEvery: Duration = .seconds(2), attempts: Int = 30) async -> Int {
        guard github != nil, settings.trackingComments else { return 0 }
        for attempt in 1...max(attempts, 1) {
            do {
                let unfinished = try await scan.tasks(source: .github) { !$0.state.isTerminal }
                var resumed = 0
                for record in unfinished {
                    guard let thread = GitHubThread(task: record) else { continue }
                    track(record, thread: thread)
                    resumed += 1
                }
                if resumed > 0 { logger.info("following \(resumed) unfinished GitHub task(s) again") }
                return resumed
            } catch {
                if Task.isCancelled { return 0 }
                if attempt == attempts {
                    logger.warning("could not list unfinished GitHub tasks to follow them again: \(error); their comments are edited no more")
                    return 0
                }
                try? await Task.sleep(for: retryEvery)
            }
        }
        return 0
    }
}

extension GitHubThread {
    /// The thread a GitHub task answers on, from the metadata the webhook gave it; no
    /// reaction (it was made when the task was accepted).
    init?(task: TaskRecord) {
        guard let repository = task.spec.metadata["github.repository"],
              let number = task.spec.metadata["github.number"].flatMap({ Int($0) })
        else { return nil }
        self.init(repository: repository, number: number)
    }
}
