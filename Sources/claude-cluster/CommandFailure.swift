import ArgumentParser
import Wire

/// Exit codes scripts can rely on.
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case unreachable = 3
    case notFound = 4
    case taskUnsuccessful = 5
    case usage = 64
}

/// A failure to report on stderr with a specific exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var code: ExitStatus

    init(_ message: String, code: ExitStatus) {
        self.message = message
        self.code = code
    }

    var description: String { message }

    /// No task has this id.
    static func noTask(_ id: String) -> CommandFailure {
        CommandFailure("no task \(id)", code: .notFound)
    }

    /// No agent has this name.
    static func noAgent(_ name: String) -> CommandFailure {
        CommandFailure("no agent \(name) is connected or known to the broker ('claude-cluster status' lists them)", code: .notFound)
    }

    /// Maps a bus error to the message and exit code a user should see.
    init(_ error: BusClientError) {
        switch error {
        case .timedOut, .socket, .closed:
            self.init(error.description, code: .unreachable)
        case .service(let serviceError) where serviceError.code == .notFound:
            self.init(serviceError.message, code: .notFound)
        case .service(let serviceError) where serviceError.code == .badRequest:
            self.init(serviceError.message, code: .usage)
        case .service, .badReply:
            self.init(error.description, code: .failure)
        }
    }
}

/// Runs a client command body, turning failures into a message on stderr and an exit code.
func runReporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CommandFailure {
        printError("error: \(failure.message)")
        throw ExitCode(failure.code.rawValue)
    } catch let error as BusClientError {
        let failure = CommandFailure(error)
        printError("error: \(failure.message)")
        throw ExitCode(failure.code.rawValue)
    }
}
