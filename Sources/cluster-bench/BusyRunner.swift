import Foundation

/// A stand-in for Claude Code that stays busy: it prints stream-json like the real one,
/// a progress line every half second, and ends when its agent is gone (a write fails or
/// the parent no longer exists) or after `seconds`. Written into a scratch folder at run time.
enum BusyRunner {
    /// Writes the script into `directory` and returns its path.
    static func write(in directory: URL, seconds: Int) throws -> String {
        let path = directory.appendingPathComponent("busy-runner.sh").path
        let rounds = max(1, seconds * 2)
        try """
        #!/bin/sh
        # cluster-bench's busy runner: stream-json progress until the agent goes away.
        parent=$PPID
        echo '{"type":"system","subtype":"init","session_id":"bench","model":"busy-runner"}' || exit 0
        i=0
        while [ $i -lt \(rounds) ]; do
          sleep 0.5
          kill -0 "$parent" 2>/dev/null || exit 0
          echo '{"type":"assistant","message":{"content":[{"type":"text","text":"still working"}]},"session_id":"bench"}' || exit 0
          i=$((i + 1))
        done
        echo '{"type":"result","subtype":"success","is_error":false,"result":"done","session_id":"bench","total_cost_usd":0,"num_turns":1}'
        """.write(toFile: path, atomically: true, encoding: .utf8)
        guard chmod(path, 0o755) == 0 else { throw BenchError.setup("could not make \(path) executable") }
        return path
    }
}
