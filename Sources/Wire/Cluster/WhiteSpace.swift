/// Trimming and blank checks by the Unicode White_Space property, in plain Swift.
///
/// Foundation's `trimmingCharacters(in:)` bridges every string to `NSString` on Linux,
/// which cost a few per cent of the broker's and the bridge's time per task; these read
/// the scalars directly. White_Space covers spaces of every width, tabs and line breaks.
public enum WhiteSpace {
    /// `text` without white space at either end.
    public static func trimmed(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhite($0) }),
              let last = scalars.lastIndex(where: { !isWhite($0) }) else { return "" }
        // Most text has nothing to trim: keep it whole rather than rebuild it scalar by scalar.
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(text) }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// True when `text` is empty or only white space.
    public static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy(isWhite)
    }

    /// Whether `scalar` has the White_Space property; ASCII is decided without the
    /// Unicode tables (tab to carriage return, and space).
    static func isWhite(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
