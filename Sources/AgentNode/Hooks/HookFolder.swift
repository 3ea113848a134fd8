import Foundation

/// The file-system side of a hooks folder: creating the agent's default one and listing
/// the files in it that no event will run.
public enum HookFolder {
    /// Creates `directory` (and its parents) with mode 755 if it is missing; a hooks folder
    /// must not be writable by group or others (``HookRunner`` refuses it otherwise).
    public static func create(_ directory: URL) throws {
        guard !FileManager.default.fileExists(atPath: directory.path) else { return }
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    }

    /// The files of `directory` that match no event (see ``HookFileNames/unmatched(_:)``);
    /// empty when the folder is missing or unreadable.
    static func unmatchedFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return HookFileNames.unmatched(names)
    }

    /// ``HookFileNames/warning(folder:unmatched:)`` for `directory` as it is now.
    public static func unmatchedWarning(for directory: URL) -> String? {
        HookFileNames.warning(folder: directory.path, unmatched: unmatchedFiles(in: directory))
    }
}
