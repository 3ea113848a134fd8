import Logging

/// Loggers for each role: to its log file under the data directory, and to standard
/// error at `consoleLevel` so `claude-cluster start` shows what matters.
public enum ClusterLogging {
    /// A logger that writes to `file` (all levels from `fileLevel`) and to stderr.
    public static func logger(label: String, file: String?, fileLevel: Logger.Level = .info, consoleLevel: Logger.Level = .notice) -> Logger {
        Logger(label: label) { label in
            var console = StreamLogHandler.standardError(label: label)
            console.logLevel = consoleLevel
            guard let file, var fileHandler = try? FileLogHandler(label: label, path: file) else {
                console.logLevel = min(consoleLevel, fileLevel)
                return console
            }
            fileHandler.logLevel = fileLevel
            // Each handler keeps its own level; the multiplexer passes a message to those
            // whose level admits it.
            return MultiplexLogHandler([console, fileHandler])
        }
    }
}
