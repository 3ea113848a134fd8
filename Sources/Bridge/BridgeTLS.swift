import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL

/// The bridge's TLS identity: a certificate chain and its private key, read from PEM files
/// and checked up front, so a bad file stops the bridge at start instead of at the first
/// connection.
///
/// ```swift
/// let tls = try BridgeTLS(certificatePath: "/etc/cluster/bridge.crt", keyPath: "/etc/cluster/bridge.key")
/// let configuration = BridgeConfiguration(host: "0.0.0.0", token: token, transport: .tls(tls))
/// ```
public struct BridgeTLS: Sendable, Hashable {
    /// The certificate first, then any intermediates.
    let certificateChain: [NIOSSLCertificate]
    let privateKey: NIOSSLPrivateKey
    /// Where the certificate came from, for messages.
    let certificatePath: String

    /// Reads both files; refuses a key that others may read or write.
    public init(certificatePath: String, keyPath: String) throws(BridgeTLSError) {
        var info = stat()
        guard stat(keyPath, &info) == 0 else { throw .unreadable(path: keyPath, reason: String(cString: strerror(errno))) }
        // A world-readable key is no longer a secret; group read is left to the operator
        // (Debian's ssl-cert group).
        guard UInt32(info.st_mode) & 0o026 == 0 else { throw .keyExposed(path: keyPath, mode: UInt32(info.st_mode) & 0o7777) }
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw .unreadable(path: certificatePath, reason: "not a PEM certificate (\(error))")
        }
        guard !chain.isEmpty else { throw .unreadable(path: certificatePath, reason: "holds no certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw .unreadable(path: keyPath, reason: "not a PEM private key (\(error))")
        }
        self.certificateChain = chain
        self.privateKey = key
        self.certificatePath = certificatePath
        do {
            // Builds the context once now: a key that does not match the certificate fails here.
            _ = try NIOSSLContext(configuration: tlsConfiguration)
        } catch {
            throw .mismatch(certificate: certificatePath, key: keyPath, reason: "\(error)")
        }
    }

    /// TLS 1.2 or later, serving this certificate.
    var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificateChain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}

extension BridgeTransport {
    /// The Hummingbird server for this transport: HTTP/1.1, wrapped in TLS when asked.
    var serverBuilder: HTTPServerBuilder {
        switch self {
        case .plainHTTP1:
            return .http1()
        case .tls(let tls):
            let configuration = tls.tlsConfiguration
            return HTTPServerBuilder { responder in
                try TLSChannel(HTTP1Channel(responder: responder), tlsConfiguration: configuration)
            }
        }
    }

    /// `https` or `http`, for the addresses the bridge prints.
    public var scheme: String {
        switch self {
        case .plainHTTP1: "http"
        case .tls: "https"
        }
    }
}

/// Why the bridge's TLS files cannot be used.
public enum BridgeTLSError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case keyExposed(path: String, mode: UInt32)
    case mismatch(certificate: String, key: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "bridge TLS: cannot use \(path): \(reason)"
        case .keyExposed(let path, let mode):
            "bridge TLS: the private key \(path) is readable or writable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)"
        case .mismatch(let certificate, let key, let reason):
            "bridge TLS: the key \(key) does not work with the certificate \(certificate): \(reason)"
        }
    }
}
