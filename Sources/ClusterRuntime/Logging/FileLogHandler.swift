import Foundation
import Logging
import Synchronization
import Wire

/// A swift-log handler that appends one line per message to a file
/// (`2026-11-25T10:00:00.123Z info [CC01] message key=value`).
///
/// swift-log ships no file handler; this one is deliberately small: one shared file
/// handle per path, no rotation (use logrotate with copytruncate). Lines are gathered and
/// written together (``FileLogSink``), so a busy broker does not make a system call per line.
struct FileLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: FileLogSink

    /// A handler writing to `path`, creating the file and its folder as needed.
    init(label: String, path: String) throws {
        self.label = label
        self.sink = try FileLogSink.shared(path: path)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // The bus's own date writer: same text, a fraction of Foundation's format-style cost
        // (the broker logs a couple of lines per task).
        let time = JSONWire.formatDate(Date())
        sink.write(
            "\(time) \(event.level) [\(label)] \(event.message)\(fields.isEmpty ? "" : " " + fields)\n",
            now: event.level >= .warning)
    }
}

