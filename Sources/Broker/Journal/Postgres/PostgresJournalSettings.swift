import Foundation

/// Where a broker's PostgreSQL journal is and how to reach it: `broker.journal.url`
/// (`postgres://user@host:port/db`) with the password kept apart.
///
/// ```swift
/// let url = try PostgresJournalURL(parsing: "postgres://cluster@db.internal:5432/cluster")
/// let settings = PostgresJournalSettings(url: url, password: JournalPassword(ProcessInfo.processInfo.environment["PGPASS"]!))
/// ```
public struct PostgresJournalSettings: Sendable {
    /// The server, user and database.
    public var url: PostgresJournalURL
    /// The user's password; nil when the server needs none (trust or peer authentication).
    public var password: JournalPassword?
    /// How long connecting may take before the broker gives up.
    public var connectTimeout: Duration = .seconds(10)
    /// How long one commit or read may take before the broker treats the database as lost
    /// and stops (a server that hangs, or a network that drops packets without a reset).
    public var requestTimeout: Duration = .seconds(30)

    public init(url: PostgresJournalURL, password: JournalPassword? = nil) {
        self.url = url
        self.password = password
    }
}

/// A `postgres://` URL naming the journal's database, without a password: a password in
/// the URL is refused, so that it never reaches a log, an error or a status page.
public struct PostgresJournalURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted (`?sslmode=`, as libpq spells it).
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP (the default; fine on loopback or a private link).
        case disable
        /// TLS, without checking the server's certificate.
        case require
        /// TLS, checking the certificate against the system's trusted roots and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var tlsMode: TLSMode

    /// Parses `postgres://USER@HOST[:PORT][/DATABASE][?sslmode=MODE]` (`postgresql://` too);
    /// the port defaults to 5432 and the database to the user's name, as libpq does.
    ///
    /// - Throws: ``PostgresJournalURLError`` saying what is wrong; never with the password.
    public init(parsing text: String) throws(PostgresJournalURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else { throw .notAPostgresURL }
        if components.password != nil { throw .passwordInURL }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else { throw .missingUser }
        guard let host = components.host, !host.isEmpty else { throw .missingHost }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { throw .badDatabase(path) }
        var tlsMode = TLSMode.disable
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw .unknownParameter(item.name) }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else { throw .badTLSMode(item.value ?? "") }
            tlsMode = mode
        }
        self.user = user
        // URLComponents keeps the brackets of an IPv6 literal; a socket address needs none.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        self.tlsMode = tlsMode
    }

    /// The URL as written back: never a password, since it has none.
    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let query = tlsMode == .disable ? "" : "?sslmode=\(tlsMode.rawValue)"
        return "postgres://\(user)@\(host):\(port)/\(database)\(query)"
    }
}

/// Why a `broker.journal.url` is not one the broker can use.
public enum PostgresJournalURLError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAPostgresURL
    case passwordInURL
    case missingUser
    case missingHost
    case badDatabase(String)
    case unknownParameter(String)
    case badTLSMode(String)

    public var description: String {
        switch self {
        case .notAPostgresURL:
            "the journal URL must look like postgres://USER@HOST:PORT/DATABASE"
        case .passwordInURL:
            "the journal URL holds a password; remove it from the URL and give it with password_env or password_file, "
                + "so it never appears in a log or a status page"
        case .missingUser:
            "the journal URL names no user: postgres://USER@HOST:PORT/DATABASE"
        case .missingHost:
            "the journal URL names no host: postgres://USER@HOST:PORT/DATABASE"
        case .badDatabase(let path):
            "the journal URL's path \"/\(path)\" is not a database name"
        case .unknownParameter(let name):
            "the journal URL has the parameter \"\(name)\"; only sslmode is understood"
        case .badTLSMode(let value):
            "sslmode \"\(value)\" is not one of "
                + PostgresJournalURL.TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
        }
    }
}

/// The journal database's password: printed, logged or dumped, it shows as hidden.
public struct JournalPassword: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The password itself, for the connection only.
    let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "<hidden>" }
    public var debugDescription: String { "<hidden>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
