import Crypto
import Foundation

/// The configured API token, checked without leaking its length or content through timing.
struct BearerToken: Sendable {
    private let digest: [UInt8]

    init(_ token: String) {
        self.digest = Array(SHA256.hash(data: Data(token.utf8)))
    }

    /// True when `authorization` is `Bearer <the token>` (scheme in any case).
    ///
    /// Both sides are hashed first so the comparison always covers 32 bytes, whatever
    /// was sent; the loop then looks at every byte before answering.
    func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let presented = Array(SHA256.hash(data: Data(parts[1].trimmingCharacters(in: .whitespaces).utf8)))
        var difference: UInt8 = 0
        for (left, right) in zip(digest, presented) { difference |= left ^ right }
        return difference == 0
    }
}
