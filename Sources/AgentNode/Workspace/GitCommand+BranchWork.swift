import Foundation

extension GitCommand {
    /// Measures the work in the worktree at `directory` whose HEAD started at `startCommit`.
    func branchWork(in directory: URL, startCommit: String) async throws -> BranchWork {
        let status = try await run(["status", "--porcelain"], in: directory, step: "status")
        let new = try await run(["rev-list", "--count", "\(startCommit)..HEAD"], in: directory, step: "status")
        let unpushed = try await unpushedCommits(of: "HEAD", in: directory)
        return BranchWork(
            newCommits: Int(new.trimmingWhitespace()) ?? 0,
            uncommitted: !status.trimmingWhitespace().isEmpty,
            unpushedCommits: unpushed)
    }

    /// The number of commits reachable from `revision` that no `origin` branch holds.
    func unpushedCommits(of revision: String, in directory: URL) async throws -> Int {
        let count = try await run(
            ["rev-list", "--count", revision, "--not", "--remotes=origin"], in: directory, step: "status")
        return Int(count.trimmingWhitespace()) ?? 0
    }

    /// The full commit id `revision` names, or nil when it names none.
    func commitID(of revision: String, in directory: URL) async -> String? {
        let probe = await result(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: directory)
        guard probe.succeeded else { return nil }
        let id = probe.standardOutput.trimmingWhitespace()
        return id.isEmpty ? nil : id
    }
}
