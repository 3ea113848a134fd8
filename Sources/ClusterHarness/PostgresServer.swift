import Foundation

/// A throwaway PostgreSQL server for the tests and benchmarks that need the journal's
/// PostgreSQL backend: a fresh cluster made by `initdb` in a scratch folder, listening on
/// a free loopback port and on a unix socket in that folder, with one password user.
///
/// ```swift
/// let server = try await PostgresServer.start()
/// let url = try await server.createDatabase("journal_test")   // postgres://cluster@127.0.0.1:PORT/journal_test
/// // ... connect with `server.password` ...
/// await server.stop()
/// ```
///
/// PostgreSQL refuses to run as root, so under root `initdb` and `postgres` run as the
/// unprivileged user `cluster-pg` (scripts/setup.sh creates it) through `setpriv`. The
/// server runs in the foreground as a ``ChildProcess`` (not daemonised by `pg_ctl`), so
/// the child guard ends it with the test run or benchmark even when that crashes; ``stop()``
/// asks for a fast shutdown and removes the folder.
public final class PostgresServer: Sendable {
    /// The TCP port on ``listenAddress``.
    public let port: Int
    /// The address the server listens on (loopback unless asked otherwise).
    public let listenAddress: String
    /// The superuser the cluster was made with.
    public let user: String
    /// That user's password (scram-sha-256 on every connection, TCP and unix socket alike).
    public let password: String
    /// The scratch folder: `data/` (the cluster), the unix socket, the password file.
    public let folder: URL
    private let binaries: PostgresBinaries
    private let process: ChildProcess

    /// The user the server runs as when this process is root.
    public static let unprivilegedUser = "cluster-pg"

    private init(port: Int, listenAddress: String, user: String, password: String, folder: URL, binaries: PostgresBinaries, process: ChildProcess) {
        self.port = port
        self.listenAddress = listenAddress
        self.user = user
        self.password = password
        self.folder = folder
        self.binaries = binaries
        self.process = process
    }

    /// Makes a new cluster in a scratch folder and starts a server on it; returns once it
    /// accepts connections.
    ///
    /// - Parameters:
    ///   - label: names the scratch folder.
    ///   - listenAddress: the TCP address to listen on.
    ///   - settings: extra server settings (`-c name=value`), e.g. `["max_connections": "50"]`.
    /// - Throws: ``PostgresServerError`` naming what failed, with the tool's output.
    public static func start(
        label: String = "postgres", listenAddress: String = "127.0.0.1", settings: [String: String] = [:]
    ) async throws -> PostgresServer {
        guard let binaries = PostgresBinaries.find() else { throw PostgresServerError.notInstalled }
        let owner = try ServerOwner.current()
        let folder = try ScratchDirectory.make(label)
        let user = "cluster"
        let password = UUID().uuidString
        let passwordFile = folder.appendingPathComponent("password")
        try Data((password + "\n").utf8).write(to: passwordFile)
        try owner.take(folder)
        try owner.take(passwordFile)
        let data = folder.appendingPathComponent("data")
        let initdbCommand = owner.command(binaries.path("initdb"), [
            "-D", data.path, "-U", user, "--auth=scram-sha-256", "--pwfile=\(passwordFile.path)",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        ])
        let initdb = try await runCommand(initdbCommand.executable, initdbCommand.arguments, timeout: .seconds(120))
        guard initdb.status == 0 else { throw PostgresServerError.initdbFailed(output: initdb.output) }

        let port = try FreePort.next()
        var arguments = [
            "-D", data.path, "-p", String(port), "-k", folder.path,
            "-c", "listen_addresses=\(listenAddress)",
        ]
        for (name, value) in settings.sorted(by: { $0.key < $1.key }) { arguments += ["-c", "\(name)=\(value)"] }
        let launch = owner.command(binaries.path("postgres"), arguments)
        let process = try ChildProcess("postgres", executable: launch.executable, arguments: launch.arguments)
        let server = PostgresServer(
            port: port, listenAddress: listenAddress, user: user, password: password, folder: folder,
            binaries: binaries, process: process)
        guard await process.waitForLine(containing: "ready to accept connections", timeout: .seconds(60)) != nil else {
            await server.stop()
            throw PostgresServerError.didNotStart(output: process.text)
        }
        return server
    }

    /// `postgres://USER@ADDRESS:PORT/DATABASE`, without the password (pass ``password``
    /// apart, as the journal's configuration does).
    public func url(database: String = "postgres") -> String {
        "postgres://\(user)@\(listenAddress):\(port)/\(database)"
    }

    /// Creates an empty database and returns its ``url(database:)``.
    public func createDatabase(_ name: String) async throws -> String {
        let result = try await runCommand(
            "/usr/bin/env",
            ["PGPASSWORD=\(password)", binaries.path("createdb"), "-h", folder.path, "-p", String(port), "-U", user, name],
            timeout: .seconds(60))
        guard result.status == 0 else { throw PostgresServerError.commandFailed(what: "createdb \(name)", output: result.output) }
        return url(database: name)
    }

