import Foundation
import Synchronization

/// A child process for tests that need a real broker, agent or Python peer: captures its
/// output line by line and can be waited on or killed (SIGKILL included).
///
/// It runs under `cluster-child-guard` when that is built beside the running executable,
/// so it dies with the test run or benchmark even when that crashes or is killed.
public final class ChildProcess: Sendable {
    private let process: Process
    /// True when `process` is the guard, leading a process group with the program in it.
    private let guarded: Bool
    private let programPID = Mutex<Int32?>(nil)
    private let output = LockedLines()
    private let endOfOutput = EndOfOutputFlag()
    public let name: String

    /// Starts `executable` with `arguments`; stdout and stderr are captured together.
    public init(_ name: String, executable: String, arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws {
        self.name = name
        let process = Process()
        if let guardPath = Self.guardPath {
            process.executableURL = URL(fileURLWithPath: guardPath)
            process.arguments = ["--parent", String(getpid()), "--grace-ms", "1000", "--", executable] + arguments
            guarded = true
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            guarded = false
        }
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        process.environment = merged
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        self.process = process
        try process.run()
        Self.readLines(from: pipe.fileHandleForReading, into: output, name: name, ending: endOfOutput)
    }

    /// Reads the child's output on a thread of its own with blocking reads, until the end.
    ///
    /// Not `readabilityHandler`: on Linux it arms a libdispatch read source, and setting up
    /// and tearing down many of them (the fault suite starts and kills a worker every
    /// second or so) can crash the process in `_dispatch_event_loop_drain`
    /// (swift-corelibs-libdispatch issue 949). A blocking read registers nothing.
    private static func readLines(from handle: FileHandle, into output: LockedLines, name: String, ending: EndOfOutputFlag) {
        let thread = Thread {
            let buffer = LineBuffer()
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                let lines = buffer.append(Data(chunk[..<count]))
                if !lines.isEmpty { output.append(lines) }
            }
            if let last = buffer.finish() { output.append([last]) }
            try? handle.close()
            ending.set()
        }
        thread.name = "output of \(name)"
        thread.start()
    }

    /// `cluster-child-guard` beside this executable, if built.
    private static let guardPath: String? = {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let path = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("cluster-child-guard").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    /// The program's own pid (not its guard's); 0 once it has ended before it was asked.
    public var pid: Int32 {
        guard guarded else { return process.processIdentifier }
        if let known = programPID.withLock({ $0 }) { return known }
        let guardPID = process.processIdentifier
        // The guard forks the program at once; wait for the fork to show in /proc.
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            let path = "/proc/\(guardPID)/task/\(guardPID)/children"
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let child = text.split(separator: " ").first.flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
            {
                programPID.withLock { $0 = child }
                return child
            }
            if !process.isRunning { return 0 }
            usleep(2_000)
        }
        return 0
    }
    public var isRunning: Bool { process.isRunning }
    public var lines: [String] { output.all }
    public var text: String { lines.joined(separator: "\n") }

    /// Waits until a line contains `fragment`; returns that line, or nil on timeout.
    public func waitForLine(containing fragment: String, timeout: Duration = .seconds(30)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = lines.first(where: { $0.contains(fragment) }) { return line }
            if !process.isRunning, let line = lines.first(where: { $0.contains(fragment) }) { return line }
            if !process.isRunning { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Sends `signal` to the program. Its guard passes catchable signals on; SIGKILL, SIGSTOP
    /// and SIGCONT, which it cannot catch, go to the program's whole process group.
    public func signal(_ signal: Int32) {
        guard process.isRunning else { return }
        // Right after the start the guard may not lead its group yet: then signal it alone.
        if guarded, [SIGKILL, SIGSTOP, SIGCONT].contains(signal), kill(-process.processIdentifier, signal) == 0 {
            return
        } else {
            kill(process.processIdentifier, signal)
        }
    }

    /// Waits for the process to end and its output to be read to the end; returns its
    /// exit status, or nil on timeout.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        // The pipe can still hold the last output after the exit; a child that left a
        // grandchild holding the pipe gets a short grace only.
        let outputDeadline = min(deadline, ContinuousClock.now + .seconds(10))
        while !endOfOutput.isSet, ContinuousClock.now < outputDeadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return process.terminationStatus
    }

    /// SIGTERM, then SIGKILL if it has not ended within `grace`.
    public func stop(grace: Duration = .seconds(10)) async {
        signal(SIGTERM)
        if await waitForExit(timeout: grace) == nil {
            signal(SIGKILL)
            await waitForExit(timeout: .seconds(5))
        }
    }

    deinit {
        if process.isRunning { kill(guarded ? -process.processIdentifier : process.processIdentifier, SIGKILL) }
    }
}

/// Set once the pipe's reader has seen the end of the output.
private final class EndOfOutputFlag: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}

/// Captured output lines, shared with the pipe's reader.
private final class LockedLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ more: [String]) { lines.withLock { $0.append(contentsOf: more) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Splits a byte stream into lines.
private final class LineBuffer: Sendable {
    private let pending = Mutex<[UInt8]>([])

    /// The unterminated last line, if any.
    func finish() -> String? {
        pending.withLock { pending in
            defer { pending.removeAll() }
            return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
        }
    }

    func append(_ data: Data) -> [String] {
        pending.withLock { pending in
            pending.append(contentsOf: data)
            var lines: [String] = []
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
            return lines
        }
    }
}
