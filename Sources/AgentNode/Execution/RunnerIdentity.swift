#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The unprivileged account a runner runs as when the agent itself runs as root.
struct RunnerIdentity: Sendable, Hashable {
    public var name: String
    var uid: UInt32
    var gid: UInt32
    /// The account's own supplementary groups, so the runner drops root's.
    var groups: [UInt32]
    var home: String

    /// Creates an identity from known values.
    init(name: String, uid: UInt32, gid: UInt32, groups: [UInt32], home: String) {
        self.name = name
        self.uid = uid
        self.gid = gid
        self.groups = groups
        self.home = home
    }

    /// Looks an account up in the system's user database (`getpwnam_r`); nil when there is none.
    static func lookUp(_ name: String) -> RunnerIdentity? {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        let status = getpwnam_r(name, &entry, &buffer, buffer.count, &found)
        guard status == 0, found != nil else { return nil }
        let uid = entry.pw_uid
        let gid = entry.pw_gid
        let home = entry.pw_dir.map { String(cString: $0) } ?? "/"
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, gid, &groups, &count) < 0, count > 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(name, gid, &groups, &count)
        }
        let list = Array(groups.prefix(Int(max(0, count))))
        return RunnerIdentity(name: name, uid: uid, gid: gid, groups: list.isEmpty ? [gid] : list, home: home)
    }
}

/// Whether, and as whom, the runner switches user. Pure: the lookup is passed in.
enum RunAsDecision: Sendable, Hashable {
    /// Run as the agent's own user.
    case currentUser
    /// Run as this account.
    case switchTo(RunnerIdentity)
    /// `runAsUser` is set but the agent is not root, so it cannot switch; say so once.
    case ignored(reason: String)

    /// Decides from the configured user name and the agent's effective uid.
    static func decide(
        runAsUser: String?,
        effectiveUID: UInt32,
        lookUp: (String) -> RunnerIdentity?
    ) throws(RunAsUserError) -> RunAsDecision {
        guard let name = runAsUser?.trimmingWhitespace(), !name.isEmpty else { return .currentUser }
        guard effectiveUID == 0 else {
            return .ignored(reason: "runAsUser \"\(name)\" is ignored: only an agent started as root can switch user, and this one runs as uid \(effectiveUID)")
        }
        guard let identity = lookUp(name) else { throw .unknownUser(name) }
        guard identity.uid != 0 else { throw .privilegedUser(name) }
        return .switchTo(identity)
    }
}

/// Why `runAsUser` cannot be used.
enum RunAsUserError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownUser(String)
    case privilegedUser(String)

    var description: String {
        switch self {
        case .unknownUser(let name):
            "runAsUser \"\(name)\" does not exist on this machine; create it (for example `useradd --create-home \(name)`) or change runAsUser in the agent's config"
        case .privilegedUser(let name):
            "runAsUser \"\(name)\" has uid 0; Claude Code refuses to skip permissions as root, so choose an unprivileged account"
        }
    }
}
