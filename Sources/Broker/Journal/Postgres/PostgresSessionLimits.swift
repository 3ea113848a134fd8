/// Server-side time limits set on a PostgreSQL session when it opens (startup parameters),
/// so that the **server** ends a session whose broker has gone quiet.
///
/// Brokers sharing a journal need this: a broker cut off from the database in the middle
/// of a batch leaves its transaction open, and that transaction holds its fence's
/// `FOR SHARE` lock on `broker_leadership` until PostgreSQL notices the dead link, which
/// with the kernel's defaults takes many minutes. While it holds the lock no standby can
/// take the lease. With these limits the server rolls the transaction back within
/// ``idleInTransaction`` of its last statement, drops a connection whose data goes
/// unacknowledged for ``unacknowledgedData``, and probes idle connections with TCP
/// keepalives.
///
/// ```swift
/// var settings = PostgresJournalSettings(url: url)
/// settings.sessionLimits = LeadershipPolicy().journalSessionLimits
/// ```
public struct PostgresSessionLimits: Sendable, Equatable {
    /// `idle_in_transaction_session_timeout`: a session idle inside a transaction this
    /// long is ended and its transaction rolled back (its locks released).
    public var idleInTransaction: Duration
    /// `statement_timeout`: a statement running longer is cancelled; nil keeps the server's.
    public var statement: Duration?
    /// `lock_timeout`: a statement waiting this long for a lock is cancelled; nil keeps the server's.
    public var lockWait: Duration?
    /// `tcp_user_timeout`: the server drops the connection when data it sent stays
    /// unacknowledged this long (Linux; ignored on Unix-domain sockets).
    public var unacknowledgedData: Duration
    /// `tcp_keepalives_idle` and `tcp_keepalives_interval`: how long an idle connection
    /// waits before the server probes it, and between probes (whole seconds, at least 1).
    public var keepaliveInterval: Duration
    /// `tcp_keepalives_count`: unanswered probes before the server drops the connection.
    public var keepaliveProbes: Int

    public init(
        idleInTransaction: Duration, statement: Duration? = nil, lockWait: Duration? = nil,
        unacknowledgedData: Duration, keepaliveInterval: Duration, keepaliveProbes: Int = 2
    ) {
        self.idleInTransaction = idleInTransaction
        self.statement = statement
        self.lockWait = lockWait
        self.unacknowledgedData = unacknowledgedData
        self.keepaliveInterval = keepaliveInterval
        self.keepaliveProbes = keepaliveProbes
    }

    /// The startup parameters that set these limits, with explicit units.
    var startupParameters: [(String, String)] {
        var parameters = [
            ("idle_in_transaction_session_timeout", Self.milliseconds(idleInTransaction)),
            ("tcp_user_timeout", Self.milliseconds(unacknowledgedData)),
            ("tcp_keepalives_idle", Self.seconds(keepaliveInterval)),
            ("tcp_keepalives_interval", Self.seconds(keepaliveInterval)),
            ("tcp_keepalives_count", "\(max(1, keepaliveProbes))"),
        ]
        if let statement { parameters.append(("statement_timeout", Self.milliseconds(statement))) }
        if let lockWait { parameters.append(("lock_timeout", Self.milliseconds(lockWait))) }
        return parameters
    }

    /// At least 1 ms: 0 would switch a limit off.
    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return "\(max(1, milliseconds))ms"
    }

    /// Whole seconds, rounded up, at least 1.
    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(max(1, seconds + (attoseconds > 0 ? 1 : 0)))s"
    }
}
