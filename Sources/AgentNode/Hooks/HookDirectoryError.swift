/// Why a hooks directory is refused.
enum HookDirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
    case missing(path: String)
    case notADirectory(path: String)
    /// Anyone who can write there could run code as the agent.
    case writableByOthers(path: String, mode: UInt32)
    case ownedByAnotherUser(path: String, uid: UInt32)

    var description: String {
        switch self {
        case .missing(let path):
            "hooks directory \(path) does not exist; create it (mode 755), or remove hooks_dir from the agent's config to use the agent's default folder"
        case .notADirectory(let path):
            "hooks directory \(path) is not a directory"
        case .writableByOthers(let path, let mode):
            "hooks directory \(path) is writable by group or others (mode \(String(mode & 0o7777, radix: 8))); anyone who can write there could run code as this agent. Fix it with `chmod go-w \(path)`"
        case .ownedByAnotherUser(let path, let uid):
            "hooks directory \(path) belongs to uid \(uid), not to this agent's user or root; `chown` it to the user the agent runs as"
        }
    }
}
