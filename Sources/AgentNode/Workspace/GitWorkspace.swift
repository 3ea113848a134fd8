import Foundation

/// The agent's workspace: shared clones under `<root>/repos/`, one worktree per task under
/// `<root>/worktrees/<task-id>`.
///
/// One workspace root belongs to one agent: start-up removes every worktree left there.
actor GitWorkspace {
    nonisolated let root: URL
    private let git: GitCommand
    private var mirrors: [String: RepositoryMirror] = [:]
    /// Worktree folders of tasks running now.
    private var foldersInUse: Set<String> = []

    /// Creates a workspace; nothing touches the disk until `prepare` or `createWorktree`.
    init(
        root: URL,
        environment: [String: String] = [:],
        gitTimeout: Duration = .seconds(300),
        killGrace: Duration = .seconds(5),
        trustAllDirectories: Bool = false
    ) {
        self.root = root
        self.git = GitCommand(
            environment: environment, timeout: gitTimeout, killGrace: killGrace,
            trustAllDirectories: trustAllDirectories)
    }

    /// `<root>/repos`.
    nonisolated var repositoriesDirectory: URL { root.appendingPathComponent("repos") }
    /// `<root>/worktrees`.
    nonisolated var worktreesDirectory: URL { root.appendingPathComponent("worktrees") }

    /// Clones or fetches `repository` and clears what a previous run left: worktree folders,
    /// half-made clones, and git's records of worktrees that are gone.
    func prepare(repository: String) async throws {
        try FileSystem.createDirectory(repositoriesDirectory)
        try FileSystem.createDirectory(worktreesDirectory)
        for leftover in FileSystem.children(of: worktreesDirectory) {
            try FileSystem.remove(leftover)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoriesDirectory.path)) ?? []
        for name in names where name.hasSuffix(".partial") {
            try FileSystem.remove(repositoriesDirectory.appendingPathComponent(name))
        }
        let mirror = try mirror(for: repository)
        _ = try await mirror.update()
        for clone in FileSystem.children(of: repositoriesDirectory) {
            _ = await git.result(["worktree", "prune"], in: clone)
        }
    }

    /// Fetches and creates the worktree for one task; serialised per repository.
    func createWorktree(repository: String, naming: TaskNaming) async throws -> Worktree {
        try await createWorktree(repository: repository, directoryName: naming.directoryName, branch: naming.branch)
    }

    /// Fetches and creates a worktree in `worktrees/<directoryName>` on `branch`, continuing
    /// the branch when it already holds work; serialised per repository.
    func createWorktree(repository: String, directoryName: String, branch: String) async throws -> Worktree {
        let mirror = try mirror(for: repository)
        let path = worktreesDirectory.appendingPathComponent(directoryName)
        return try await mirror.addWorktree(at: path, branch: branch)
    }

    /// Decides where a task works, seeing the folders running tasks hold, and takes the
    /// folder it chose, in one step so two tasks never choose the same one.
    func claimPlacement(_ decide: @Sendable (Set<String>) -> WorkPlacement) -> WorkPlacement {
        let placement = decide(foldersInUse)
        foldersInUse.insert(placement.directoryName)
        return placement
    }

    /// Frees a folder `claimFolder` took.
    func releaseFolder(_ name: String) { foldersInUse.remove(name) }


    /// Removes a task's worktree, and its local branch when `deleteBranch` and origin holds
    /// every commit on it; returns whether the local branch is still there. Never throws.
    @discardableResult
    func removeWorktree(_ worktree: Worktree, deleteBranch: Bool) async -> Bool {
        let mirror = mirrors[worktree.repository.cloneSource]
            ?? RepositoryMirror(location: worktree.repository, directory: worktree.repositoryDirectory, git: git)
        let kept = await mirror.removeWorktree(at: worktree.path, branch: deleteBranch ? worktree.branch : nil)
        return !deleteBranch || kept
    }

    /// The clone for a repository string, chosen without awaiting so two tasks never make two.
    private func mirror(for repository: String) throws -> RepositoryMirror {
        let location = try RepositoryLocation(repository)
        if let existing = mirrors[location.cloneSource] { return existing }
        var directory = repositoriesDirectory.appendingPathComponent(location.directoryName)
        if let origin = Self.originURL(ofClone: directory), origin != location.cloneSource {
            directory = repositoriesDirectory.appendingPathComponent(location.disambiguatedDirectoryName)
        }
        let mirror = RepositoryMirror(location: location, directory: directory, git: git)
        mirrors[location.cloneSource] = mirror
        return mirror
    }

    /// `remote.origin.url` read from a clone's config file; nil when there is no clone.
    static func originURL(ofClone directory: URL) -> String? {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("config"), encoding: .utf8) else {
            return nil
        }
        var inOrigin = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = String(rawLine).trimmingWhitespace()
            if line.hasPrefix("[") {
                inOrigin = line == "[remote \"origin\"]"
            } else if inOrigin, line.hasPrefix("url") {
                let parts = line.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "url" {
                    return String(parts[1]).trimmingWhitespace()
                }
            }
        }
        return nil
    }
}
