import Foundation

/// The few file operations the workspace needs, throwing `WorkspaceError` with the path.
enum FileSystem {
    /// Creates a directory and its parents; fine when it exists.
    static func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.fileSystem(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Removes a file or directory tree; fine when it is not there.
    static func remove(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw WorkspaceError.fileSystem(path: url.path, reason: error.localizedDescription)
        }
    }

    /// The entries of a directory (not hidden ones); empty when it does not exist.
    static func children(of url: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
    }

    /// Hands a tree to another user so a runner running as that user can write it.
    static func transferOwnership(of url: URL, to identity: RunnerIdentity) throws {
        var paths = [url.path]
        if let walker = FileManager.default.enumerator(atPath: url.path) {
            while let relative = walker.nextObject() as? String { paths.append(url.path + "/" + relative) }
        }
        for path in paths where lchown(path, identity.uid, identity.gid) != 0 {
            throw WorkspaceError.fileSystem(
                path: path, reason: "cannot hand it to \(identity.name): \(String(cString: strerror(errno)))")
        }
    }
}
