import Logging
import Synchronization

/// Every message and metadata value a logger was given, at every level, for tests that
/// check what reaches the logs (and what never may).
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger at trace level whose every line lands here.
    func logger(_ label: String = "captured") -> Logger {
        var logger = Logger(label: label) { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Each line as "message key=value ...".
    var all: [String] { lines.withLock { $0 } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let error = event.error.map { ["error=\(String(reflecting: $0))"] } ?? []
            log.append(([event.message.description] + merged.map { "\($0.key)=\($0.value)" } + error).joined(separator: " "))
        }
    }
}
