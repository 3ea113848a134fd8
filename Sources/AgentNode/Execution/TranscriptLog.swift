import Foundation

/// Appends a runner's raw output to `<logs>/<task-id>.log`; write errors never stop a run.
final class TranscriptLog {
    private let handle: FileHandle?

    /// Opens (creating) the file for appending; a nil URL or an unwritable file logs nothing.
    init(url: URL?) {
        guard let url else {
            handle = nil
            return
        }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        handle = try? FileHandle(forWritingTo: url)
        _ = try? handle?.seekToEnd()
    }

    deinit {
        try? handle?.close()
    }

    /// Appends bytes as they are.
    func write(_ bytes: [UInt8]) {
        guard let handle, !bytes.isEmpty else { return }
        try? handle.write(contentsOf: Data(bytes))
    }

    /// Appends a line of the agent's own (header, footer), marked with `#`.
    func note(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)\n" }
        write(Array(lines.joined().utf8))
    }
}
