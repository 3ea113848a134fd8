import Foundation

/// Git repositories for tests: a bare "origin" with one commit on `main`.
public enum GitFixtures {
    /// Creates `<directory>/origin.git` with a README on `main`; returns its path.
    public static func makeOrigin(in directory: URL) throws -> String {
        let seed = directory.appendingPathComponent("seed")
        let origin = directory.appendingPathComponent("origin.git")
        try FileManager.default.createDirectory(at: seed, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main", seed.path])
        try "# Test project\n".write(to: seed.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try git(["-C", seed.path, "add", "README.md"])
        try git(["-C", seed.path, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "Initial commit"])
        try git(["clone", "-q", "--bare", seed.path, origin.path])
        return origin.path
    }

    /// Branch names in a repository.
    public static func branches(of repository: String) throws -> [String] {
        try output(["-C", repository, "for-each-ref", "--format=%(refname:short)", "refs/heads"])
            .split(separator: "\n").map(String.init)
    }

    @discardableResult
    static func git(_ arguments: [String]) throws -> String {
        try output(arguments)
    }

    static func output(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw POSIXError(.EIO)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
