import Foundation

/// The prompt of one attempt in a private temporary file, to become the runner's standard input.
///
/// A file rather than an argument: one argument of 128 KiB or more fails with E2BIG before
/// the runner starts. The agent opens it before the runner starts, so the runner's own
/// account (`run_as`) needs no access to it.
struct PromptFile: Sendable {
    let url: URL

    /// Writes `prompt` to a new file readable only by the agent's account.
    init(_ prompt: String, directory: URL = FileManager.default.temporaryDirectory) throws {
        url = directory.appendingPathComponent("claude-cluster-prompt-\(UUID().uuidString).txt")
        guard FileManager.default.createFile(
            atPath: url.path, contents: Data(prompt.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw PromptFileError(path: url.path)
        }
    }

    /// Deletes the file; a file already gone is fine.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The prompt could not be written to a temporary file.
struct PromptFileError: Error, CustomStringConvertible {
    var path: String
    var description: String { "the prompt could not be written to \(path) (is the temporary folder full or read-only?)" }
}
