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

    /// Text and badges stay readable in both themes: WCAG's 4.5:1 for normal text, with the
    /// colours as console.css sets them for light and for `prefers-color-scheme: dark`.
    @Test func colorsHaveReadableContrastInLightAndDark() throws {
        let css = StatusPage.style
        let darkStart = try #require(css.range(of: "@media (prefers-color-scheme: dark)"))
        let themes = [("light", String(css[..<darkStart.lowerBound])), ("dark", String(css[darkStart.upperBound...]))]
        let pairs = [("text", "bg"), ("text", "panel"), ("muted", "bg"), ("muted", "panel"), ("info", "panel"), ("info", "bg"),
                     ("ok", "ok-bg"), ("busy", "busy-bg"), ("bad", "bad-bg"), ("info", "info-bg"), ("panel", "info"), ("bad", "panel")]
        for (theme, text) in themes {
            let colors = Self.customProperties(in: String(text[..<(text.range(of: "}")?.lowerBound ?? text.endIndex)]))
            for (foreground, background) in pairs {
                let ratio = try Self.contrast(#require(colors[foreground], "\(theme) --\(foreground)"), #require(colors[background], "\(theme) --\(background)"))
                #expect(ratio >= 4.5, "\(theme): --\(foreground) on --\(background) is \(ratio):1")
            }
        }
    }

    /// `--name: #rrggbb` declarations.
    static func customProperties(in css: String) -> [String: String] {
        var colors: [String: String] = [:]
        for chunk in css.components(separatedBy: "--").dropFirst() {
            let parts = chunk.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let value = parts[1].prefix { $0 != ";" && $0 != "}" }.trimmingCharacters(in: .whitespacesAndNewlines)
            if value.hasPrefix("#") { colors[parts[0].trimmingCharacters(in: .whitespaces)] = value }
        }
        return colors
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    static func contrast(_ first: String, _ second: String) -> Double {
        func linear(_ channel: Int) -> Double {
            let value = Double(channel) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let red = linear((value >> 16) & 0xFF), green = linear((value >> 8) & 0xFF), blue = linear(value & 0xFF)
            return 0.2126 * red + 0.7152 * green + 0.0722 * blue
        }
        let (a, b) = (luminance(first), luminance(second))
        return ((max(a, b) + 0.05) / (min(a, b) + 0.05) * 10).rounded() / 10
    }

    static func between(_ open: String, _ close: String, in text: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
