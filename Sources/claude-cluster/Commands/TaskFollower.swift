import Foundation
import Wire

/// Shows a task's progress on the terminal until it reaches a terminal state.
///
/// Events come from the broker's PUB socket; because PUB may drop messages, the task is
/// also read every two seconds, so the wait always ends.
struct TaskFollower {
    let client: ClusterClient
    let json: Bool

    /// Returns the task's final record.
    func follow(_ taskID: String, initial: TaskRecord) async throws -> TaskRecord {
        var latest = initial
        if latest.state.isTerminal { return latest }
        let events = client.taskEvents(id: taskID)
        return try await withThrowingTaskGroup(of: TaskRecord?.self) { group in
            group.addTask {
                for await event in events {
                    switch event.payload {
                    case .taskProgress(let update):
                        printProgress(update)
                    case .taskState(let record, _):
                        printState(record)
                        if record.state.isTerminal { return record }
                    case .alert, .brokerHeartbeat:
                        continue
                    }
                }
                return nil
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(2))
                    if let detail = try await client.task(id: taskID), detail.task.state.isTerminal {
                        return detail.task
                    }
                }
                return nil
            }
            while let finished = try await group.next() {
                if let finished {
                    latest = finished
                    break
                }
            }
            group.cancelAll()
            return latest
        }
    }

    private func printProgress(_ update: ProgressUpdate) {
        if json {
            printJSON(update)
            return
        }
        let text = update.message.replacingOccurrences(of: "\n", with: " ")
        let shown = text.count > 160 ? String(text.prefix(160)) + "…" : text
        print("  [\(update.kind.rawValue)] \(shown)")
    }

    private func printState(_ record: TaskRecord) {
        if json { return }
        print("  state: \(record.state.rawValue)\(record.agent.map { " on \($0)" } ?? "")")
    }
}

/// Prints the outcome of a finished task and returns the exit status it deserves.
func reportOutcome(_ record: TaskRecord, json: Bool) -> ExitStatus {
    if json {
        printJSON(record)
    } else {
        print("task \(record.id) \(record.state.rawValue)\(record.agent.map { " (agent \($0))" } ?? "")")
        if let result = record.result {
            if !result.summary.isEmpty { print("summary: \(result.summary)") }
            if let url = result.pullRequestURL { print("pull request: \(url)") }
            if let branch = result.branch { print("branch: \(branch)") }
            if let error = result.error { print("error: \(error)") }
        } else if let error = record.error {
            print("error: \(error)")
        }
    }
    return record.state == .succeeded ? .success : .taskUnsuccessful
}
