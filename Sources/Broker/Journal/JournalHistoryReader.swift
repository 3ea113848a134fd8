import Foundation
import GRDB
import Wire

/// Answers `mmi.stats.history` on a connection of its own, off the broker's thread: the
/// scan reads every task that ended in the stretch (0.65 s for 40,000 tasks in a loaded
/// debug build, docs/BENCHMARKS.md), which the broker thread must never wait for.
///
/// WAL lets it read while the broker writes; it sees what was committed when it starts.
final class JournalHistoryReader: Sendable {
    private let database: DatabaseQueue
    /// The SQLite file.
    let path: String

    /// Opens a read-only connection to the journal at `path` (which must exist).
    init(path: String) throws(JournalError) {
        self.path = path
        var configuration = Configuration()
        configuration.label = "JournalHistoryReader"
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw JournalError.wrapping(error, path: path) { .cannotOpen(path: path, reason: $0) }
        }
    }

    /// The reply to a `.history` query, or an `unavailable` failure when the journal
    /// cannot be read.
    func answer(_ query: BrokerQuery) -> BrokerAction {
        guard case let .history(minutes, until) = query.request else {
            return query.reply(Result<TaskHistory, BusError>.failure(BusError(.badRequest, "not a history query")))
        }
        do {
            let history = try database.read { db in try TaskJournal.history(in: db, minutes: minutes, until: until) }
            return query.reply(Result<TaskHistory, BusError>.success(history))
        } catch {
            return query.reply(Result<TaskHistory, BusError>.failure(
                BusError(.unavailable, "the task journal could not be read: \(error)")))
        }
    }
}
