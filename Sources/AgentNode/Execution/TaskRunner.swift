import Foundation

/// Everything needed to run the runner once.
struct RunnerInvocation: Sendable {
    /// The executable: a path, or a name looked up on PATH.
    var executable: String
    var arguments: [String]
    /// The task's worktree.
    var workingDirectory: URL
    /// Added to the agent's own environment.
    var environment: [String: String]
    /// A file whose contents become the runner's standard input (the prompt); nil for `/dev/null`.
    var standardInput: URL?
    /// Set when the agent (root) runs the runner as an unprivileged user.
    var identity: RunnerIdentity?
    /// `<logs>/<task-id>.log`, appended to; nil keeps no log.
    var logFile: URL?
    var timeout: Duration
    /// Time between SIGTERM and SIGKILL for the runner's process group.
    var killGrace: Duration
    /// Called with the runner's process group id as soon as it runs.
    var onStart: (@Sendable (Int32) -> Void)?

    /// Creates an invocation.
    init(
        executable: String, arguments: [String], workingDirectory: URL, environment: [String: String] = [:],
        identity: RunnerIdentity? = nil, logFile: URL? = nil, timeout: Duration, killGrace: Duration = .seconds(5),
        standardInput: URL? = nil
    ) {
        self.standardInput = standardInput
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.identity = identity
        self.logFile = logFile
        self.timeout = timeout
        self.killGrace = killGrace
    }
}

/// How a runner run went.
struct RunnerReport: Sendable {
    var termination: ProcessTermination
    /// The stream-json `result` line, if the runner printed one.
    var finalResult: RunnerFinalResult?
    /// The last assistant text or plain output line.
    var lastText: String?
    /// What the stream said before its result line (model, rate limit, API error kind).
    var signals = RunnerSignals()
    /// The last part of standard output (bounded).
    var transcriptTail: String
    /// The last part of standard error (bounded).
    var stderrTail: String
    /// Wall-clock time from start to the end of the process group.
    var elapsed: Duration
}

/// Runs the runner command in a worktree, in its own process group, streaming each output
/// line as an event while it runs.
///
/// Standard output goes, raw, to the task's log file; a bounded tail of it and of standard
/// error is kept for the result. The deadline and cancellation of the calling task both
/// kill the runner's whole process group (SIGTERM, grace, SIGKILL).
struct TaskRunner: Sendable {
    var parser: StreamJSONParser
    /// Bytes of standard output kept for the result's transcript.
    var transcriptTailBytes: Int
    /// Bytes of standard error kept for error messages.
    var stderrTailBytes: Int

    /// Creates a runner.
    init(parser: StreamJSONParser = StreamJSONParser(), transcriptTailBytes: Int = 2 << 20, stderrTailBytes: Int = 16 << 10) {
        self.parser = parser
        self.transcriptTailBytes = transcriptTailBytes
        self.stderrTailBytes = stderrTailBytes
    }

    /// Runs to the end (exit, deadline or cancellation); never throws.
    func run(
        _ invocation: RunnerInvocation,
        onEvent: @escaping @Sendable (StreamEvent) async -> Void
    ) async -> RunnerReport {
        let clock = ContinuousClock()
        let started = clock.now
        TranscriptLog(url: invocation.logFile).note(
            "\(Date()) runner started: \(CommandLineText.render([invocation.executable] + invocation.arguments))\n"
                + "in \(invocation.workingDirectory.path)")
        let process = SupervisedProcess(
            executable: invocation.executable,
            arguments: invocation.arguments,
            workingDirectory: invocation.workingDirectory,
            environment: invocation.environment,
            identity: invocation.identity,
            standardInput: invocation.standardInput,
            timeout: invocation.timeout,
            killGrace: invocation.killGrace,
            onStart: invocation.onStart
        )
        let parser = parser
        let tailLimit = transcriptTailBytes
        let stderrLimit = stderrTailBytes
        let outcome = await process.run { execution in
            let log = TranscriptLog(url: invocation.logFile)
            async let stderr = CollectedCommand.drain(execution.standardError, limit: stderrLimit)
            var transcript = RunnerTranscript(parser: parser, tailLimit: tailLimit)
            do {
                for try await buffer in execution.standardOutput {
                    let bytes = buffer.withUnsafeBytes { Array($0) }
                    log.write(bytes)
                    for event in transcript.consume(bytes) { await onEvent(event) }
                }
            } catch {
                // Killed, or the runner exited and left the pipe to a child: what came is what there is.
            }
            for event in transcript.finish() { await onEvent(event) }
            return Streamed(transcript: transcript, stderr: await stderr)
        }
        let report = RunnerReport(
            termination: outcome.termination,
            finalResult: outcome.value?.transcript.finalResult,
            lastText: outcome.value?.transcript.lastText,
            signals: outcome.value?.transcript.signals ?? RunnerSignals(),
            transcriptTail: outcome.value?.transcript.tail.text ?? "",
            stderrTail: outcome.value?.stderr.text ?? "",
            elapsed: clock.now - started
        )
        let footer = "\(Date()) runner \(CommandLineText.describe(report.termination, timeout: invocation.timeout))"
        let stderrNote = report.stderrTail.isEmpty ? "" : "\nstderr (last part):\n" + report.stderrTail
        TranscriptLog(url: invocation.logFile).note(footer + stderrNote)
        return report
    }
}

private struct Streamed: Sendable {
    var transcript: RunnerTranscript
    var stderr: ByteTail
}
