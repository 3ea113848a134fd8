import Foundation

/// Folders for the files of processes a test or benchmark starts: journals, keys, logs,
/// git repositories.
public enum ScratchDirectory {
    /// A fresh empty folder for this process's run; see ``runDirectory``.
    public static func make(_ label: String) throws -> URL {
        let url = runDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh empty folder in the system's temporary folder that outlives this process:
    /// for what a person may need to look at afterwards (the fault suite keeps its journal
    /// and logs when it fails). Whoever makes it removes it.
    public static func lasting(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The folder every ``make(_:)`` of this process lives in (`cluster-tests-<pid>` in the
    /// system's temporary folder). It is removed when the process exits, and a run that
    /// crashed leaves one that the next run removes, so journals, keys and logs of thousands
    /// of runs do not pile up.
    public static let runDirectory: URL = {
        let base = FileManager.default.temporaryDirectory
        removeDirectoriesOfEndedRuns(in: base)
        let directory = base.appendingPathComponent("\(runDirectoryPrefix)\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchDirectory.runDirectory) }
        return directory
    }()

    private static let runDirectoryPrefix = "cluster-tests-"

    /// Removes the run folders whose process is gone.
    private static func removeDirectoriesOfEndedRuns(in base: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for name in names where name.hasPrefix(runDirectoryPrefix) {
            guard let pid = pid_t(name.dropFirst(runDirectoryPrefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
            }
        }
    }
}
