import Crypto
import Foundation

/// The console served at `GET /ui`: one HTML document with its style and script inline.
///
/// The page is kept as files in `Resources/` (console.html, console.css, console_model.js,
/// console_view.js), compiled into the binary and put together once. It holds no data
/// itself: its script calls the bridge's API with the bearer token the user typed (kept in
/// this browser's localStorage), so the page can be public while the data is not.
enum StatusPage {
    /// The whole page.
    static let html: String = template
        .replacing("{{STYLE}}", with: style)
        .replacing("{{SCRIPT}}", with: script)

    /// The page's script: the pure functions first, then the views that use them.
    static let script = resource(PackageResources.console_model_js) + "\n" + resource(PackageResources.console_view_js)

    static let style = resource(PackageResources.console_css)

    /// Lets the browser run exactly this page's inline script and style and nothing else,
    /// and talk only to the bridge that served it.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src '\(sourceHash(script))'; style-src '\(sourceHash(style))'; "
        + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    private static let template = resource(PackageResources.console_html)

    private static func resource(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A CSP source expression for an inline element's exact text: `sha256-<base64>`.
    static func sourceHash(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }
}
