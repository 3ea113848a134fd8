import Foundation
import Subprocess

/// A command run to completion with the ends of its output kept: git, the pull-request
/// command and hooks.
struct CollectedCommand: Sendable {
    var process: SupervisedProcess
    /// Bytes of standard output kept (the last ones).
    var outputLimit: Int = 1 << 20
    /// Bytes of standard error kept (the last ones).
    var errorLimit: Int = 16 << 10

    /// Runs the command and returns how it ended with its output.
    func run() async -> CommandResult {
        let outputLimit = outputLimit
        let errorLimit = errorLimit
        let outcome = await process.run { execution in
            async let error = Self.drain(execution.standardError, limit: errorLimit)
            let output = await Self.drain(execution.standardOutput, limit: outputLimit)
            return CapturedOutput(output: output, error: await error)
        }
        return CommandResult(
            commandLine: CommandLineText.render([process.executable] + process.arguments),
            termination: outcome.termination,
            timeout: process.timeout,
            standardOutput: outcome.value?.output.text ?? "",
            standardError: outcome.value?.error.text ?? ""
        )
    }

    /// Reads a stream to its end, keeping the last `limit` bytes.
    static func drain(_ stream: SubprocessOutputSequence, limit: Int) async -> ByteTail {
        var tail = ByteTail(limit: limit)
        do {
            for try await buffer in stream {
                buffer.withUnsafeBytes { tail.append($0) }
            }
        } catch {
            // The stream ends early when the process is killed or leaves the pipe to a child.
        }
        return tail
    }
}

private struct CapturedOutput: Sendable {
    var output: ByteTail
    var error: ByteTail
}

/// How a collected command ended and what it printed.
struct CommandResult: Sendable {
    /// The command as a person would type it (long arguments shortened).
    var commandLine: String
    var termination: ProcessTermination
    var timeout: Duration?
    var standardOutput: String
    var standardError: String

    /// True when the command exited with status 0.
    var succeeded: Bool { termination == .exited(0) }

    /// "`git push ...` exited with status 1: <stderr tail>".
    var failureDescription: String {
        var text = "`\(commandLine)` \(CommandLineText.describe(termination, timeout: timeout))"
        let detail = CommandLineText.lastLines(standardError.isEmpty ? standardOutput : standardError, count: 15)
        if !detail.isEmpty { text += ": " + detail }
        return text
    }
}

/// Renders commands and how they ended for messages a person reads.
enum CommandLineText {
    /// Arguments joined with spaces, quoted when needed, each cut to 80 characters.
    static func render(_ argv: [String]) -> String {
        argv.map { argument in
            var text = argument.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            if text.count > 80 || text.count != argument.count { text = String(text.prefix(77)) + "…" }
            let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@+,%{}".contains($0) }
            return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// "exited with status 1", "was killed by signal 9", ...
    static func describe(_ termination: ProcessTermination, timeout: Duration?) -> String {
        switch termination {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "was killed by signal \(signal)"
        case .timedOut: "did not finish within \(seconds(timeout)) and was killed"
        case .cancelled: "was cancelled"
        case .failedToStart(let reason): "could not start (\(reason))"
        }
    }

    /// The last `count` non-empty lines of `text`, joined by newlines and trimmed.
    static func lastLines(_ text: String, count: Int) -> String {
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        return lines.suffix(count).joined(separator: "\n").trimmingWhitespace()
    }

    static func seconds(_ duration: Duration?) -> String {
        guard let duration else { return "its time limit" }
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
