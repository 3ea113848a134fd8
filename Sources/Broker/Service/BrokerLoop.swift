import Foundation
import Logging
import Wire

/// The broker's imperative shell: owns the ROUTER and PUB sockets and the journal on one
/// thread, decodes frames, feeds `BrokerState`, and carries out its actions.
///
/// Each readable burst is one batch: up to `batchLimit` messages are fed to the state
/// machine, and every journal write they caused is committed in one transaction. The
/// commit is synced to disk on the syncer's thread (`JournalSyncer`) while this thread
/// reads and decides the next batches; the batch's replies, dispatches and events leave
/// only when the sync that covers it is done (`HeldActions`). So no frame ever claims
/// something the journal does not hold on disk yet.
final class BrokerLoop: SocketLoopHandler {
    private let settings: BrokerSettings
    private let logger: Logger
    private let router: ZMQSocket
    private let publisher: ZMQSocket
    private let zap: ZAPAuthenticator?
    /// Names the worker whose connection broke, so its work moves without waiting for
    /// its heartbeats to stop.
    private let connectionWatch: ConnectionWatch
    private let journal: any JournalStore
    private let answerer: BrokerQueryAnswerer
    /// Answers `mmi.stats.history` on its own connection, off this thread.
    private let historyReader: any JournalHistorySource
    private var state: BrokerState
    private let started = ContinuousClock.now
    private var pending: [BrokerAction] = []
    /// Actions waiting for their commit's sync (only with a `syncer`).
    private var held = HeldActions()
    /// Syncs the commits; nil when SQLite syncs inside each commit (`synchronous` below
    /// FULL needs no sync at all).
    private var syncer: JournalSyncer?
    private var metrics = BrokerMetricsReporter()
    /// When the counters last went to `metrics`.
    private var countersReportedAt: ContinuousClock.Instant?
    /// Whether the last read of the ROUTER stopped at the batch limit with messages still
    /// waiting: the state machine then judges no worker silent past the moment it last
    /// caught up (``SilenceHorizon``).
    private var inputBacklogged = false
    private var diskWatch: DiskSpaceWatch
    private var diskCheckedAt: ContinuousClock.Instant?

    private let control: SocketLoopControl<BrokerCommand>
    private let status: BrokerStatusBox

    init(control: SocketLoopControl<BrokerCommand>, settings: BrokerSettings, logger: Logger, status: BrokerStatusBox) throws {
        let context = control.context
        self.control = control
        self.status = status
        self.settings = settings
        self.logger = logger
        diskWatch = DiskSpaceWatch(minimumFreeBytes: settings.minimumFreeDiskBytes, path: settings.dataDirectory.path)
        journal = try Self.openJournal(settings, logger: logger)
        answerer = BrokerQueryAnswerer(journal: journal)
        historyReader = try journal.historyReader()

        if let security = settings.security {
            // The ZAP handler must exist before the CURVE socket binds, or libzmq admits
            // every client that knows the server key.
            zap = try ZAPAuthenticator(context: context, authorizedKeysDirectory: security.authorizedKeysDirectory, logger: logger)
        } else {
            zap = nil
        }
        router = try context.makeSocket(.router)
        connectionWatch = try ConnectionWatch(router: router, logger: logger)
        readableSockets = [router, connectionWatch.socket] + (zap.map { [$0.socket] } ?? [])
        try router.setRouterMandatory(true)
        try router.setRouterHandover(true)
        try router.setLinger(.milliseconds(200))
        try router.setSendHighWaterMark(100_000)
        try router.setReceiveHighWaterMark(100_000)
        try router.setTCPKeepalive(true)
        try router.setMaxMessageSize(64 << 20)
        // Thousands of agents connecting at once (a broker restart) must not overflow the
        // accept queue: Linux's own cap, net.core.somaxconn, is 4,096 by default.
        try router.setListenBacklog(4_096)
        publisher = try context.makeSocket(.pub)
        try publisher.setLinger(.zero)
        try publisher.setSendHighWaterMark(100_000)
        if let security = settings.security {
            for socket in [router, publisher] {
                try socket.setZAPDomain("cluster")
                try socket.configureCurveServer(security.keyPair)
            }
        }
        try router.bind(settings.routerEndpoint)
        try publisher.bind(settings.publisherEndpoint)
        let endpoints = BrokerEndpoints(router: try router.lastEndpoint, publisher: try publisher.lastEndpoint)
        status.bound(endpoints)

        var configuration = settings.state
        configuration.routerEndpoints = [endpoints.router]
        configuration.publisherEndpoints = [endpoints.publisher]
        state = BrokerState(
            configuration: configuration,
            makeTaskID: { TaskIdentifier.make() },
            jitter: { Double.random(in: $0) })
        let unfinished = try journal.unfinishedTasks()
        logger.info("broker listening on \(endpoints.router), publishing on \(endpoints.publisher); \(unfinished.count) unfinished task(s) restored from \(journal.location)")
        if let journal = journal as? TaskJournal, journal.options.deferredSync {
            syncer = JournalSyncer(
                journal: journal,
                willSync: settings.journalSyncWillStart,
                synced: { ticket in control.post(.journalSynced(ticket)) },
                failed: { error in control.post(.journalSyncFailed(error)) })
        }
        var continuations: [String: TaskContinuation] = [:]
        for record in unfinished where record.attempts > 0 || record.spec.parent != nil {
            continuations[record.id] = try? journal.continuation(of: record)
        }
        pending += state.restoreAgentPauses(try journal.agentPauses())
        pending += state.restore(unfinished, continuations: continuations, now: now())
        do {
            try flush()
        } catch {
            syncer?.stop()
            throw error
        }
    }

