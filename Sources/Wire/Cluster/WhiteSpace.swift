/// Trimming and blank checks by the Unicode White_Space property, in plain Swift.
///
/// Foundation's `trimmingCharacters(in:)` bridges every string to `NSString` on Linux,
/// which cost a few per cent of the broker's and the bridge's time per task; these read
/// the scalars directly. White_Space covers spaces of every width, tabs and line breaks.
public enum WhiteSpace {
    /// `text` without white space at either end.
    public static func trimmed(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// True when `text` is empty or only white space.
    public static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }
}
