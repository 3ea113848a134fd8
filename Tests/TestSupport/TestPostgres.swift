import Foundation

/// One throwaway PostgreSQL server per test process (``PostgresServer``), started on first
/// use; each test takes a database of its own on it, so tests run in parallel without
/// seeing each other's rows and without paying for an `initdb` each.
///
/// ```swift
/// @Test(.enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)))
/// func storesOnPostgres() async throws {
///     let database = try await TestPostgres.freshDatabase()
///     // database.url, database.server.password
/// }
/// ```
///
/// The server ends with the test process: the child guard ends it when the process exits,
/// and its folder goes with the process's scratch folder. A test that must stop or kill the
/// server starts its own with ``PostgresServer/start(label:listenAddress:settings:)``.
public enum TestPostgres {
    /// Whether a throwaway server can be started on this machine.
    public static var isAvailable: Bool { PostgresBinaries.unavailableReason == nil }

    /// Why tests that need PostgreSQL are skipped, in one line.
    public static var skipReason: String {
        PostgresBinaries.unavailableReason ?? "PostgreSQL is available"
    }

    /// A database of its own on the shared server.
    public struct Database: Sendable {
        public let server: PostgresServer
        /// Its name.
        public let name: String
        /// `postgres://cluster@127.0.0.1:PORT/NAME`, without the password.
        public var url: String { server.url(database: name) }
        /// The password of the server's user.
        public var password: String { server.password }
    }

    /// Creates an empty database on the shared server, starting the server if this is the
    /// first.
    public static func freshDatabase(_ label: String = "test") async throws -> Database {
        let server = try await shared.server()
        let name = "\(label.lowercased().filter { $0.isLetter || $0.isNumber })_\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await server.createDatabase(name)
        return Database(server: server, name: name)
    }

    private static let shared = SharedServer()
}

/// Starts the shared server once, whoever asks first.
private actor SharedServer {
    private var starting: Task<PostgresServer, any Error>?

    func server() async throws -> PostgresServer {
        if let starting { return try await starting.value }
        let task = Task { try await PostgresServer.start(label: "postgres-shared") }
        starting = task
        return try await task.value
    }
}
