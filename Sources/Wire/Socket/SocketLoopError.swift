/// Why a `SocketLoop` could not start (errors thrown by `makeHandler` are rethrown as they are).
public enum SocketLoopError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Linux eventfd the loop wakes on could not be made; `errno` says why (often EMFILE:
    /// the process ran out of file descriptors).
    case wakeSignalUnavailable(errno: Int32)

    /// A sentence saying what failed and what to check.
    public var description: String {
        switch self {
        case .wakeSignalUnavailable(let code):
            "could not create the eventfd a socket loop wakes on (errno \(code)); check the open-file limit"
        }
    }
}
