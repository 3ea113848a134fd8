import Foundation
import Subprocess
import Synchronization
import SystemPackage

/// How a child process ended, from the agent's side.
enum ProcessTermination: Sendable, Hashable {
    case exited(Int32)
    case signaled(Int32)
    /// The deadline passed and the process group was killed.
    case timedOut
    /// The calling Swift task was cancelled and the process group was killed.
    case cancelled
    /// The process never started; the text says why.
    case failedToStart(String)
}

/// One child process in its own session, so a deadline or cancellation can kill its whole tree.
///
/// Every child the agent starts (runner, git, pull-request command, hooks) goes through
/// here: a new session (`setsid`) makes the child lead its own process group; cancellation
/// of the calling task makes Subprocess send SIGTERM to that group and SIGKILL after the
/// grace period; and afterwards `ProcessGroupReaper` clears whatever is left of the group.
/// The child runs under `cluster-child-guard` (when installed), which kills that group
/// when this process dies, however it dies.
struct SupervisedProcess: Sendable {
    /// A name looked up on PATH, or a path containing `/`.
    var executable: String
    var arguments: [String] = []
    var workingDirectory: URL?
    /// Added to (and overriding) the agent's own environment.
    var environment: [String: String] = [:]
    var identity: RunnerIdentity?
    /// A file whose contents become standard input; nil for `/dev/null`.
    var standardInput: URL?
    var timeout: Duration?
    var killGrace: Duration = .seconds(5)
    /// Called with the process group's id as soon as the process runs.
    var onStart: (@Sendable (Int32) -> Void)?

    typealias Running = Execution<FileDescriptorInput, SequenceOutput, SequenceOutput>

    /// How the process ended and what the body returned while it ran.
    struct Outcome<Value: Sendable>: Sendable {
        var termination: ProcessTermination
        var value: Value?
    }

    /// Starts the process, runs `body` with its output streams, and returns once the process
    /// and every member of its group are gone. `body` must read both streams to the end.
    func run<Value: Sendable>(_ body: @escaping @Sendable (Running) async -> Value) async -> Outcome<Value> {
        let watch = GroupWatch()
        let spawned = await withTaskGroup(of: Race<Value>.self) { group -> Spawned<Value> in
            group.addTask { .finished(await self.spawn(watch: watch, body: body)) }
            if let timeout {
                group.addTask {
                    do {
                        try await Task.sleep(for: timeout)
                        return .deadline
                    } catch {
                        return .deadlineCancelled
                    }
                }
            }
            var finished: Spawned<Value> = .failed("the process was never started")
            while let next = await group.next() {
                switch next {
                case .finished(let result):
                    finished = result
                    group.cancelAll()
                case .deadline:
                    watch.markTimedOut()
                    group.cancelAll()
                case .deadlineCancelled:
                    continue
                }
            }
            return finished
        }
        let cancelled = Task.isCancelled
        if let processGroup = watch.processGroup {
            await ProcessGroupReaper.stop(group: processGroup, grace: killGrace)
        }
        switch spawned {
        case .failed(let reason):
            return Outcome(termination: cancelled ? .cancelled : .failedToStart(reason), value: nil)
        case .ran(let status, let value):
            let termination: ProcessTermination
            if watch.timedOut {
                termination = .timedOut
            } else if cancelled {
                termination = .cancelled
            } else {
                switch status {
                case .exited(let code): termination = .exited(code)
                case .signaled(let signal): termination = .signaled(signal)
                }
            }
            return Outcome(termination: termination, value: value)
        }
    }

    private func spawn<Value: Sendable>(
        watch: GroupWatch,
        body: @escaping @Sendable (Running) async -> Value
    ) async -> Spawned<Value> {
        let input: FileDescriptor
        do {
            input = try FileDescriptor.open(
                FilePath(standardInput?.path ?? "/dev/null"), .readOnly, options: .closeOnExec)
        } catch {
            return .failed("cannot open \(standardInput?.path ?? "/dev/null") for standard input: \(error)")
        }
        defer { try? input.close() }
        guard let located = locatedExecutable() else {
            return .failed("`\(executable)` was not found or is not executable")
        }
        var argv = [located] + arguments
        if let guardPath = ChildGuard.path {
            argv = ChildGuard.wrap(argv, guardPath: guardPath, grace: min(killGrace, ChildGuard.orphanGrace))
        }
        let configuration = Configuration(
            executable: .path(FilePath(argv[0])),
            arguments: Arguments(Array(argv.dropFirst())),
            environment: mergedEnvironment(),
            workingDirectory: workingDirectory.map { FilePath($0.path) },
            platformOptions: platformOptions()
        )
        do {
            let result = try await Subprocess.run(
                configuration,
                input: .fileDescriptor(input, closeAfterSpawningProcess: false),
                output: .sequence,
                error: .sequence
            ) { execution in
                watch.record(processGroup: execution.processIdentifier.value)
                onStart?(execution.processIdentifier.value)
                return await body(execution)
            }
            return .ran(result.terminationStatus, result.closureResult)
        } catch let error as SubprocessError {
            if error.code == .executableNotFound {
                return .failed("`\(executable)` was not found or is not executable")
            }
            return .failed(error.description)
        } catch {
            return .failed(String(describing: error))
        }
    }

    /// The executable's path: a bare name looked up on the child's PATH, a relative path
    /// taken from the working directory; nil when nothing executable is there.
    private func locatedExecutable() -> String? {
        if executable.contains("/"), !executable.hasPrefix("/"), let workingDirectory {
            return ExecutableLocator.locate(workingDirectory.appendingPathComponent(executable).path, path: nil)
        }
        let path = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]
        return ExecutableLocator.locate(executable, path: path)
    }

    private func platformOptions() -> PlatformOptions {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: killGrace)]
        if let identity {
            options.userID = identity.uid
            options.groupID = identity.gid
            options.supplementaryGroups = identity.groups
        }
        return options
    }

    private func mergedEnvironment() -> Subprocess.Environment {
        var updates: [Subprocess.Environment.Key: String?] = [:]
        if let identity {
            // Claude Code keeps its settings and credentials under $HOME.
            for (name, value) in ["HOME": identity.home, "USER": identity.name, "LOGNAME": identity.name] {
                if let key = Subprocess.Environment.Key(rawValue: name) { updates[key] = value }
            }
        }
        for (name, value) in environment {
            if let key = Subprocess.Environment.Key(rawValue: name) { updates[key] = value }
        }
        return .inherit.updating(updates)
    }
}

/// What the spawning child task reports.
private enum Spawned<Value: Sendable>: Sendable {
    case ran(TerminationStatus, Value)
    case failed(String)
}

/// The race between the process and its deadline.
private enum Race<Value: Sendable>: Sendable {
    case finished(Spawned<Value>)
    case deadline
    case deadlineCancelled
}

/// The process group of a running child and whether its deadline passed, shared between tasks.
private final class GroupWatch: Sendable {
    private let state = Mutex<(processGroup: Int32?, timedOut: Bool)>((nil, false))

    func record(processGroup: Int32) { state.withLock { $0.processGroup = processGroup } }
    func markTimedOut() { state.withLock { $0.timedOut = true } }
    var processGroup: Int32? { state.withLock { $0.processGroup } }
    var timedOut: Bool { state.withLock { $0.timedOut } }
}
