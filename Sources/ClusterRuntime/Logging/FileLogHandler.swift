import Foundation
import Logging
import Synchronization
import Wire

/// A swift-log handler that appends one line per message to a file
/// (`2026-11-25T10:00:00.123Z info [CC01] message key=value`).
///
/// swift-log ships no file handler; this one is deliberately small: one shared file
/// handle per path, writes under a lock, no rotation (use logrotate with copytruncate).
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: FileLogSink

    /// A handler writing to `path`, creating the file and its folder as needed.
    public init(label: String, path: String) throws {
        self.label = label
        self.sink = try FileLogSink.shared(path: path)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // The bus's own date writer: same text, a fraction of Foundation's format-style cost
        // (the broker logs a couple of lines per task).
        let time = JSONWire.formatDate(Date())
        sink.write("\(time) \(event.level) [\(label)] \(event.message)\(fields.isEmpty ? "" : " " + fields)\n")
    }
}

/// One open log file, shared by every handler writing to the same path.
final class FileLogSink: Sendable {
    private static let open = Mutex<[String: FileLogSink]>([:])
    private let handle: Mutex<FileHandle>

    private init(handle: FileHandle) {
        self.handle = Mutex(handle)
    }

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
            let sink = FileLogSink(handle: handle)
            open[path] = sink
            return sink
        }
    }

    func write(_ line: String) {
        handle.withLock { $0.write(Data(line.utf8)) }
    }
}
