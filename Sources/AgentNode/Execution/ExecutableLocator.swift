#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Finds an executable the way a shell does: a path as given, a bare name on PATH.
enum ExecutableLocator {
    /// The absolute or given path of `command`, or nil when nothing executable is there.
    static func locate(_ command: String, path: String?) -> String? {
        guard !command.isEmpty else { return nil }
        if command.contains("/") {
            return isExecutableFile(command) ? command : nil
        }
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for directory in directories where directory.hasPrefix("/") {
            let candidate = directory.hasSuffix("/") ? directory + command : directory + "/" + command
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// A regular file (after links) this process may execute.
    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
