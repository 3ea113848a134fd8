import Wire

/// Submits durable tasks over the bus as fast as `inFlight` concurrent submitters allow,
/// spread over several clients, and notes when each was sent and acknowledged.
struct TaskSubmitter: Sendable {
    /// One acknowledged submission.
    struct Submission: Sendable {
        var index: Int
        var id: String
        var sentAt: ContinuousClock.Instant
        var ackedAt: ContinuousClock.Instant
    }

    /// What a batch of submissions came to.
    struct Outcome: Sendable {
        var submissions: [Submission]
        var failures: Int
        var firstFailure: String?
        var started: ContinuousClock.Instant
        var finished: ContinuousClock.Instant
    }

    /// Submissions gathered from every submitter.
    struct Collected: Sendable {
        var done: [Submission] = []
        var failures = 0
        var first: String?
    }

    let clients: [ClusterClient]
    let inFlight: Int

    /// Submits `count` tasks, `spec(i)` for i in 0..<count; never throws (failures are counted).
    func submit(count: Int, spec: @escaping @Sendable (Int) -> TaskSpec) async -> Outcome {
        let tickets = Counter()
        let collected = Locked(Collected())
        let started = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for submitter in 0..<max(1, inFlight) {
                let client = clients[submitter % clients.count]
                group.addTask {
                    while true {
                        let index = tickets.next()
                        guard index < count else { return }
                        let sent = ContinuousClock.now
                        do {
                            let record = try await client.submit(spec(index))
                            let submission = Submission(index: index, id: record.id, sentAt: sent, ackedAt: .now)
                            collected.withLock { $0.done.append(submission) }
                        } catch {
                            let reason = "\(error)"
                            collected.withLock { (state: inout Collected) in
                                state.failures += 1
                                if state.first == nil { state.first = reason }
                            }
                        }
                    }
                }
            }
        }
        let finished = ContinuousClock.now
        let result = collected.value
        return Outcome(submissions: result.done, failures: result.failures, firstFailure: result.first, started: started, finished: finished)
    }
}
