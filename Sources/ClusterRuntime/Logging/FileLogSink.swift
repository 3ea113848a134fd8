import Dispatch
import Foundation
import Synchronization

/// One open log file, shared by every handler writing to the same path, that gathers
/// lines and writes them together.
///
/// A busy broker logs a couple of lines per task, and one `write` each is a visible share
/// of its thread (docs/BENCHMARKS.md). Lines wait at most ``delay`` in memory, or until
/// ``bufferLimit`` bytes have gathered, and go out in one `write`. A warning or worse is
/// written at once, with everything gathered before it, so a process that is failing
/// leaves its last words on disk. A normal exit writes what is left (`atexit`); a killed
/// process loses at most the last ``delay`` of info lines.
final class FileLogSink: Sendable {
    /// How long a line may wait for others.
    static let delay = DispatchTimeInterval.milliseconds(10)
    /// Gathered bytes that are written without waiting for the delay.
    static let bufferLimit = 64 << 10

    private static let open = Mutex<[String: FileLogSink]>([:])
    private static let flusher = DispatchQueue(label: "FileLogSink.flush")

    private struct Pending {
        let handle: FileHandle
        var bytes: [UInt8] = []
        /// Whether a delayed write is already on its way.
        var scheduled = false
    }

    private let pending: Mutex<Pending>

    private init(handle: FileHandle) {
        pending = Mutex(Pending(handle: handle))
    }

    /// The sink of `path`, opened (file and folder created as needed) on first use.
    static func shared(path: String) throws -> FileLogSink {
        try open.withLock { open in
            if let sink = open[path] { return sink }
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: url)
            handle.seekToEndOfFile()
            if open.isEmpty { atexit { FileLogSink.flushAll() } }
            let sink = FileLogSink(handle: handle)
            open[path] = sink
            return sink
        }
    }

    /// Adds `line`; writes it with everything gathered when `now` is true or the buffer
    /// is full, and otherwise within ``delay``.
    func write(_ line: String, now: Bool = false) {
        let schedule = pending.withLock { pending -> Bool in
            pending.bytes.append(contentsOf: line.utf8)
            if now || pending.bytes.count >= Self.bufferLimit {
                Self.writeOut(&pending)
                return false
            }
            guard !pending.scheduled else { return false }
            pending.scheduled = true
            return true
        }
        if schedule {
            Self.flusher.asyncAfter(deadline: .now() + Self.delay) { [self] in flush() }
        }
    }

    /// Writes everything gathered so far.
    func flush() {
        pending.withLock { pending in
            pending.scheduled = false
            Self.writeOut(&pending)
        }
    }

    /// Writes what every open sink has gathered (at exit, and for tests).
    static func flushAll() {
        for sink in open.withLock({ Array($0.values) }) { sink.flush() }
    }

    private static func writeOut(_ pending: inout Pending) {
        guard !pending.bytes.isEmpty else { return }
        pending.handle.write(Data(pending.bytes))
        pending.bytes.removeAll(keepingCapacity: pending.bytes.capacity <= bufferLimit * 2)
    }
}
