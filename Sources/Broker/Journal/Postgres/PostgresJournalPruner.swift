import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// Deletes finished tasks past the retention period from the PostgreSQL journal, as
/// ``JournalPruner`` does for SQLite: small transactions on a connection of its own (opened
/// for each pass), never an unfinished task nor the parent an unfinished follow-up names.
/// Progress, transcripts, results and attempts go with their task (`ON DELETE CASCADE`).
final class PostgresJournalPruner: JournalPruning {
    let settings: PostgresJournalSettings
    /// Tasks deleted per transaction (at least 1).
    let batchSize: Int
    private let logger: Logger

    init(settings: PostgresJournalSettings, batchSize: Int = 500, logger: Logger = Logger(label: "cluster.journal.postgres")) {
        self.settings = settings
        self.batchSize = max(1, batchSize)
        self.logger = logger
    }

    func prune(finishedBefore cutoff: Date) async throws(JournalError) -> JournalPruneReport {
        let clock = ContinuousClock()
        let started = clock.now
        let location = settings.url.description
        let limit = batchSize
        do {
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try PostgresJournal.configuration(settings),
                id: 2, logger: logger)
            do {
                let report = try await deleteBatches(cutoff: cutoff, limit: limit, on: connection)
                try? await connection.close()
                return JournalPruneReport(removedTasks: report.removed, batches: report.batches, duration: clock.now - started)
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw JournalError.wrappingPostgres(error, location: location) {
                .commitFailed(path: location, writeCount: limit, reason: "pruning: \($0)")
            }
        }
    }

    private func deleteBatches(cutoff: Date, limit: Int, on connection: PostgresConnection) async throws -> (removed: Int, batches: Int) {
        var removed = 0
        var batches = 0
        while true {
            var count = 0
            for try await _ in try await connection.query("""
                DELETE FROM tasks WHERE id IN (
                    SELECT id FROM tasks
                    WHERE terminal AND updated_at < \(cutoff.journalSeconds)
                      AND id NOT IN (
                          SELECT record::json -> 'spec' ->> 'parent' FROM tasks
                          WHERE NOT terminal AND record::json -> 'spec' ->> 'parent' IS NOT NULL)
                    ORDER BY updated_at LIMIT \(limit))
                RETURNING 1
                """, logger: logger)
            {
                count += 1
            }
            guard count > 0 else { return (removed, batches) }
            removed += count
            batches += 1
        }
    }
}
