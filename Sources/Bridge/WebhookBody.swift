import Foundation

/// The JSON inside a webhook body: the body itself, or the `payload` field of a
/// `application/x-www-form-urlencoded` body (GitHub's "form" content type).
enum WebhookBody {
    static let formType = "application/x-www-form-urlencoded"

    /// The JSON bytes, or 400 when a form body has no usable `payload` field.
    static func json(_ raw: [UInt8], mediaType: String) throws(Problem) -> [UInt8] {
        guard mediaType == formType else { return raw }
        let text = String(decoding: raw, as: UTF8.self)
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, decode(parts[0]) == "payload" else { continue }
            guard let value = decode(parts[1]) else { break }
            return Array(value.utf8)
        }
        throw .badRequest("a form-encoded webhook body needs a percent-encoded payload=<json> field")
    }

    /// A form component: `+` is a space, then percent-decoding.
    private static func decode(_ component: Substring) -> String? {
        component.replacing("+", with: " ").removingPercentEncoding
    }
}
