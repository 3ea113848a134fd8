import PostgresNIO

extension JournalError {
    /// Wraps an error from a PostgreSQL request, keeping journal errors as they are.
    ///
    /// The reason is built from the error's code and the server's message and SQL state
    /// only: never from postgres-nio's debug description, which carries the query and its
    /// bound values, nor from the connection settings, which carry the password.
    static func wrappingPostgres(
        _ error: any Error, location: String, otherwise make: (String) -> JournalError
    ) -> JournalError {
        if let journalError = error as? JournalError { return journalError }
        return make(postgresReason(error))
    }

    /// What went wrong, in words safe for a log.
    static func postgresReason(_ error: any Error) -> String {
        if let timedOut = error as? BlockingWait.TimedOut { return "the database gave \(timedOut)" }
        guard let error = error as? PSQLError else {
            if error is CancellationError { return "the request was cancelled" }
            return String(describing: type(of: error))
        }
        if let server = error.serverInfo {
            let message = server[.message] ?? "an error"
            let state = server[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return "PostgreSQL said: \(message)\(state)"
        }
        if let underlying = error.underlying {
            return "\(error.code): \(String(describing: underlying))"
        }
        return "\(error.code)"
    }

    /// The SQL state of a server error (`23505` for a unique violation), if it is one.
    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
