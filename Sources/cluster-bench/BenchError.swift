/// Why a benchmark part or the fault suite could not run to the end.
enum BenchError: Error, CustomStringConvertible {
    /// Something the run needs could not be set up (a process, a socket, a directory).
    case setup(String)
    /// A wait for the system under test passed its deadline.
    case timedOut(String)

    var description: String {
        switch self {
        case .setup(let what): "set-up failed: \(what)"
        case .timedOut(let what): "timed out: \(what)"
        }
    }
}