    /// Runs one SQL command with `psql` as the superuser; returns what it printed
    /// (unaligned, tuples only). For tests that look at or change the tables behind the
    /// broker's back.
    public func sql(_ command: String, database: String = "postgres") async throws -> String {
        let result = try await runCommand(
            "/usr/bin/env",
            [
                "PGPASSWORD=\(password)", binaries.path("psql"), "-h", folder.path, "-p", String(port), "-U", user,
                "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", command,
            ],
            timeout: .seconds(60))
        guard result.status == 0 else { throw PostgresServerError.commandFailed(what: "psql -c \(command)", output: result.output) }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the server process is still running.
    public var isRunning: Bool { process.isRunning }

    /// The server's own output so far (its log).
    public var log: String { process.text }

    /// Ends the server at once, as a crash would (SIGKILL); the folder stays until ``stop()``.
    public func kill() async {
        process.signal(SIGKILL)
        await process.waitForExit(timeout: .seconds(10))
    }

    /// Stops the server (a fast shutdown: sessions are ended, what they committed is kept)
    /// and removes its folder. Safe to call twice.
    public func stop() async {
        if process.isRunning {
            process.signal(SIGINT)
            if await process.waitForExit(timeout: .seconds(20)) == nil {
                process.signal(SIGKILL)
                await process.waitForExit(timeout: .seconds(5))
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Why a throwaway PostgreSQL server could not be had.
public enum PostgresServerError: Error, CustomStringConvertible, Sendable {
    /// No `initdb`/`postgres` on PATH or in `/usr/lib/postgresql/*/bin`.
    case notInstalled
    /// Running as root, and the unprivileged user to run the server as does not exist.
    case noUnprivilegedUser(String)
    case initdbFailed(output: String)
    case didNotStart(output: String)
    case commandFailed(what: String, output: String)

    public var description: String {
        switch self {
        case .notInstalled:
            "PostgreSQL is not installed (no initdb and postgres on PATH or in /usr/lib/postgresql/*/bin); run scripts/setup.sh"
        case .noUnprivilegedUser(let name):
            "PostgreSQL does not run as root and there is no user \(name) to run it as; run scripts/setup.sh"
        case .initdbFailed(let output):
            "initdb failed:\n\(output)"
        case .didNotStart(let output):
            "the PostgreSQL server did not start:\n\(output)"
        case .commandFailed(let what, let output):
            "\(what) failed:\n\(output)"
        }
    }
}

/// Where PostgreSQL's server programs are: a folder holding `initdb`, `postgres`, `psql`
/// and `createdb`.
public struct PostgresBinaries: Sendable {
    /// The folder.
    public let folder: URL

    /// The folder on PATH that has `initdb` and `postgres` (following links, so a link in
    /// /usr/local/bin finds Debian's folder with the client programs too), else the newest
    /// `/usr/lib/postgresql/<version>/bin`; nil when neither exists.
    public static func find() -> PostgresBinaries? {
        let manager = FileManager.default
        func complete(_ folder: URL) -> Bool {
            ["initdb", "postgres", "psql", "createdb"].allSatisfy { manager.isExecutableFile(atPath: folder.appendingPathComponent($0).path) }
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for entry in path.split(separator: ":") {
            let initdb = URL(fileURLWithPath: String(entry)).appendingPathComponent("initdb")
            guard manager.isExecutableFile(atPath: initdb.path) else { continue }
            let folder = initdb.resolvingSymlinksInPath().deletingLastPathComponent()
            if complete(folder) { return PostgresBinaries(folder: folder) }
        }
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? manager.contentsOfDirectory(atPath: root.path)) ?? [])
            .compactMap { name in Int(name).map { (version: $0, name: name) } }
            .sorted { $0.version > $1.version }
        for version in versions {
            let folder = root.appendingPathComponent(version.name).appendingPathComponent("bin")
            if complete(folder) { return PostgresBinaries(folder: folder) }
        }
        return nil
    }

    /// Whether a throwaway server can be started here; nil when it can, else why not (one
    /// line, for a skipped test).
    public static var unavailableReason: String? {
        guard find() != nil else { return PostgresServerError.notInstalled.description }
        if getuid() == 0, getpwnam(PostgresServer.unprivilegedUser) == nil {
            return PostgresServerError.noUnprivilegedUser(PostgresServer.unprivilegedUser).description
        }
        return nil
    }

    /// The path of one of its programs (`psql`, `pg_dump`, ...).
    public func path(_ program: String) -> String {
        folder.appendingPathComponent(program).path
    }
}

/// Who runs the server's programs: this process's user, or under root the unprivileged
/// user, reached with `setpriv`.
private struct ServerOwner {
    /// nil: run as this process's user.
    var account: (uid: uid_t, gid: gid_t)?

    static func current() throws -> ServerOwner {
        guard getuid() == 0 else { return ServerOwner(account: nil) }
        guard let entry = getpwnam(PostgresServer.unprivilegedUser) else {
            throw PostgresServerError.noUnprivilegedUser(PostgresServer.unprivilegedUser)
        }
        return ServerOwner(account: (entry.pointee.pw_uid, entry.pointee.pw_gid))
    }

    /// Hands a file or folder to the server's user.
    func take(_ url: URL) throws {
        if let account {
            guard chown(url.path, account.uid, account.gid) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
            }
        }
        let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
        chmod(url.path, isFolder ? 0o700 : 0o600)
    }

    /// The command line that runs `program` as the server's user.
    func command(_ program: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        guard let account else { return (program, arguments) }
        return ("/usr/bin/setpriv", ["--reuid=\(account.uid)", "--regid=\(account.gid)", "--clear-groups", "--", program] + arguments)
    }
}
