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

    /// Fetches, then adds a worktree at `path` on `branch`: continuing the branch when it
    /// already holds work (see `WorktreeStartPoint`), else from the default branch's tip.
    func addWorktree(at path: URL, branch: String) async throws -> Worktree {
        try await gate.withLock {
            let base = try await self.updateHoldingGate()
            await self.removeHoldingGate(path: path, branch: nil)
            try FileSystem.createDirectory(path.deletingLastPathComponent())
            let start = try await self.startPoint(for: branch)
            let revision = start.revision(branch: branch, base: base)
            guard let baseCommit = await self.git.commitID(of: "refs/remotes/origin/\(base)", in: self.directory),
                let startCommit = await self.git.commitID(of: revision, in: self.directory)
            else {
                throw WorkspaceError.emptyRepository(source: self.location.cloneSource, branch: base)
            }
            // -B resets the branch to the start point, which is the branch itself when it holds
            // work; --no-track keeps the shared config clean.
            try await self.git.run(
                ["worktree", "add", "--no-track", "-B", branch, path.path, startCommit],
                in: self.directory, step: "worktree")
            return Worktree(
                path: path, branch: branch, baseBranch: base, baseCommit: baseCommit, startCommit: startCommit,
                repositoryDirectory: self.directory, repository: self.location)
        }
    }

    private func startPoint(for branch: String) async throws -> WorktreeStartPoint {
        var local: Int?
        if await git.commitID(of: "refs/heads/\(branch)", in: directory) != nil {
            local = try await git.unpushedCommits(of: "refs/heads/\(branch)", in: directory)
        }
        let onOrigin = await git.commitID(of: "refs/remotes/origin/\(branch)", in: directory) != nil
        return WorktreeStartPoint.choose(localUnpushedCommits: local, onOrigin: onOrigin)
    }

    /// Removes a worktree, and its local branch when asked and every commit on it is on
    /// origin; returns whether a branch that was asked to go was kept. Never throws.
    @discardableResult
    func removeWorktree(at path: URL, branch: String?) async -> Bool {
        (try? await gate.withLock { await self.removeHoldingGate(path: path, branch: branch) }) ?? (branch != nil)
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

    @discardableResult
    private func removeHoldingGate(path: URL, branch: String?) async -> Bool {
        if FileManager.default.fileExists(atPath: path.path) {
            let removed = await git.result(["worktree", "remove", "--force", path.path], in: directory)
            if !removed.succeeded || FileManager.default.fileExists(atPath: path.path) {
                try? FileSystem.remove(path)
            }
        }
        _ = await git.result(["worktree", "prune"], in: directory)
        guard let branch, await git.commitID(of: "refs/heads/\(branch)", in: directory) != nil else { return false }
        // A branch is deleted only when every commit on it is on origin; when that cannot
        // be told, it is kept.
        let unpushed = try? await git.unpushedCommits(of: "refs/heads/\(branch)", in: directory)
        guard unpushed == 0 else { return true }
        _ = await git.result(["branch", "-D", "--quiet", branch], in: directory)
        return false
    }
}
