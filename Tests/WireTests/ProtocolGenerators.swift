import PropertyBased
import Wire

/// Random frames and MDP messages for the property tests.
enum ProtocolGen {
    /// Frames that look like the start of a real command, so random messages get deep
    /// into the decoder instead of failing on the first frame.
    static let interestingFrames: [Frame] = [
        .empty, "MDPC02", "MDPW02", "MDPC01", "MDPW01", "MDPC0", "MDPW022",
        Frame([0]), Frame([1]), Frame([2]), Frame([3]), Frame([4]), Frame([5]), Frame([6]), Frame([7]), Frame([0xFF]),
        Frame([1, 0]), "echo", "mmi.service", "@control", Frame([0xC3, 0x28]), Frame([0xFF, 0xFE]),
        "{\"v\":1}", "{}", "[]", "null", "{\"v\":2,\"kind\":\"task.cancel\",\"task_id\":\"t\"}",
    ]

    static func int(_ range: ClosedRange<Int>, _ rng: inout any SeededRandomNumberGenerator) -> Int {
        Int.random(in: range, using: &rng)
    }

    static func bytes(_ count: ClosedRange<Int>, _ rng: inout any SeededRandomNumberGenerator) -> [UInt8] {
        (0..<int(count, &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func frame(_ rng: inout any SeededRandomNumberGenerator) -> Frame {
        switch int(0...9, &rng) {
        case 0...4: interestingFrames[int(0...(interestingFrames.count - 1), &rng)]
        case 5...8: Frame(bytes(0...8, &rng))
        default: Frame(bytes(0...300, &rng))
        }
    }

    /// A non-empty frame: envelope frames can never be empty.
    static func address(_ rng: inout any SeededRandomNumberGenerator) -> Frame {
        Frame(bytes(1...8, &rng))
    }

    static func frames(_ count: ClosedRange<Int>, _ rng: inout any SeededRandomNumberGenerator) -> [Frame] {
        (0..<int(count, &rng)).map { _ in frame(&rng) }
    }

    static let serviceAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.-_ é服🙂")

    static func service(_ rng: inout any SeededRandomNumberGenerator) -> String {
        String((0..<int(1...16, &rng)).map { _ in serviceAlphabet[int(0...(serviceAlphabet.count - 1), &rng)] })
    }

    /// A well-formed command: it must survive encode then decode unchanged.
    static func message(_ rng: inout any SeededRandomNumberGenerator) -> MDPMessage {
        let body = frames(1...4, &rng)
        let envelope = (0..<int(1...3, &rng)).map { _ in address(&rng) }
        let extensions = frames(0...3, &rng)
        return switch int(0...8, &rng) {
        case 0: .client(.request(service: service(&rng), body: body))
        case 1: .client(.partial(service: service(&rng), body: body))
        case 2: .client(.final(service: service(&rng), body: body))
        case 3: .worker(.ready(service: service(&rng), extensions: extensions))
        case 4: .worker(.request(envelope: envelope, body: body))
        case 5: .worker(.partial(envelope: envelope, body: body))
        case 6: .worker(.final(envelope: envelope, body: body))
        case 7: .worker(.heartbeat(extensions: extensions))
        default: .worker(.disconnect(extensions: extensions))
        }
    }

    static func framing(_ rng: inout any SeededRandomNumberGenerator) -> MDPFraming {
        Bool.random(using: &rng) ? .spec : .delimited
    }

    /// A real command with one to three mutations: a frame dropped, inserted, replaced,
    /// truncated, or the list cut short.
    static func mutated(_ rng: inout any SeededRandomNumberGenerator) -> [Frame] {
        var frames = MDPCodec.encode(message(&rng), framing: framing(&rng))
        for _ in 0..<int(1...3, &rng) {
            let index = int(0...max(0, frames.count - 1), &rng)
            switch int(0...4, &rng) {
            case 0 where !frames.isEmpty: frames.remove(at: index)
            case 1: frames.insert(frame(&rng), at: min(index, frames.count))
            case 2 where !frames.isEmpty: frames[index] = frame(&rng)
            case 3 where !frames.isEmpty: frames[index] = Frame(Array(frames[index].bytes.prefix(int(0...6, &rng))))
            default: frames = Array(frames.prefix(index))
            }
        }
        return frames
    }

    /// Random frame lists of every flavour: noise, command-like noise, mutated commands.
    static let anyFrames = Generator<[Frame], Shrink.None<[Frame]>>(run: { rng in
        switch int(0...2, &rng) {
        case 0: frames(0...10, &rng)
        case 1: [interestingFrames[int(0...1, &rng) + 1], frame(&rng)] + frames(0...6, &rng)
        default: mutated(&rng)
        }
    })

    static let messages = Generator<MDPMessage, Shrink.None<MDPMessage>>(run: { rng in message(&rng) })
    static let framings = Generator<MDPFraming, Shrink.None<MDPFraming>>(run: { rng in framing(&rng) })
}
