/// What the broker holds back until the journal is on disk.
///
/// The broker commits a batch and syncs it separately (``JournalSyncer``), reading and
/// deciding the next batches while the disk works. A batch's replies, dispatches and
/// events claim its commit, so they wait for the sync that covers it; a later batch waits
/// behind any earlier one, written or not, so that nothing overtakes on the way to a
/// peer. With nothing held, a batch that wrote nothing leaves at once: plain MDP traffic
/// and heartbeats never wait for the disk.
struct HeldActions {
    private struct Batch: Sendable {
        let ticket: UInt64
        let actions: [BrokerAction]
    }

    private var batches = Deque<Batch>()
    /// The ticket of the newest commit; syncs are asked for by ticket.
    private(set) var lastTicket: UInt64 = 0

    /// True when nothing waits for a sync.
    var isEmpty: Bool { batches.isEmpty }

    /// Takes the actions of one batch, after its journal writes (if any) are committed.
    ///
    /// - Returns: the actions to perform now, and the ticket to sync when the batch wrote
    ///   to the journal.
    mutating func add(_ actions: [BrokerAction], committed: Bool) -> (perform: [BrokerAction], sync: UInt64?) {
        if committed {
            lastTicket += 1
            batches.append(Batch(ticket: lastTicket, actions: actions))
            return ([], lastTicket)
        }
        guard batches.isEmpty else {
            // Released with the newest commit, after everything before it.
            batches.append(Batch(ticket: lastTicket, actions: actions))
            return ([], nil)
        }
        return (actions, nil)
    }

    /// The actions of every batch whose commit is now on disk (tickets up to `ticket`),
    /// in the order they were made.
    mutating func synced(upTo ticket: UInt64) -> [BrokerAction] {
        var released: [BrokerAction] = []
        while let first = batches.first, first.ticket <= ticket {
            released += first.actions
            _ = batches.popFirst()
        }
        return released
    }

    /// Everything still held, in order (when stopping, after a final sync).
    mutating func releaseAll() -> [BrokerAction] {
        synced(upTo: .max)
    }
}
