import Broker
import Foundation
import Wire

/// What `claude-cluster journal stats` and `journal backup` do, on the journal file of a
/// data directory: readable while the broker runs.
public enum JournalReport {
    /// `<data dir>/journal.sqlite`.
    public static func path(dataDirectory: String) -> String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("journal.sqlite").path
    }

    /// The journal's figures as lines for a terminal, or as JSON.
    public static func stats(path: String, json: Bool) throws -> String {
        let stats = try JournalMaintenance(path: path).stats()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            return String(decoding: try encoder.encode(stats), as: UTF8.self)
        }
        func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        func date(_ value: Date?) -> String { value.map { JSONWire.formatDate($0) } ?? "-" }
        return """
            journal           \(path)
            tasks             \(GroupedNumberText.text(stats.tasks)) (\(GroupedNumberText.text(stats.unfinishedTasks)) unfinished)
            progress lines    \(GroupedNumberText.text(stats.progressLines))
            transcripts       \(GroupedNumberText.text(stats.transcripts)) (\(mb(stats.transcriptBytes)) of text)
            results           \(GroupedNumberText.text(stats.results))
            attempts          \(GroupedNumberText.text(stats.attempts))
            file size         \(mb(stats.fileBytes)) (\(mb(stats.freeBytes)) free inside), write-ahead log \(mb(stats.walBytes))
            oldest task       \(date(stats.oldestTask))
            oldest unfinished \(date(stats.oldestUnfinishedTask))
            """
    }

    /// Copies the journal to `destination` with SQLite's online backup.
    public static func backup(path: String, to destination: String) throws {
        try JournalMaintenance(path: path).backup(to: destination)
    }
}
