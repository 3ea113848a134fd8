/// Why a directory holding CURVE keys (or the broker's authorised keys) is not trusted.
enum KeyDirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
    case missing(path: String, hint: String)
    case notADirectory(path: String)
    /// Anyone who can write there could swap keys or authorise their own.
    case writableByOthers(path: String, mode: UInt32)
    case ownedByAnotherUser(path: String, uid: UInt32)

    public var description: String {
        switch self {
        case .missing(let path, let hint):
            "the keys directory \(path) does not exist; \(hint)"
        case .notADirectory(let path):
            "\(path) should be a directory of CURVE keys, but it is not a directory"
        case .writableByOthers(let path, let mode):
            "the keys directory \(path) is writable by group or others (mode \(String(mode & 0o7777, radix: 8))); anyone who can write there could replace keys or authorise their own. Fix it with `chmod go-w \(path)`"
        case .ownedByAnotherUser(let path, let uid):
            "the keys directory \(path) belongs to uid \(uid), not to this user or root; `chown` it to the user the cluster runs as"
        }
    }
}