    /// The SQLite journal in the data directory, synced by the `JournalSyncer`, or the
    /// PostgreSQL journal the settings name, durable at each commit and fenced.
    private static func openJournal(_ settings: BrokerSettings, logger: Logger) throws(JournalError) -> any JournalStore {
        if let postgres = settings.postgresJournal {
            return try PostgresJournal(
                settings: postgres, options: settings.journal, fence: settings.journalFence, logger: logger)
        }
        var options = settings.journal
        options.deferredSync = true
        return try TaskJournal(directory: settings.dataDirectory, options: options)
    }

    private func now() -> BrokerTime {
        BrokerTime(uptime: ContinuousClock.now - started, wall: Date())
    }

    /// Built once: the loop reads this on every wake-up, a thousand times a second with a
    /// thousand agents heartbeating.
    let readableSockets: [ZMQSocket]

    func socketReadable(at index: Int) {
        if index == 1 {
            connectionEvents(at: now())
            do {
                try flush()
            } catch {
                fail(error)
            }
            return
        }
        if index == 2 {
            zap?.serve()
            return
        }
        var handled = 0
        var heartbeatsOnly = true
        while handled < settings.batchLimit, let (frames, source) = receiveRouterMessage() {
            handled += 1
            if !feed(frames, source: source) { heartbeatsOnly = false }
            // A sync that finished during a long batch releases its replies now, not at the
            // end of the batch: the submitters wait for them.
            if handled % 8 == 0, let syncer, !held.isEmpty { perform(held.synced(upTo: syncer.covered)) }
        }
        inputBacklogged = handled >= settings.batchLimit && router.isReadable
        // More waiting to be read: read it at once rather than pause for it.
        let pause = inputBacklogged ? nil : QuietPause(duration: settings.quietPause).after(
            handled: handled, heartbeatsOnly: heartbeatsOnly, producedActions: !pending.isEmpty, holding: !held.isEmpty)
        do {
            try flush()
        } catch {
            fail(error)
        }
        if let pause { Thread.sleep(forTimeInterval: pause.seconds) }
    }

    /// Feeds the state machine every connection that broke since the last look.
    private func connectionEvents(at time: BrokerTime) {
        for peer in connectionWatch.closedWorkers() {
            pending += state.connectionClosed(peer, now: time)
        }
    }

    private func receiveRouterMessage() -> (frames: [Frame], source: Int32)? {
        do {
            return try router.receiveWithSource(dontWait: true)
        } catch {
            logger.error("receiving on the router socket failed: \(error)")
            return nil
        }
    }

    /// Decodes one message and hands it to the state machine; returns whether it was a
    /// worker's HEARTBEAT. `source` is the connection it came over (ZMQ_SRCFD).
    private func feed(_ frames: [Frame], source: Int32) -> Bool {
        let time = now()
        guard frames.count >= 2 else {
            pending += state.rejectInvalid(from: PeerID(frames.first ?? .empty), reason: "a message with no frames after the identity", now: time)
            return false
        }
        let peer = PeerID(frames[0])
        let decoded: (message: MDPMessage, framing: MDPFraming)
        do {
            decoded = try MDPCodec.decode(Array(frames.dropFirst()))
        } catch {
            pending += state.rejectInvalid(from: peer, reason: error.description, now: time)
            return false
        }
        if case .worker = decoded.message, connectionWatch.needsEvents(peer, on: source) {
            // Breaks seen before this message's connection came up are decided first.
            connectionEvents(at: time)
            if connectionWatch.observe(peer, on: source) {
                pending += state.connectionResumed(peer, now: time)
            }
        }
        var existing: TaskRecord?
        if Self.mayCarryIdempotencyKey(decoded.message), let key = BrokerState.idempotencyKey(of: decoded.message) {
            existing = try? journal.task(idempotencyKey: key)
        }
        var parent: TaskRecord?
        if Self.mayNameParent(decoded.message), let parentID = BrokerState.parentTaskID(of: decoded.message) {
            parent = try? journal.task(id: parentID)
        }
        pending += state.receive(
            decoded.message, framing: decoded.framing, from: peer, existingTask: existing, parentTask: parent, now: time)
        if case .worker(.heartbeat) = decoded.message { return true }
        return false
    }

