import Foundation
import Logging
import Wire

/// The broker's ZAP handler (RFC 27): admits only CURVE clients whose public key is in
/// the authorised-keys directory.
///
/// Without a ZAP handler libzmq lets in any client that knows the server's public key, so
/// the broker creates this before binding a CURVE socket. It runs on the broker thread:
/// its REP socket is polled next to the ROUTER. The directory is re-read when any `*.pub`
/// in it changes (checked on each handshake) and on `reload()` (SIGHUP).
///
/// Each refused peer is logged once per address and key, then only counted, so a client
/// retrying every 100 ms cannot flood the log.
final class ZAPAuthenticator {
    /// Where libzmq sends ZAP requests, for every socket of the context.
    static let endpoint = "inproc://zeromq.zap.01"
    /// Peers remembered for log-once; past this, new refusals are counted only.
    static let rememberedRefusals = 1024

    let socket: ZMQSocket
    private let directory: URL
    private let logger: Logger
    private var keys = AuthorizedKeys(files: [])
    private var fingerprint = ""
    private var loggedRefusals: Set<String> = []
    private(set) var admissions = CurveAdmissions()

    init(context: ZMQContext, authorizedKeysDirectory: URL, logger: Logger) throws {
        self.directory = authorizedKeysDirectory
        self.logger = logger
        socket = try context.makeSocket(.rep)
        try socket.setLinger(.zero)
        do {
            try socket.bind(Self.endpoint)
        } catch where error.code == EADDRINUSE {
            throw BrokerStartError(reason: "another ZAP handler already serves this ZeroMQ context: run one CURVE broker per context")
        }
        reload(reason: "start")
    }

    /// Re-reads the authorised keys.
    func reload(reason: String = "SIGHUP") {
        fingerprint = AuthorizedKeys.fingerprint(of: directory)
        keys = AuthorizedKeys.read(from: directory)
        admissions.reloads += 1
        admissions.authorizedKeys = keys.count
        for problem in keys.problems { logger.warning("authorised keys: \(problem)") }
        logger.notice("authorised \(keys.count) CURVE key(s) from \(directory.path) (\(reason))")
    }

    private func reloadIfChanged() {
        if AuthorizedKeys.fingerprint(of: directory) != fingerprint { reload(reason: "the directory changed") }
    }

    /// Answers every waiting ZAP request.
    func serve() {
        while let frames = try? socket.receive(dontWait: true) {
            _ = try? socket.send(answer(frames))
        }
    }

    private func answer(_ frames: [Frame]) -> [Frame] {
        guard let request = ZAPRequest(frames: frames) else {
            admissions.refused += 1
            logger.error("answered a malformed ZAP request (\(frames.count) frames) with 500")
            return ZAPDecision.refuse(status: "500", reason: "malformed ZAP request").reply(to: frames.count > 1 ? frames[1] : .empty)
        }
        reloadIfChanged()
        let decision = ZAPDecision.decide(request, keys: keys)
        switch decision {
        case .admit:
            admissions.admitted += 1
        case .refuse(_, let reason):
            admissions.refused += 1
            noteRefusal(request, reason: reason)
        }
        return decision.reply(to: request.requestID)
    }

    private func noteRefusal(_ request: ZAPRequest, reason: String) {
        let key = request.curvePublicKey?.z85 ?? "-"
        let peer = "\(request.address) \(request.mechanism) \(key)"
        guard !loggedRefusals.contains(peer) else { return }
        guard loggedRefusals.count < Self.rememberedRefusals else {
            if loggedRefusals.count == Self.rememberedRefusals {
                loggedRefusals.insert("")
                logger.warning("more than \(Self.rememberedRefusals) distinct peers refused: further refusals are only counted (cluster_broker_curve_refused_total)")
            }
            return
        }
        loggedRefusals.insert(peer)
        if request.mechanism == "CURVE" {
            // A public key is not a secret: printing it lets the operator authorise it.
            logger.warning("refused a CURVE client from \(request.address) with public key \(key): \(reason); to admit it, put that key in \(directory.path)/<name>.pub (logged once per peer; later refusals are counted)")
        } else {
            logger.warning("refused a \(request.mechanism) client from \(request.address): \(reason) (logged once per peer)")
        }
    }

    func close() { socket.close() }
}
