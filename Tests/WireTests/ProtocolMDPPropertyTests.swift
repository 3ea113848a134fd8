import PropertyBased
import Testing
import Wire

@Suite("MDP codec: properties")
struct ProtocolMDPPropertyTests {
    @Test("random frame lists never crash the decoder, and what decodes re-encodes to the same frames")
    func randomFramesDecodeSafely() async {
        await propertyCheck(count: 3000, input: ProtocolGen.anyFrames) { frames in
            guard let decoded = try? MDPCodec.decode(frames) else { return }
            #expect(MDPCodec.encode(decoded.message, framing: decoded.framing) == frames)
        }
    }

    @Test("every well-formed command round-trips in the framing it was given")
    func wellFormedRoundTrip() async {
        await propertyCheck(count: 1000, input: ProtocolGen.messages, ProtocolGen.framings) { message, framing in
            let decoded = try MDPCodec.decode(MDPCodec.encode(message, framing: framing))
            #expect(decoded.message == message)
            #expect(decoded.framing == framing)
        }
    }

    @Test("decode errors always carry a description")
    func errorsDescribe() async {
        await propertyCheck(count: 1000, input: ProtocolGen.anyFrames) { frames in
            do throws(MDPDecodingError) {
                _ = try MDPCodec.decode(frames)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
