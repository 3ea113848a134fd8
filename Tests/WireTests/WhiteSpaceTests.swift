import Testing
@testable import Wire

/// Trimming by the White_Space property, with its ASCII shortcut.
@Suite struct WhiteSpaceTests {
    @Test func theASCIIShortcutAgreesWithTheUnicodeProperty() {
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            #expect(WhiteSpace.isWhite(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
        #expect(WhiteSpace.isWhite("\u{85}") && WhiteSpace.isWhite("\u{A0}") && WhiteSpace.isWhite("\u{3000}"))
        #expect(!WhiteSpace.isWhite("\u{200B}"))  // zero width space is not White_Space
    }

    @Test func trimsBothEndsAndKeepsTheInside() {
        #expect(WhiteSpace.trimmed("backend") == "backend")
        #expect(WhiteSpace.trimmed(" \u{A0}back end\t\r\n") == "back end")
        #expect(WhiteSpace.trimmed("é\u{301} ") == "é\u{301}")
        #expect(WhiteSpace.trimmed("  x"[...]) == "x")
        #expect(WhiteSpace.trimmed("\u{2028}") == "")
    }
}
