import Foundation

/// Runs a command to its end under the child guard; returns its exit status (nil when it
/// was killed at `timeout`) and its output, stdout and stderr together, lines joined by
/// newlines.
public func runCommand(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(60)) async throws -> (status: Int32?, output: String) {
    let child = try ChildProcess(URL(fileURLWithPath: executable).lastPathComponent, executable: executable, arguments: arguments)
    let status = await child.waitForExit(timeout: timeout)
    if status == nil {
        child.signal(SIGKILL)
        await child.waitForExit(timeout: .seconds(5))
    }
    return (status, child.text)
}
