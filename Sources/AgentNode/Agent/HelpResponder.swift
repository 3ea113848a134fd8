import Foundation
import Wire

/// Answers another agent's question (`claude-cluster ask`) by running this agent's runner
/// on it, in the agent's workspace, with the question as the prompt.
///
/// The answer is the runner's final result text; no worktree, commit or pull request.
struct HelpResponder: Sendable {
    let executor: TaskExecutor
    /// A question's time limit.
    var timeout: Duration = .seconds(600)

    func answer(_ question: HelpRequest) async -> HelpAnswer {
        let settings = executor.settings
        guard let executable = executor.locateRunner() else {
            let problem = executor.runnerProblem() ?? "the runner is missing"
            return HelpAnswer(id: question.id, from: settings.name, answer: problem, ok: false)
        }
        let prompt = """
        You are \(settings.name), the \(settings.specialty) specialist of a team of coding agents. \
        \(question.from) is asking you for help\(question.taskID.map { " with task \($0)" } ?? ""). \
        Answer concisely and concretely; do not change any files.

        Question: \(question.question)
        \(question.context.map { "\nContext: \($0)" } ?? "")
        """
        let placeholders = RunnerPlaceholders(
            prompt: prompt, permissionMode: "plan", taskID: "help-\(question.id)", attempt: 1,
            title: "Question from \(question.from)", branch: "", worktree: settings.workspaceRoot.path,
            agent: settings.name, specialty: settings.specialty)
        let promptFile: PromptFile
        do {
            promptFile = try PromptFile(prompt)
        } catch {
            return HelpAnswer(id: question.id, from: settings.name, answer: "\(settings.name) could not answer: \(error)", ok: false)
        }
        defer { promptFile.remove() }
        let invocation = RunnerInvocation(
            executable: executable,
            arguments: settings.runner.arguments(placeholders, claudeFlags: ClaudeArguments.flags(settings.claude)),
            workingDirectory: settings.workspaceRoot,
            environment: settings.environment.merging(settings.claudeEnvironment) { _, claude in claude },
            identity: executor.runnerIdentity,
            logFile: settings.logsDirectory.appendingPathComponent("help-\(question.id).log"),
            timeout: timeout,
            killGrace: settings.killGracePeriod,
            standardInput: promptFile.url)
        let report = await TaskRunner().run(invocation) { _ in }
        let text = report.finalResult?.text ?? report.lastText ?? ""
        let failed = report.finalResult?.isError ?? (report.termination != .exited(0))
        if text.isEmpty {
            return HelpAnswer(id: question.id, from: settings.name,
                              answer: "\(settings.name) could not answer: the runner gave no text. \(report.stderrTail.suffix(500))", ok: false)
        }
        return HelpAnswer(id: question.id, from: settings.name, answer: text, ok: !failed)
    }
}
