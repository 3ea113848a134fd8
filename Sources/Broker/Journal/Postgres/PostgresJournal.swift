import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Wire

/// The task journal in a PostgreSQL database, which several brokers may share (one of them
/// active): the same tables and rules as the SQLite ``TaskJournal``, reached through one
/// postgres-nio connection.
///
/// ```swift
/// let journal = try PostgresJournal(settings: settings, fence: JournalFence(holder: "broker-a", epoch: 7))
/// try journal.commit(writes)   // one transaction, durable when this returns
/// ```
///
/// Threading: not `Sendable`, like ``TaskJournal``: it belongs to the broker's socket
/// thread, which makes every call and is blocked until the server answers
/// (``BlockingWait``); the connection itself lives on an event loop of NIO's shared group.
/// One connection is enough: the broker thread asks one thing at a time.
///
/// Durability: ``commit(_:)`` returns after the server's COMMIT, which waits for the
/// transaction's WAL to reach the disk (`synchronous_commit = on`, the server default;
/// a server set to `off` or `local` weakens this, see docs/OPERATIONS.md). Every commit runs
/// the ``fence`` first, when there is one.
///
/// A request that fails or finds no answer within ``PostgresJournalSettings/requestTimeout``
/// throws; the broker then stops, as it does when SQLite fails, and a restart (or a
/// standby) replays the journal.
final class PostgresJournal {
    /// The URL, without the password: what logs and errors name.
    let location: String
    let settings: PostgresJournalSettings
    /// Only ``JournalOptions/progressLimit`` and ``JournalOptions/transcriptByteLimit`` apply.
    let options: JournalOptions
    /// What every commit proves before it writes; nil for a journal only one broker uses
    /// (the migration tool, the benchmark, tests). A takeover sets the new epoch here.
    var fence: JournalFence?
    let coding = JournalCoding()
    private var connection: PostgresConnection?
    private let logger: Logger

    /// Connects, and creates or upgrades the schema (the leadership tables included).
    ///
    /// - Throws: ``JournalError/cannotOpen(path:reason:)`` when the server cannot be reached
    ///   or refuses the login, ``JournalError/newerSchema(path:unknownMigrations:)``,
    ///   ``JournalError/migrationFailed(path:reason:)``.
    init(
        settings: PostgresJournalSettings, options: JournalOptions = JournalOptions(), fence: JournalFence? = nil,
        logger: Logger = Logger(label: "cluster.journal.postgres")
    ) throws(JournalError) {
        self.settings = settings
        self.location = settings.url.description
        self.options = JournalOptions(
            progressLimit: options.progressLimit, transcriptByteLimit: options.transcriptByteLimit,
            busyTimeout: options.busyTimeout)
        self.fence = fence
        self.logger = logger
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try Self.configuration(settings)
        } catch {
            throw .cannotOpen(path: location, reason: "TLS could not be set up: \(JournalError.postgresReason(error))")
        }
        let location = self.location
        let connection: PostgresConnection
        do {
            connection = try BlockingWait.run(timeout: settings.connectTimeout + settings.requestTimeout) {
                try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger)
            }
        } catch {
            throw .cannotOpen(path: location, reason: JournalError.postgresReason(error))
        }
        do {
            try BlockingWait.run(timeout: settings.requestTimeout) {
                try await PostgresJournalSchema.migrate(connection, location: location, logger: logger)
            }
        } catch {
            Self.close(connection)
            throw JournalError.wrappingPostgres(error, location: location) { .migrationFailed(path: location, reason: $0) }
        }
        self.connection = connection
    }

    /// The connection settings, TLS included.
    static func configuration(_ settings: PostgresJournalSettings) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch settings.url.tlsMode {
        case .disable:
            tls = .disable
        case .require:
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            tlsConfiguration.certificateVerification = .none
            tls = .require(try NIOSSLContext(configuration: tlsConfiguration))
        case .verifyFull:
            tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: settings.url.host, port: settings.url.port, username: settings.url.user,
            password: settings.password?.value, database: settings.url.database, tls: tls)
        let timeout = settings.connectTimeout.components
        configuration.options.connectTimeout = .nanoseconds(timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000)
        configuration.options.additionalStartupParameters = [("application_name", "claude-cluster broker")]
        return configuration
    }

    /// Closes the connection; later calls throw ``JournalError/closed(path:)``. Closing
    /// twice is harmless.
    func close() throws(JournalError) {
        guard let connection else { return }
        self.connection = nil
        Self.close(connection)
    }

    private static func close(_ connection: PostgresConnection) {
        _ = try? BlockingWait.run(timeout: .seconds(5)) { try await connection.close() }
    }

    /// Applies `writes` in order in one transaction, after proving the ``fence``.
    ///
    /// - Throws: ``JournalError/deposed(location:holder:epoch:)`` when the fence no longer
    ///   holds, ``JournalError/duplicateIdempotencyKey(path:key:taskID:existingTaskID:)``,
    ///   ``JournalError/commitFailed(path:writeCount:reason:)``; the batch is rolled back.
    @discardableResult
    func commit(_ writes: [JournalWrite]) throws(JournalError) -> JournalCommitSummary {
        let connection = try openConnection()
        guard !writes.isEmpty else { return JournalCommitSummary() }
        let batch = PostgresBatchCommit(
            writes: writes, fence: fence, location: location, progressLimit: options.progressLimit,
            transcriptByteLimit: options.transcriptByteLimit)
        let logger = logger
        do {
            return try BlockingWait.run(timeout: settings.requestTimeout) {
                try await batch.run(on: connection, logger: logger)
            }
        } catch {
            throw JournalError.wrappingPostgres(error, location: location) {
                .commitFailed(path: location, writeCount: writes.count, reason: $0)
            }
        }
    }

    /// Runs a read on the connection, turning any failure into a ``JournalError`` that names `what`.
    func read<T: Sendable>(
        _ what: @autoclosure () -> String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) throws(JournalError) -> T {
        let connection = try openConnection()
        let logger = logger
        do {
            return try BlockingWait.run(timeout: settings.requestTimeout) { try await body(connection, logger) }
        } catch {
            throw JournalError.wrappingPostgres(error, location: location) {
                .readFailed(path: location, what: what(), reason: $0)
            }
        }
    }

    private func openConnection() throws(JournalError) -> PostgresConnection {
        guard let connection else { throw .closed(path: location) }
        return connection
    }
}

@available(*, unavailable, message: "PostgresJournal belongs to the broker's socket thread")
extension PostgresJournal: Sendable {}
