import Foundation
import Logging
import Wire

/// The broker's ZAP handler (RFC 27): admits only CURVE clients whose public key is in
/// the authorised-keys directory.
///
/// Without a ZAP handler libzmq lets in any client that knows the server's public key, so
/// the broker creates this before binding a CURVE socket. The directory holds one Z85
/// public key per `*.pub` file; it is re-read when its modification time changes and on
/// `reload()` (SIGHUP).
final class ZAPAuthenticator {
    static let endpoint = "inproc://zeromq.zap.01"

    let socket: ZMQSocket
    private let directory: URL
    private let logger: Logger
    private var authorized: Set<[UInt8]> = []
    private var loadedModification: Date?
    private var refusedAddresses: Set<String> = []
    private(set) var refusals = 0

    init(context: ZMQContext, authorizedKeysDirectory: URL, logger: Logger) throws {
        self.directory = authorizedKeysDirectory
        self.logger = logger
        socket = try context.makeSocket(.rep)
        try socket.setLinger(.zero)
        try socket.bind(Self.endpoint)
        reload()
    }

    /// Re-reads the authorised keys.
    func reload() {
        let manager = FileManager.default
        loadedModification = (try? manager.attributesOfItem(atPath: directory.path))?[.modificationDate] as? Date
        var keys: Set<[UInt8]> = []
        let files = (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
        for file in files where file.hasSuffix(".pub") {
            let path = directory.appendingPathComponent(file).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let key = try? CurveKey(z85: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                logger.warning("ignored \(path): it does not hold a Z85 CURVE public key")
                continue
            }
            keys.insert(key.raw)
        }
        authorized = keys
        logger.info("authorised \(keys.count) CURVE key(s) from \(directory.path)")
    }

    private func reloadIfChanged() {
        let modification = (try? FileManager.default.attributesOfItem(atPath: directory.path))?[.modificationDate] as? Date
        if modification != loadedModification { reload() }
    }

    /// Answers every waiting ZAP request.
    func serve() {
        while let request = try? socket.receive(dontWait: true) {
            _ = try? socket.send(answer(request))
        }
    }

    private func answer(_ frames: [Frame]) -> [Frame] {
        // version, request id, domain, address, identity, mechanism, credentials...
        guard frames.count >= 6, frames[0].string == "1.0" else {
            return ["1.0", frames.count > 1 ? frames[1] : .empty, "500", "malformed ZAP request", .empty, .empty]
        }
        let requestID = frames[1]
        let address = frames[3].string ?? "?"
        let mechanism = frames[5].string ?? ""
        reloadIfChanged()
        if mechanism == "CURVE", frames.count >= 7, authorized.contains(frames[6].bytes) {
            return ["1.0", requestID, "200", "OK", Frame((try? Z85.encode(frames[6].bytes)) ?? ""), .empty]
        }
        refusals += 1
        if refusedAddresses.insert(address).inserted {
            logger.warning("refused a \(mechanism.isEmpty ? "plain" : mechanism) connection from \(address): its key is not in \(directory.path)")
        }
        return ["1.0", requestID, "400", "key not authorised", .empty, .empty]
    }

    func close() { socket.close() }
}
