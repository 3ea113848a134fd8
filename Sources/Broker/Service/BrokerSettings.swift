import Foundation
import Wire

/// Everything the broker process needs besides the state machine's own configuration:
/// where to listen, where the journal lives, and the bus security.
public struct BrokerSettings: Sendable {
    /// ROUTER endpoint for MDP clients and workers, e.g. `tcp://127.0.0.1:5555`
    /// (`tcp://127.0.0.1:*` picks a free port; read it back from `BrokerEndpoints`).
    var routerEndpoint: String
    /// PUB endpoint for broadcasts, heartbeats and events.
    var publisherEndpoint: String
    /// Holds `journal.sqlite` (unless ``postgresJournal`` is set); its disk's free space is watched.
    var dataDirectory: URL
    var journal: JournalOptions
    var state: BrokerConfiguration
    /// CURVE server keys and the ZAP allow-list; nil for plain TCP (loopback only).
    var security: BrokerSecurity?
    /// Most messages handled per batch before the batch is committed (at least 1).
    ///
    /// Small on purpose: under load, a batch that took every waiting message would hold all
    /// submitters' acknowledgements for one commit and one sync, and then they would all
    /// send again at once, so the broker and the disk would take turns. Batches of 64 let the next
    /// batch be decided while the last one syncs (docs/BENCHMARKS.md, part 3); syncs are
    /// still grouped, so this does not mean one fsync per 64 messages.
    var batchLimit: Int
    /// How long the broker waits before polling again after a wake-up that only refreshed
    /// heartbeats, so that the next ones are read together; zero turns it off. A request
    /// arriving in that moment waits at most this long. It lowers the idle CPU of a broker
    /// with many idle agents (docs/BENCHMARKS.md, part 6).
    var quietPause: Duration
    /// Given every alert the broker raises, on the broker thread: it must only queue the
    /// alert (`AlertDispatcher.post`) and return. nil delivers alerts nowhere but the bus.
    public var alertSink: (@Sendable (Alert) -> Void)?
    /// Free bytes on the data directory's disk below which a `low_disk_space` alert is
    /// raised; 0 turns the check off.
    public var minimumFreeDiskBytes: UInt64 = 0
    /// How often the free disk space is read.
    var diskCheckInterval: Duration = .seconds(60)
    /// Finished tasks older than this are pruned from the journal (with their progress,
    /// transcripts, results and attempts); nil keeps them forever.
    public var retention: Duration?
    /// How often the pruner looks for finished tasks past ``retention``.
    public var pruneInterval: Duration = .seconds(600)
    /// Tasks deleted per pruning transaction: small, so the broker's own commits wait on
    /// the lock for a few milliseconds at most.
    public var pruneBatchSize: Int = 500
    /// The PostgreSQL journal to use instead of `journal.sqlite` in ``dataDirectory``; nil
    /// keeps the SQLite journal.
    public var postgresJournal: PostgresJournalSettings?
    /// What every commit to the PostgreSQL journal proves first (``JournalFence``); nil
    /// commits unfenced, for a broker that is the database's only writer.
    public var journalFence: JournalFence?
    /// Called on the journal's syncer thread just before each sync; tests use it to hold a
    /// sync back and watch what the broker sends meanwhile (nothing that claims the commit).
    var journalSyncWillStart: (@Sendable () -> Void)?

    public init(
        routerEndpoint: String = "tcp://127.0.0.1:5555",
        publisherEndpoint: String = "tcp://127.0.0.1:5556",
        dataDirectory: URL,
        journal: JournalOptions = JournalOptions(),
        state: BrokerConfiguration = BrokerConfiguration(),
        security: BrokerSecurity? = nil,
        batchLimit: Int = 64,
        quietPause: Duration = .milliseconds(2)
    ) {
        self.routerEndpoint = routerEndpoint
        self.publisherEndpoint = publisherEndpoint
        self.dataDirectory = dataDirectory
        self.journal = journal
        self.state = state
        self.security = security
        self.batchLimit = max(1, batchLimit)
        self.quietPause = max(.zero, quietPause)
    }
}

/// CURVE for the broker's sockets.
public struct BrokerSecurity: Sendable {
    var keyPair: CurveKeyPair
    /// Directory of authorised client public keys (`*.pub`, Z85).
    var authorizedKeysDirectory: URL

    public init(keyPair: CurveKeyPair, authorizedKeysDirectory: URL) {
        self.keyPair = keyPair
        self.authorizedKeysDirectory = authorizedKeysDirectory
    }
}

/// The endpoints the broker actually bound (ports resolved when `*` was asked for).
public struct BrokerEndpoints: Sendable, Equatable {
    public var router: String
    public var publisher: String
}