    func handle(_ command: BrokerCommand) {
        switch command {
        case .counters(let continuation):
            continuation.resume(returning: state.counters)
        case .reloadAuthorizedKeys:
            zap?.reload()
        case .curveAdmissions(let continuation):
            continuation.resume(returning: zap?.admissions)
        case .journalSynced(let ticket):
            perform(held.synced(upTo: ticket))
        case .journalSyncFailed(let error):
            fail(error)
        case .leadership(let leadership):
            state.leadership = leadership
        case .raise(let alert):
            pending += state.raiseDetected(alert, now: now())
            do {
                try flush()
            } catch {
                fail(error)
            }
        case .reply(let action):
            if case .send(let peer, let frames) = action { send(frames, to: peer) }
        case .journalFence(let fence):
            (journal as? PostgresJournal)?.fence = fence
        }
    }

    func tick(now instant: ContinuousClock.Instant) -> Duration {
        let time = now()
        pending += state.tick(now: time, inputBacklogged: inputBacklogged)
        checkDiskSpace(at: instant, time: time)
        do {
            try flush()
        } catch {
            fail(error)
        }
        let next = Self.nextDeadline(of: &state, after: time)
        return max(.milliseconds(1), next.uptime - time.uptime)
    }

    /// Reads the data directory's free space at most every `diskCheckInterval` (one
    /// `statvfs`, microseconds) and raises `low_disk_space` when the watch says so.
    private func checkDiskSpace(at instant: ContinuousClock.Instant, time: BrokerTime) {
        guard settings.minimumFreeDiskBytes > 0 else { return }
        if let last = diskCheckedAt, instant - last < settings.diskCheckInterval { return }
        diskCheckedAt = instant
        guard let free = FreeDiskSpace.bytes(at: settings.dataDirectory.path) else { return }
        if let alert = diskWatch.observe(freeBytes: free) {
            pending += state.raiseDetected(alert, now: time)
        }
    }

    /// `state.nextDeadline(after:)` reached through `inout`: called on the stored property
    /// directly, it copied the whole state (every table's reference) on each wake-up.
    private static func nextDeadline(of state: inout BrokerState, after time: BrokerTime) -> BrokerTime {
        state.nextDeadline(after: time)
    }

