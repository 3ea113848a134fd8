import GRDB

/// Why the task journal could not do what was asked; each message names the file and
/// says what a person can do about it.
public enum JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data directory does not exist and could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// SQLite could not open the file (permissions, a missing directory, a lock).
    case cannotOpen(path: String, reason: String)
    /// The file is not an SQLite database, or it is damaged.
    case corrupt(path: String, reason: String)
    /// The file was written by a newer version with schema migrations this one lacks.
    case newerSchema(path: String, unknownMigrations: [String])
    /// Creating or upgrading the schema failed; the file was left as it was.
    case migrationFailed(path: String, reason: String)
    /// A batch was rolled back: none of its writes are stored.
    case commitFailed(path: String, writeCount: Int, reason: String)
    /// A batch was rolled back because a task reused another task's idempotency key.
    case duplicateIdempotencyKey(path: String, key: String, taskID: String, existingTaskID: String?)
    /// Committed writes could not be synced to disk: they may not survive a power cut, so
    /// nothing that depends on them may be acknowledged.
    case syncFailed(path: String, reason: String)
    /// A query failed.
    case readFailed(path: String, what: String, reason: String)
    /// A stored row could not be decoded: it was written by something else, or damaged.
    case undecodableRow(path: String, what: String, reason: String)
    /// The journal was used after ``TaskJournal/close()``.
    case closed(path: String)
    /// A commit to a shared PostgreSQL journal found that this broker no longer leads (its
    /// ``JournalFence`` names a holder and epoch that `broker_leadership` no longer holds,
    /// or its lease ran out): the batch was rolled back and this broker must stop serving.
    case deposed(location: String, holder: String, epoch: Int64)

    /// What went wrong and what to do about it, for logs and for the person reading them.
    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            "could not create the data directory \(path) for the task journal: \(reason); "
                + "check the path and its permissions"
        case let .cannotOpen(path, reason):
            "could not open the task journal at \(path): \(reason); "
                + "check that the directory is writable and no other broker uses this file"
        case let .corrupt(path, reason):
            "the task journal at \(path) is not a valid SQLite database or is damaged (\(reason)); "
                + "move it aside (with its -wal and -shm files) to start with an empty journal, "
                + "or restore it from a backup"
        case let .newerSchema(path, unknown):
            "the task journal at \(path) was written by a newer version of claude-cluster "
                + "(unknown schema migrations: \(unknown.joined(separator: ", "))); upgrade this broker"
        case let .migrationFailed(path, reason):
            "could not create or upgrade the schema of the task journal at \(path): \(reason); "
                + "the file was not changed"
        case let .commitFailed(path, count, reason):
            "could not commit \(count) writes to the task journal at \(path): \(reason); "
                + "nothing from this batch was stored"
        case let .duplicateIdempotencyKey(path, key, taskID, existing):
            "task \(taskID) reuses idempotency key \"\(key)\" already held by task "
                + "\(existing ?? "(unknown)") in the task journal at \(path); "
                + "nothing from this batch was stored"
        case let .syncFailed(path, reason):
            "could not sync the task journal at \(path) to disk: \(reason); "
                + "check the disk (full, read-only, failing) before restarting the broker"
        case let .readFailed(path, what, reason):
            "could not read \(what) from the task journal at \(path): \(reason)"
        case let .undecodableRow(path, what, reason):
            "the task journal at \(path) holds \(what) that cannot be decoded (\(reason)); "
                + "it was written by another program or is damaged"
        case let .closed(path):
            "the task journal at \(path) was used after it was closed"
        case let .deposed(location, holder, epoch):
            "this broker (\(holder), epoch \(epoch)) no longer leads the task journal at \(location): "
                + "another broker took over or its lease ran out; nothing from this batch was stored, "
                + "and this broker stops serving"
        }
    }
}

extension JournalError {
    /// Wraps an error thrown inside a GRDB access, keeping journal errors as they are and
    /// turning corruption into ``corrupt(path:reason:)`` wherever it is found.
    static func wrapping(
        _ error: any Error, path: String, otherwise make: (String) -> JournalError
    ) -> JournalError {
        if let journalError = error as? JournalError { return journalError }
        if let databaseError = error as? DatabaseError {
            let reason = Self.reason(databaseError)
            switch databaseError.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, reason: reason)
            default: return make(reason)
            }
        }
        return make(String(describing: error))
    }

    /// SQLite's message and code, without the SQL text GRDB appends.
    static func reason(_ error: DatabaseError) -> String {
        let message = error.message ?? "unknown error"
        return "\(message) (SQLite error \(error.extendedResultCode.rawValue))"
    }
}
