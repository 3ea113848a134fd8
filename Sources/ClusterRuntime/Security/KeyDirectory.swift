import Foundation

/// The checks a keys directory passes before the cluster trusts what is in it: it exists,
/// is a directory, belongs to this user or root, and nobody else may write to it.
enum KeyDirectory {
    /// Checks `path` on disk; `hint` says how to create it when it is missing.
    static func check(_ path: String, hint: String = "create it with `claude-cluster keygen`") throws(KeyDirectoryError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .missing(path: path, hint: hint) }
        if let problem = problem(path: path, mode: UInt32(info.st_mode), owner: UInt32(info.st_uid), currentUID: UInt32(geteuid())) {
            throw problem
        }
    }

    /// The decision alone, from a `stat` result: nil when the directory may be trusted.
    static func problem(path: String, mode: UInt32, owner: UInt32, currentUID: UInt32) -> KeyDirectoryError? {
        guard mode & UInt32(S_IFMT) == UInt32(S_IFDIR) else { return .notADirectory(path: path) }
        guard mode & 0o022 == 0 else { return .writableByOthers(path: path, mode: mode) }
        guard owner == currentUID || owner == 0 else { return .ownedByAnotherUser(path: path, uid: owner) }
        return nil
    }
}
