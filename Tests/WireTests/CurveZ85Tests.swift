import PropertyBased
import Testing
import Wire

@Suite("CURVE: Z85 and keys")
struct CurveZ85Tests {
    @Test("the Z85 spec's example encodes to HelloWorld and back")
    func specVector() throws {
        let bytes: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(try Z85.encode(bytes) == "HelloWorld")
        #expect(try Z85.decode("HelloWorld") == bytes)
        #expect(try Z85.encode([]) == "")
    }

    @Test("random 32- and 64-byte inputs round-trip", arguments: [32, 64])
    func roundTrip(count: Int) async {
        await propertyCheck(count: 200, input: Gen.uint8().array(of: count)) { bytes in
            let text = try Z85.encode(bytes)
            #expect(text.utf8.count == count / 4 * 5)
            #expect(try Z85.decode(text) == bytes)
        }
    }

    @Test("bad Z85 input throws a reason")
    func badInput() {
        #expect(throws: Z85Error.inputNotMultipleOfFour(byteCount: 3)) { try Z85.encode([1, 2, 3]) }
        #expect(throws: Z85Error.textNotMultipleOfFive(length: 4)) { try Z85.decode("Hell") }
        #expect(throws: Z85Error.invalidCharacter(offset: 2)) { try Z85.decode("He~loWorld") }
        #expect(throws: Z85Error.invalidCharacter(offset: 0)) { try Z85.decode("\u{e9}abc") }
        #expect(throws: Z85Error.groupTooLarge(offset: 5)) { try Z85.decode("Hello#####") }
    }

    @Test("CurveKey checks lengths and accepts a key file's trailing newline")
    func curveKeyInput() throws {
        #expect(throws: CurveKeyError.wrongByteCount(31)) { try CurveKey(raw: Array(repeating: 0, count: 31)) }
        #expect(throws: CurveKeyError.wrongZ85Length(39)) { try CurveKey(z85: String(repeating: "0", count: 39)) }
        #expect(throws: CurveKeyError.invalidZ85(.invalidCharacter(offset: 0))) {
            try CurveKey(z85: "~" + String(repeating: "0", count: 39))
        }
        let key = try CurveKey(raw: Array(0..<32))
        #expect(try CurveKey(z85: key.z85 + "\n") == key)
        #expect(key.z85.count == 40)
    }
}