    /// Commits the batch's journal writes, then performs everything else in order, once
    /// the commit is on disk.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        var actions = pending
        pending.removeAll(keepingCapacity: true)
        let committed = try commit(&actions)
        guard let syncer else {
            perform(actions)
            return
        }
        let (now, ticket) = held.add(actions, committed: committed)
        if let ticket { syncer.request(ticket) }
        perform(now)
    }

    private func commit(_ actions: inout [BrokerAction]) throws(JournalError) -> Bool {
        let started = ContinuousClock.now
        guard let writes = try BatchCommit.commit(&actions, state: &state, journal: journal, now: now()) else { return false }
        metrics.recordCommit(duration: ContinuousClock.now - started, writes: writes)
        return true
    }

    /// Carries out actions whose journal writes, if any, are on disk.
    private func perform(_ actions: [BrokerAction]) {
        guard !actions.isEmpty else { return }
        reportCounters()
        for action in actions {
            switch action {
            case .journal:
                continue
            case .send(let peer, let frames):
                send(frames, to: peer)
            case .publish(let message):
                _ = try? publisher.send(message.frames, dontWait: true)
            case .query(let query) where query.isHistory:
                let reader = historyReader, control = control
                Task.detached { control.post(.reply(await reader.answer(query))) }
            case .query(let query):
                let answer = answerer.answer(query, extraMetrics: { zap?.admissions.prometheusText ?? "" })
                if case .send(let peer, let frames) = answer { send(frames, to: peer) }
            case .log(let level, let message):
                logger.log(level: level, "\(message)")
            case .alert(let alert):
                settings.alertSink?(alert)
            }
        }
    }

    /// How often at most the counters go to swift-metrics. Reading them is by reflection
    /// (`BrokerMetricsReporter`), too costly to do for every batch under plain MDP traffic
    /// (docs/BENCHMARKS.md). The totals are the same, only up to this
    /// much later; a quiet broker still flushes at each heartbeat round, so nothing waits longer.
    private static let countersInterval = Duration.milliseconds(100)

    private func reportCounters() {
        let instant = ContinuousClock.now
        if let last = countersReportedAt, instant - last < Self.countersInterval { return }
        countersReportedAt = instant
        metrics.record(state.counters)
    }

    private static let idempotencyKeyName = Array(#""idempotency_key""#.utf8)

    /// Whether a message may be a submit that carries an idempotency key, decided without
    /// decoding its JSON (a full decode per submit, done again by the state machine). The
    /// key can be present only if a body frame holds its name literally, or holds a `\`
    /// with which an escape could spell it; otherwise `idempotencyKey(of:)` is nil.
    static func mayCarryIdempotencyKey(_ message: MDPMessage) -> Bool {
        guard case .client(.request(let service, let body)) = message, service == ClusterService.taskSubmit else { return false }
        return body.contains { frame in
            frame.bytes.contains(UInt8(ascii: "\\")) || contains(idempotencyKeyName, in: frame.bytes)
        }
    }

    private static let parentName = Array(#""parent""#.utf8)

    /// Whether a message may be a submit of a follow-up, decided as
    /// ``mayCarryIdempotencyKey(_:)`` is: only then is the parent looked up in the journal.
    static func mayNameParent(_ message: MDPMessage) -> Bool {
        guard case .client(.request(let service, let body)) = message, service == ClusterService.taskSubmit else { return false }
        return body.contains { frame in
            frame.bytes.contains(UInt8(ascii: "\\")) || contains(parentName, in: frame.bytes)
        }
    }

    private static func contains(_ pattern: [UInt8], in bytes: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }

    private func send(_ frames: [Frame], to peer: PeerID) {
        do throws(ZMQError) {
            if try !router.send([peer.identity] + frames, dontWait: true) {
                logger.warning("dropped a message to \(peer): its send queue is full")
            }
        } catch let error where error.isHostUnreachable {
            // The peer is gone; the state machine notices through missing heartbeats.
            logger.debug("peer \(peer) is no longer connected")
        } catch {
            logger.error("sending to \(peer) failed: \(error)")
        }
    }

    /// A journal failure: nothing more may be acknowledged, so the broker stops rather
    /// than pretend. Restarting it replays the journal.
    private func fail(_ error: any Error) {
        logger.critical("the task journal failed (\(error)); stopping the broker so nothing is acknowledged that is not stored")
        pending.removeAll()
        held = HeldActions()
        syncer?.stop()
        syncer = nil
        status.failed("the task journal failed: \(error)")
        control.stop()
    }

    func stopping() {
        // What is held was committed: sync it here and let it leave before the sockets close.
        if let syncer {
            syncer.stop()
            self.syncer = nil
            do {
                try syncer.syncNow()
                perform(held.releaseAll())
            } catch {
                logger.critical("\(error); \(held.releaseAll().count) held replies and events were not sent")
            }
        }
        metrics.record(state.counters)
        zap?.close()
        connectionWatch.close()
        publisher.close()
        try? journal.close()
        logger.info("broker stopped")
    }
}

/// What other threads may ask the broker thread.
enum BrokerCommand: Sendable {
    case counters(CheckedContinuation<BrokerCounters, Never>)
    case reloadAuthorizedKeys
    case curveAdmissions(CheckedContinuation<CurveAdmissions?, Never>)
    /// The journal's syncer made every commit up to this ticket durable.
    case journalSynced(UInt64)
    /// The journal's syncer failed; nothing more may be acknowledged.
    case journalSyncFailed(JournalError)
    /// Who leads the brokers sharing the journal now (`mmi.info` reports it).
    case leadership(BrokerLeadership)
    /// An alert the broker's owner detected (a takeover), published and delivered like the
    /// state machine's own.
    case raise(Alert)
    /// An answer worked out off the broker thread (a `JournalHistorySource`'s), to send.
    case reply(BrokerAction)
    /// From now on every commit to the PostgreSQL journal proves this fence (a takeover
    /// bumped the epoch); ignored by the SQLite journal.
    case journalFence(JournalFence)
}
