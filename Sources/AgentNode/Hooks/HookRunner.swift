import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs the agent's hook executables: `<hooks dir>/<event name>` and
/// `<hooks dir>/<event name>.sh` (both, in that order, when both exist), each given the
/// event as JSON on standard input and as `CLUSTER_*` environment variables.
///
/// A missing hook is skipped silently. A hook that is not executable, is writable by group
/// or others, fails, or outlives its timeout (its process group is then killed) is logged;
/// `fire` never throws.
struct HookRunner: Sendable {
    let directory: URL
    var agent: String
    var specialty: String
    var timeout: Duration
    /// Extra environment for every hook (the agent's configured environment).
    var environment: [String: String]
    private let logger: Logger

    /// Checks the directory and creates a runner; throws when the directory is unsafe.
    init(
        directory: URL,
        agent: String,
        specialty: String,
        timeout: Duration = .seconds(10),
        environment: [String: String] = [:],
        logger: Logger
    ) throws(HookDirectoryError) {
        try Self.checkDirectory(directory.path)
        self.directory = directory
        self.agent = agent
        self.specialty = specialty
        self.timeout = timeout
        self.environment = environment
        self.logger = logger
    }

    /// True when a file exists for `event` (executable or not).
    func hasHook(for event: HookEventName) -> Bool {
        HookFileNames.names(for: event).contains {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
    }

    /// Runs the hooks for the event, if there are any, one after the other, and waits for
    /// them (each at most the timeout).
    func fire(_ event: HookEvent) async {
        for name in HookFileNames.names(for: event.event) {
            await fire(event, path: directory.appendingPathComponent(name).path)
        }
    }

    private func fire(_ event: HookEvent, path: String) async {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        var metadata: Logger.Metadata = ["hook": "\(path)"]
        if let task = event.task { metadata["task"] = "\(task.id)" }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            logger.warning("hook is not a regular file; skipped", metadata: metadata)
            return
        }
        guard info.st_mode & 0o022 == 0 else {
            logger.warning("hook is writable by group or others; skipped (fix with chmod go-w)", metadata: metadata)
            return
        }
        guard access(path, X_OK) == 0 else {
            logger.warning("hook is not executable; skipped (fix with chmod +x)", metadata: metadata)
            return
        }
        var event = event
        if event.agent.isEmpty { event.agent = agent }
        if event.specialty.isEmpty { event.specialty = specialty }
        await run(path: path, event: event, metadata: metadata)
    }

    private func run(path: String, event: HookEvent, metadata: Logger.Metadata) async {
        // Standard input comes from a file: a pipe would raise SIGPIPE if the hook exits unread.
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("cluster-hook-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: input) }
        do {
            try event.jsonData().write(to: input)
        } catch {
            logger.warning("hook input could not be written; skipped: \(error)", metadata: metadata)
            return
        }
        let process = SupervisedProcess(
            executable: path,
            workingDirectory: directory,
            environment: environment.merging(event.environment) { _, hook in hook },
            standardInput: input,
            timeout: timeout,
            killGrace: .seconds(1)
        )
        let result = await CollectedCommand(process: process, outputLimit: 16 << 10, errorLimit: 16 << 10).run()
        if result.succeeded {
            logger.debug("hook ran", metadata: metadata)
        } else {
            logger.warning("hook failed: \(result.failureDescription)", metadata: metadata)
        }
    }

    private static func checkDirectory(_ path: String) throws(HookDirectoryError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .missing(path: path) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .notADirectory(path: path) }
        guard info.st_mode & 0o022 == 0 else { throw .writableByOthers(path: path, mode: UInt32(info.st_mode)) }
        guard info.st_uid == 0 || info.st_uid == geteuid() else {
            throw .ownedByAnotherUser(path: path, uid: info.st_uid)
        }
    }
}
