import Crypto
import Foundation

/// GitHub's `X-Hub-Signature-256`: `sha256=<hex HMAC-SHA256 of the raw body>`.
struct WebhookSignature: Sendable {
    // SymmetricKey is not Sendable; the bytes are, and a key is cheap to rebuild.
    private let secret: [UInt8]

    /// A verifier for deliveries signed with `secret`.
    init(secret: String) {
        self.secret = Array(secret.utf8)
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// The header value GitHub would send for `body`.
    func sign<Body: DataProtocol>(_ body: Body) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: key)
        return "sha256=" + Hex.encode(Array(code))
    }

    /// True when `header` is a well-formed signature of exactly `body`; compared in constant time.
    func isValid<Body: DataProtocol>(header: String?, body: Body) -> Bool {
        guard let header else { return false }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("sha256="),
            let received = Hex.decode(trimmed.dropFirst("sha256=".count)),
            received.count == SHA256.byteCount
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(received, authenticating: body, using: key)
    }
}
