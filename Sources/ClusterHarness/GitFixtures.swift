import Foundation
import Synchronization

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
        try git(["-C", seed.path, "commit", "-q", "-m", "Initial commit"])
        try git(["clone", "-q", "--bare", seed.path, origin.path])
        return origin.path
    }

    /// Branch names in a repository.
    public static func branches(of repository: String) throws -> [String] {
        try git(["-C", repository, "for-each-ref", "--format=%(refname:short)", "refs/heads"])
            .split(separator: "\n").map(String.init)
    }

    /// Runs git in `directory` with a fixed identity and no system config, so
    /// no machine-wide settings change what a test sees; returns its standard output.
    @discardableResult
    public static func git(_ arguments: [String], in directory: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "init.defaultBranch=main"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["GIT_CONFIG_NOSYSTEM": "1"]) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to their ends before waiting, so a chatty git cannot fill one and stall.
        let errorText = Mutex(Data())
        let errorsRead = DispatchGroup()
        errorsRead.enter()
        DispatchQueue.global().async {
            errorText.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() }
            errorsRead.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorText.withLock { $0 }, as: UTF8.self)
            throw GitFixtureError(command: arguments.joined(separator: " "), message: message)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A git command of a fixture failed.
public struct GitFixtureError: Error, CustomStringConvertible {
    public let command: String
    public let message: String
    public var description: String { "git \(command) failed: \(message)" }
}
