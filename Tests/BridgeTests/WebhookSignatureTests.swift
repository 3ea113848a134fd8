@testable import Bridge
import Foundation
import Testing

@Suite("Webhook signature")
struct WebhookSignatureTests {
    // GitHub's published test values ("Validating webhook deliveries").
    let signature = WebhookSignature(secret: "It's a Secret to Everybody")
    let expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"

    @Test func signsGitHubTestVector() {
        #expect(signature.sign(Array("Hello, World!".utf8)) == expected)
    }

    @Test func acceptsGitHubTestVector() {
        #expect(signature.isValid(header: expected, body: Array("Hello, World!".utf8)))
        #expect(signature.isValid(header: expected.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="), body: Array("Hello, World!".utf8)))
    }

    @Test func rejectsTamperedBodyWrongSecretAndMalformedHeaders() {
        #expect(!signature.isValid(header: expected, body: Array("Hello, World?".utf8)))
        #expect(!WebhookSignature(secret: "another").isValid(header: expected, body: Array("Hello, World!".utf8)))
        #expect(!signature.isValid(header: nil, body: Array("Hello, World!".utf8)))
        #expect(!signature.isValid(header: String(expected.dropFirst(7)), body: Array("Hello, World!".utf8)))
        #expect(!signature.isValid(header: "sha1=757107ea0eb2509fc211221cce984b8a37570b6d", body: Array("Hello, World!".utf8)))
        #expect(!signature.isValid(header: "sha256=zz", body: Array("Hello, World!".utf8)))
        #expect(!signature.isValid(header: String(expected.dropLast(2)), body: Array("Hello, World!".utf8)))
    }
}
