import Foundation

/// A stand-in for Claude Code that answers at once: stream-json with an init line, one
/// progress line and a successful result naming the prompt (so a result recorded against
/// the wrong task shows). Written into a scratch folder at run time.
enum QuickRunner {
    /// Writes the script into `directory` and returns its path; it takes the prompt as
    /// its first argument and works for `milliseconds` first.
    static func write(in directory: URL, milliseconds: Int) throws -> String {
        let path = directory.appendingPathComponent("quick-runner.sh").path
        let pause = String(format: "%.3f", Double(max(0, milliseconds)) / 1000)
        try """
        #!/bin/sh
        # cluster-bench's quick runner: a real-looking stream-json run that ends at once.
        echo '{"type":"system","subtype":"init","session_id":"bench","model":"quick-runner"}'
        sleep \(pause)
        echo '{"type":"assistant","message":{"content":[{"type":"text","text":"working"}]},"session_id":"bench"}'
        printf '{"type":"result","subtype":"success","is_error":false,"result":"done: %s","session_id":"bench","total_cost_usd":0,"num_turns":1}\\n' "$(printf '%s' "$1" | tr -d '"\\\\' | tr '\\n\\r\\t' '   ' | head -c 4000)"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        guard chmod(path, 0o755) == 0 else { throw BenchError.setup("could not make \(path) executable") }
        return path
    }
}
