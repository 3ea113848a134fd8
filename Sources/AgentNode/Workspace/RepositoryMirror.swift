import Foundation

/// The agent's bare clone of one repository, and the only door to its worktrees.
///
/// A bare clone, because nobody works in the clone itself: every task gets its own
/// worktree, so a checkout there would only cost disk and could be left dirty. Its fetch
/// refspec is `+refs/heads/*:refs/remotes/origin/*`, so fetching never touches the local
/// task branches in `refs/heads/`. Every operation holds the gate, so fetches and
/// `git worktree add/remove` for one repository never overlap.
actor RepositoryMirror {
    let location: RepositoryLocation
    let directory: URL
    private let git: GitCommand
    private let gate = SerialGate()

    init(location: RepositoryLocation, directory: URL, git: GitCommand) {
        self.location = location
        self.directory = directory
        self.git = git
    }

    /// Clones when needed, fetches, and returns the default branch.
    func update() async throws -> String {
        try await gate.withLock { try await self.updateHoldingGate() }
    }

    /// Fetches, then adds a worktree at `path` on `branch`, reset to the default branch's tip.
    func addWorktree(at path: URL, branch: String) async throws -> Worktree {
        try await gate.withLock {
            let base = try await self.updateHoldingGate()
            await self.removeHoldingGate(path: path, branch: nil)
            try FileSystem.createDirectory(path.deletingLastPathComponent())
            // -B: a retried task reuses its branch name; --no-track keeps the shared config clean.
            try await self.git.run(
                ["worktree", "add", "--no-track", "-B", branch, path.path, "refs/remotes/origin/\(base)"],
                in: self.directory, step: "worktree")
            return Worktree(
                path: path, branch: branch, baseBranch: base,
                repositoryDirectory: self.directory, repository: self.location)
        }
    }

    /// Removes a worktree (and its local branch when asked); never throws.
    func removeWorktree(at path: URL, branch: String?) async {
        _ = try? await gate.withLock { await self.removeHoldingGate(path: path, branch: branch) }
    }

    /// Forgets worktrees whose folders are gone.
    func prune() async {
        _ = try? await gate.withLock { await self.git.result(["worktree", "prune"], in: self.directory) }
    }

    private func updateHoldingGate() async throws -> String {
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("HEAD").path) {
            try await cloneHoldingGate()
        }
        try await git.run(["fetch", "--prune", "--quiet", "origin"], in: directory, step: "fetch")
        let head = try await git.run(["symbolic-ref", "--short", "HEAD"], in: directory, step: "fetch")
        let branch = head.trimmingWhitespace()
        let probe = await git.result(
            ["rev-parse", "--verify", "--quiet", "refs/remotes/origin/\(branch)^{commit}"], in: directory)
        guard probe.succeeded else {
            throw WorkspaceError.emptyRepository(source: location.cloneSource, branch: branch)
        }
        return branch
    }

    private func cloneHoldingGate() async throws {
        let parent = directory.deletingLastPathComponent()
        let partial = parent.appendingPathComponent(".\(directory.lastPathComponent).partial")
        try FileSystem.createDirectory(parent)
        try FileSystem.remove(partial)
        try FileSystem.remove(directory)
        // Clone beside the final place and move it in, so a crash never leaves half a clone.
        try await git.run(["clone", "--bare", "--quiet", location.cloneSource, partial.path], in: parent, step: "clone")
        try await git.run(
            ["config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*"], in: partial, step: "clone")
        do {
            try FileManager.default.moveItem(at: partial, to: directory)
        } catch {
            throw WorkspaceError.fileSystem(path: directory.path, reason: error.localizedDescription)
        }
    }

    private func removeHoldingGate(path: URL, branch: String?) async {
        if FileManager.default.fileExists(atPath: path.path) {
            let removed = await git.result(["worktree", "remove", "--force", path.path], in: directory)
            if !removed.succeeded || FileManager.default.fileExists(atPath: path.path) {
                try? FileSystem.remove(path)
            }
        }
        _ = await git.result(["worktree", "prune"], in: directory)
        if let branch {
            _ = await git.result(["branch", "-D", "--quiet", branch], in: directory)
        }
    }
}
