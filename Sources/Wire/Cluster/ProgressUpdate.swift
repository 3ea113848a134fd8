import Foundation

/// One line of progress from a running task (an MDP PARTIAL body from agent to broker).
public struct ProgressUpdate: Codable, Sendable, Hashable {
    /// What the line says, from the runner's stream-json type.
    public enum Kind: String, Codable, Sendable, Hashable {
        /// `system`/`init`: the session started.
        case started
        /// Assistant text.
        case text
        /// The assistant called a tool; `message` names it.
        case toolUse = "tool_use"
        /// A tool's result came back.
        case toolResult = "tool_result"
        /// A line that was not JSON, passed through as written.
        case output
        /// The agent's own steps: worktree, commit, push, pull request.
        case step
    }

    public var v: Int = 1
    public var taskID: String
    public var attempt: Int
    /// Increases by one per update within an attempt.
    public var sequence: Int
    public var kind: Kind
    public var message: String
    public var at: Date

    public init(taskID: String, attempt: Int, sequence: Int, kind: Kind, message: String, at: Date) {
        self.taskID = taskID
        self.attempt = attempt
        self.sequence = sequence
        self.kind = kind
        self.message = message
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case v
        case taskID = "task_id"
        case attempt, sequence, kind, message, at
    }
}

/// The FINAL body from agent to broker for one attempt of a task.
public struct TaskCompletion: Codable, Sendable, Hashable {
    public var v: Int = 1
    public var taskID: String
    public var attempt: Int
    public var agent: String
    public var result: TaskResult

    public init(taskID: String, attempt: Int, agent: String, result: TaskResult) {
        self.taskID = taskID
        self.attempt = attempt
        self.agent = agent
        self.result = result
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case v
        case taskID = "task_id"
        case attempt, agent, result
    }
}
