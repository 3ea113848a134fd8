import Foundation

/// The demo configurations' repository: a bare repository with one commit (a README) on
/// `main`, created when it is missing so `claude-cluster start --config configs/demo.yaml`
/// works on its own.
public enum DemoRepository {
    /// Why the repository could not be made.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Creates the bare repository at `path` unless something is there already; returns
    /// true when it created it. An existing path is left untouched, whatever it holds.
    @discardableResult
    public static func createIfMissing(at path: URL) async throws(Failure) -> Bool {
        guard !FileManager.default.fileExists(atPath: path.path) else { return false }
        let seed = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-demo-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: seed) }
        let git = GitCommand(timeout: .seconds(60), killGrace: .seconds(2))
        do {
            try FileManager.default.createDirectory(at: seed, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try await git.run(["init", "-q", "-b", "main", seed.path], in: nil, step: "git init")
            try Data("# Demo project\n\nA repository the demo agents work on.\n".utf8)
                .write(to: seed.appendingPathComponent("README.md"))
            try await git.run(["add", "README.md"], in: seed, step: "git add")
            try await git.run(
                ["-c", "user.name=Claude Code Cluster", "-c", "user.email=cluster@localhost", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Initial commit"],
                in: seed, step: "git commit")
            // Cloned into a temporary name and renamed, so a half-made repository never
            // sits at `path` (the next start would take it as existing).
            let partial = path.deletingLastPathComponent().appendingPathComponent(".\(path.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
            try await git.run(["clone", "-q", "--bare", seed.path, partial.path], in: nil, step: "git clone --bare")
            try FileManager.default.moveItem(at: partial, to: path)
        } catch {
            throw Failure(description: "could not create the demo repository \(path.path): \(error)")
        }
        return true
    }
}
