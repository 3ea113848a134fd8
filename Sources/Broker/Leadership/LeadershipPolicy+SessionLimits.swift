extension LeadershipPolicy {
    /// The limits on the journal's sessions of a broker in an HA group: a transaction left
    /// open by a broker that lost its link is rolled back by the server, and its fence's
    /// lock on the lease row released, within the serving time after its last statement,
    /// which is before the lease it last renewed can expire; a lock wait as long as that
    /// means another broker holds the lease row. No statement limit: restoring a large
    /// backlog on a takeover may take longer than a lease.
    public var journalSessionLimits: PostgresSessionLimits {
        PostgresSessionLimits(
            idleInTransaction: serving, lockWait: serving, unacknowledgedData: serving, keepaliveInterval: heartbeat)
    }

    /// The limits on the lease's own sessions: a request the server has not finished
    /// within the serving time is cancelled there too (the broker stopped waiting for it by
    /// then), so a stuck request never keeps one of the pool's connections; a lock wait of
    /// a heartbeat (a renewal behind a journal batch that does not end) fails the request.
    var leaseSessionLimits: PostgresSessionLimits {
        PostgresSessionLimits(
            idleInTransaction: serving, statement: serving, lockWait: heartbeat, unacknowledgedData: serving,
            keepaliveInterval: heartbeat)
    }
}
