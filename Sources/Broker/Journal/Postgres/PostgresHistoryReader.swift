import Logging
import NIOPosix
import PostgresNIO
import Wire

/// Answers `mmi.stats.history` from the PostgreSQL journal off the broker's thread (the
/// scan reads every task that ended in the stretch).
///
/// Each question gets a connection of its own, closed when answered: the console asks
/// every few seconds at most, a connection costs a few milliseconds, and a reader that
/// holds none has nothing to leak when its broker stops.
struct PostgresHistoryReader: JournalHistorySource {
    let settings: PostgresJournalSettings
    let location: String

    func answer(_ query: BrokerQuery) async -> BrokerAction {
        guard case let .history(minutes, until) = query.request else {
            return query.reply(Result<TaskHistory, BusError>.failure(BusError(.badRequest, "not a history query")))
        }
        let logger = Logger(label: "cluster.journal.postgres.history")
        do {
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try PostgresJournal.configuration(settings),
                id: 2, logger: logger)
            let history: TaskHistory
            do {
                history = try await PostgresJournal.history(
                    TaskHistoryBuilder(minutes: minutes, until: until), on: connection, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
            return query.reply(Result<TaskHistory, BusError>.success(history))
        } catch {
            return query.reply(Result<TaskHistory, BusError>.failure(BusError(
                .unavailable, "the task journal at \(location) could not be read: \(JournalError.postgresReason(error))")))
        }
    }
}
