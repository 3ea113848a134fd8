import Foundation
import TestSupport
import Testing
@testable import Bridge

/// The console's pure functions (routes, transcripts, event streams, charts, sub-task
/// nesting) run by Node on the script the bridge embeds; and the page as it is served.
@Suite struct ConsoleScriptTests {
    static let node = ["/usr/bin/node", "/usr/local/bin/node"].first(where: FileManager.default.isExecutableFile)

    @Test(.enabled(if: node != nil, "needs node to run the page's script"))
    func theModelPassesItsChecksInNode() async throws {
        let folder = try TestEnvironment.temporaryDirectory("console-model")
        let model = folder.appendingPathComponent("console_model.js")
        try Data(PackageResources.console_model_js).write(to: model)
        let checks = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Support/console_model_tests.js").path
        let run = try await runCommand(try #require(Self.node), [checks, model.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.hasSuffix("14 passed, 0 failed"), "\(run.output)")
    }

    @Test func thePageInlinesItsFilesAndTheirHashesAreInThePolicy() throws {
        let html = StatusPage.html
        #expect(!html.contains("{{"), "a placeholder was left in the page")
        let script = try #require(Self.between("<script>", "</script>", in: html))
        let style = try #require(Self.between("<style>", "</style>", in: html))
        #expect(script == StatusPage.script && style == StatusPage.style)
        let policy = StatusPage.contentSecurityPolicy
        // The SHA-256 of no bytes, in base64, as CSP writes hashes.
        #expect(StatusPage.sourceHash("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        for text in [script, style] {
            #expect(policy.contains("'\(StatusPage.sourceHash(text))'"), "\(policy)")
        }
        #expect(!policy.contains("unsafe-inline"))
        // Nothing from the internet: no script, style, font or image is loaded from elsewhere.
        for fragment in ["src=\"http", "href=\"http", "@import", "url(http", "fetch(\"http"] {
            #expect(!html.contains(fragment), "the page loads something from outside: \(fragment)")
        }
        #expect(html.utf8.count < 96 * 1024, "the page grew to \(html.utf8.count) bytes")
    }

    static func between(_ open: String, _ close: String, in text: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
