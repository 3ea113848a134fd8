import Foundation

/// Where a repository comes from: a clone URL or a local path, and the folder it gets. Pure.
struct RepositoryLocation: Sendable, Hashable {
    /// What `git clone` is given: the URL as configured, or the local path made absolute.
    let cloneSource: String
    /// The folder name under `<workspace>/repos/`.
    let directoryName: String

    /// Reads a configured repository string; relative paths resolve against `currentDirectory`.
    init(_ configured: String, currentDirectory: String = FileManager.default.currentDirectoryPath) throws {
        let trimmed = configured.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw WorkspaceError.noRepository }
        if Self.isRemote(trimmed) {
            cloneSource = trimmed
        } else {
            let expanded = (trimmed as NSString).expandingTildeInPath
            let absolute = expanded.hasPrefix("/") ? expanded : currentDirectory + "/" + expanded
            cloneSource = URL(fileURLWithPath: absolute).standardizedFileURL.path
        }
        directoryName = Self.baseName(of: cloneSource)
    }

    /// A URL with a scheme (`https://`, `ssh://`, `file://`) or scp-like `user@host:path`.
    static func isRemote(_ text: String) -> Bool {
        if text.contains("://") { return true }
        guard let colon = text.firstIndex(of: ":"), !text.hasPrefix("/"), !text.hasPrefix(".") else { return false }
        let host = text[..<colon]
        return !host.isEmpty && !host.contains("/")
    }

    /// The last path component without `.git`, made a safe folder name.
    static func baseName(of source: String) -> String {
        var path = Substring(source)
        while path.hasSuffix("/") { path = path.dropLast() }
        var last = path.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? ""
        if last.hasSuffix(".git") { last.removeLast(4) }
        return last.isEmpty ? "repository" : TaskNaming.pathComponent(last)
    }

    /// The folder name to use when `directoryName` already holds a clone of another source.
    var disambiguatedDirectoryName: String {
        // FNV-1a: stable across runs and platforms, unlike Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in cloneSource.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return directoryName + "-" + padded.prefix(8)
    }
}
