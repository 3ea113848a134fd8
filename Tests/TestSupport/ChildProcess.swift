import Foundation
import Synchronization

/// A child process for tests that need a real broker, agent or Python peer: captures its
/// output line by line and can be waited on or killed (SIGKILL included).
public final class ChildProcess: Sendable {
    private let process: Process
    private let output = LockedLines()
    private let endOfOutput = EndOfOutputFlag()
    public let name: String

    /// Starts `executable` with `arguments`; stdout and stderr are captured together.
    public init(_ name: String, executable: String, arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws {
        self.name = name
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
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

    public var pid: Int32 { process.processIdentifier }
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

    public func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
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
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
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
