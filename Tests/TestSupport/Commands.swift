import Foundation

/// `curl` with a time limit; `-s` and `--max-time 20` are added.
public func curl(_ arguments: [String]) async throws -> (status: Int32?, output: String) {
    try await runCommand("/usr/bin/env", ["curl", "-s", "--max-time", "20"] + arguments)
}
