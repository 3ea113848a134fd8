import Foundation
import Wire

/// Shows a task's progress on the terminal until it reaches a terminal state.
///
/// The following itself is `ClusterClient.follow` (events, and a read every two seconds
/// because PUB may drop messages); this type only prints.
struct TaskFollower {
    let client: ClusterClient
    let json: Bool

    /// Returns the task's final record.
    func follow(_ taskID: String, initial: TaskRecord) async throws -> TaskRecord {
        let json = json
        return try await client.follow(taskID, initial: initial) { event in
            switch event.payload {
            case .taskProgress(let update): Self.printProgress(update, json: json)
            case .taskState(let record, _): Self.printState(record, json: json)
            case .alert, .brokerHeartbeat: break
            }
        }
    }

    private static func printProgress(_ update: ProgressUpdate, json: Bool) {
        if json {
            printJSON(update)
            return
        }
        let text = update.message.replacingOccurrences(of: "\n", with: " ")
        let shown = text.count > 160 ? String(text.prefix(160)) + "…" : text
        print("  [\(update.kind.rawValue)] \(shown)")
    }

    private static func printState(_ record: TaskRecord, json: Bool) {
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
