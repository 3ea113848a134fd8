import Broker
import Foundation

/// Turns `broker.journal.url` and its password source into the broker's PostgreSQL
/// journal settings, reading the password from the environment or its file.
enum JournalDatabaseAssembly {
    /// The settings, or nil when the configuration keeps the SQLite journal.
    ///
    /// - Throws: ``JournalPasswordError`` when the password cannot be read; its message
    ///   never holds the password.
    static func settings(
        _ section: JournalSection, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PostgresJournalSettings? {
        guard let text = section.url else { return nil }
        let url = try PostgresJournalURL(parsing: text)
        var password: JournalPassword?
        if let name = section.passwordEnv {
            guard let value = environment[name], !value.isEmpty else { throw JournalPasswordError.unsetVariable(name) }
            password = JournalPassword(value)
        } else if let path = section.passwordFile {
            password = JournalPassword(try readPasswordFile(ClusterConfiguration.expandingTilde(path)))
        }
        return PostgresJournalSettings(url: url, password: password)
    }

    /// The file's first line. The file must be readable by its owner alone, as ssh asks of
    /// a private key: a password others can read is no secret.
    static func readPasswordFile(_ path: String) throws -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw JournalPasswordError.unreadableFile(path, reason: "it does not exist or cannot be read")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw JournalPasswordError.exposedFile(path, mode: mode)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw JournalPasswordError.unreadableFile(path, reason: "it cannot be read as UTF-8 text")
        }
        let password = String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        guard !password.isEmpty else { throw JournalPasswordError.unreadableFile(path, reason: "its first line is empty") }
        return password
    }
}

/// Why the journal database's password could not be read. Never holds the password.
public enum JournalPasswordError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsetVariable(String)
    case unreadableFile(String, reason: String)
    case exposedFile(String, mode: Int)

    public var description: String {
        switch self {
        case .unsetVariable(let name):
            "broker.journal.password_env names \(name), which is not set (or empty) in the broker's environment"
        case let .unreadableFile(path, reason):
            "broker.journal.password_file \(path): \(reason)"
        case let .exposedFile(path, mode):
            "broker.journal.password_file \(path) can be read by others (mode \(String(mode & 0o777, radix: 8))); "
                + "run chmod 600 \(path)"
        }
    }
}
