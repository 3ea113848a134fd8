import Logging
import Wire

/// One thing the shell must do for the state machine.
///
/// Run a batch's actions like this: first commit every `.journal` write of the batch in
/// one transaction, then perform the other actions in order. Replies that acknowledge a
/// task (`mmi.task.submit`, `mmi.task.cancel`) are `.send` actions of the same batch, so
/// they leave only after the rows they promise are on disk.
enum BrokerAction: Sendable, Hashable {
    /// Send one message on the ROUTER socket: `[peer.identity] + frames`.
    case send(PeerID, [Frame])
    /// Send one message on the PUB socket: `message.frames`.
    case publish(PublishedMessage)
    /// Store a change in the task journal (committed with the rest of the batch).
    case journal(JournalWrite)
    /// Answer a read-only management request from the journal, after the commit.
    /// Indirect: a query with its metrics snapshot is some 300 bytes, and every action of
    /// every batch would be that large (and copied that much) for this one rare case.
    indirect case query(BrokerQuery)
    /// Write a log line.
    case log(Logger.Level, String)
    /// Hand an alert to the alert delivery (webhook, `on-alert` hook), which runs off the
    /// broker thread; the alert is published on the bus by a `.publish` of the same batch.
    case alert(Alert)
}

extension BrokerAction: CustomStringConvertible {
    /// A one-line summary, for logs and test failures.
    var description: String {
        switch self {
        case .send(let peer, let frames):
            let decoded = (try? MDPCodec.decode(frames)).map { "\($0.message)" } ?? "\(frames)"
            return "send(\(peer), \(decoded))"
        case .publish(let message):
            return "publish(\(message.topic), \(message.body))"
        case .journal(let write):
            return "journal(\(write))"
        case .query(let query):
            return "query(\(query.request))"
        case .log(let level, let text):
            return "log(\(level), \(text))"
        case .alert(let alert):
            return "alert(\(alert.kind.rawValue), \(alert.text))"
        }
    }
}
