import Foundation
import PropertyBased
import Testing
@testable import Wire

/// The hand-written readers (`JSONBodyReader`) are a shortcut in front of `JSONDecoder`:
/// on the plain bodies the cluster writes they must read, and whatever they read, damaged
/// or not, must be exactly what `JSONDecoder` reads. Anything else they must leave alone.
@Suite("JSON bodies read by hand")
struct JSONBodyReaderTests {
    @Test("every spec, submit, result, completion, record and reply the cluster writes is read by hand, as JSONDecoder reads it")
    func plainBodies() async {
        await propertyCheck(count: 400, input: Self.bodies) { body in
            for bytes in [body.bytes, try Self.pretty(body)] {
                let fast = try #require(body.readByHand(bytes), "not read by hand: \(String(decoding: bytes, as: UTF8.self))")
                #expect(fast == (try body.readWithFoundation(bytes)))
            }
        }
    }

    @Test("a damaged body is read by hand only as JSONDecoder reads it")
    func damagedBodies() async {
        await propertyCheck(count: 3000, input: Self.damagedBodies) { damaged in
            let (body, bytes) = damaged
            guard let fast = body.readByHand(bytes) else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            let foundation = try? body.readWithFoundation(bytes)
            #expect(foundation == fast, "read by hand but not so by JSONDecoder: \(text)")
        }
    }

    @Test("escapes, white space, nulls and unknown members read as JSONDecoder reads them", arguments: [
        #"{"title":"a\/b\u00e9\ud83d\ude00\u0041\"\\\b\f\n\r\t","description":null,"type":null,"labels":null}"#,
        #" {"description":"only a description that is rather longer than seventy-two characters, to be cut for the title"} "#,
        #"{"title":"t","extra":{"deep":[1,-2.5e-3,true,false,null,"\u0000",{}],"e":[]},"metadata":{"k\n":"v","":""}}"#,
        #"{"title":"t","timeout_seconds":1.5E+2,"max_attempts":-0,"priority":"urgent","source":"github"}"#,
        #"{"title":"t","timeout_seconds":"-Infinity"}"#,
        #"{"v":1,"id":"é","payload":{"title":"t"},"unknown":"x"}"#,
        #"{"v":1,"task_id":"t","attempt":2,"agent":"a","result":{"outcome":"timed_out","summary":"s","changed_files":false,"exit_status":-9,"cost_usd":0.25}}"#,
    ])
    func handPicked(text: String) throws {
        let bytes = Array(text.utf8)
        for body in HotBody.kinds {
            let foundation = try? body.readWithFoundation(bytes)
            let fast = body.readByHand(bytes)
            if let fast { #expect(foundation == fast) }
            if foundation != nil { #expect(fast != nil, "\(body) not read by hand: \(text)") }
        }
    }

    @Test("what JSONDecoder would argue about is left to it", arguments: [
        #"{"title":"t","title":"u"}"#, #"{"title":"t","max_attempts":1.0}"#, #"{"title":"t","max_attempts":1e2}"#,
        #"{"title":"t","max_attempts":01}"#, #"{"title":"\ud800"}"#, "{\"title\":\"\u{1}\"}", #"{"title":"t","timeout_seconds":1E400}"#,
        #"{"title":"t","timeout_seconds":1e-400}"#, #"{"title":"t","timeout_seconds":"NaM"}"#, "\u{FEFF}{\"title\":\"t\"}",
        #"{"title":"t"} x"#, #"{"title":"t","metadata":{"a":"1","a":"2"}}"#, #"{"ti\u0074le":"t"}"#, #"{"labels":[]}"#,
        #"{"title":"t","priority":"soon"}"#, #"{"title":"t","x":[1,]}"#, #"{"title":"t",}"#,
        #"{"title":"t","max_attempts":99999999999999999999999}"#, #"{"title":"t","max_attempts":-1234567890123456789}"#,
        #"{"title":"t","max_attempts":1234567890123456789012345678901234567890}"#,
    ])
    func leftToFoundation(text: String) {
        #expect(HotBody.spec(TaskSpec(title: "t", description: "t")).readByHand(Array(text.utf8)) == nil)
    }

    // MARK: Inputs

    /// One of the bodies read by hand, with the value it holds.
    enum HotBody: Equatable, CustomStringConvertible {
        case spec(TaskSpec)
        case submit(BusRequest<TaskSpec>)
        case result(TaskResult)
        case completion(TaskCompletion)
        case record(TaskRecord)
        case reply(BusReply<TaskRecord>)

        static let kinds: [HotBody] = {
            let spec = TaskSpec(title: "t", description: "t")
            let result = TaskResult(outcome: .failed, summary: "s")
            let record = TaskRecord(id: "t", spec: spec, createdAt: ClusterFixtures.date)
            return [.spec(spec), .submit(BusRequest(id: "i", payload: spec)), .result(result),
                    .completion(TaskCompletion(taskID: "t", attempt: 1, agent: "a", result: result)), .record(record),
                    .reply(.success(id: "i", record))]
        }()

        var description: String {
            switch self {
            case .spec: "TaskSpec"
            case .submit: "BusRequest<TaskSpec>"
            case .result: "TaskResult"
            case .completion: "TaskCompletion"
            case .record: "TaskRecord"
            case .reply: "BusReply<TaskRecord>"
            }
        }

        var value: any Encodable {
            switch self {
            case .spec(let value): value
            case .submit(let value): value
            case .result(let value): value
            case .completion(let value): value
            case .record(let value): value
            case .reply(let value): value
            }
        }

        var bytes: [UInt8] { Array(try! JSONWire.makeEncoder().encode(value)) }

        /// The same kind of body, read from `bytes` by hand.
        func readByHand(_ bytes: [UInt8]) -> HotBody? {
            switch self {
            case .spec: JSONWire.decodeHotBody(TaskSpec.self, from: bytes).map(HotBody.spec)
            case .submit: JSONWire.decodeHotBody(BusRequest<TaskSpec>.self, from: bytes).map(HotBody.submit)
            case .result: JSONWire.decodeHotBody(TaskResult.self, from: bytes).map(HotBody.result)
            case .completion: JSONWire.decodeHotBody(TaskCompletion.self, from: bytes).map(HotBody.completion)
            case .record: JSONWire.decodeHotBody(TaskRecord.self, from: bytes).map(HotBody.record)
            case .reply: JSONWire.decodeHotBody(BusReply<TaskRecord>.self, from: bytes).map(HotBody.reply)
            }
        }

        /// The same kind of body, read from `bytes` by `JSONDecoder` alone.
        func readWithFoundation(_ bytes: [UInt8]) throws -> HotBody {
            let decoder = JSONWire.makeDecoder()
            let data = Data(bytes)
            return switch self {
            case .spec: .spec(try decoder.decode(TaskSpec.self, from: data))
            case .submit: .submit(try decoder.decode(BusRequest<TaskSpec>.self, from: data))
            case .result: .result(try decoder.decode(TaskResult.self, from: data))
            case .completion: .completion(try decoder.decode(TaskCompletion.self, from: data))
            case .record: .record(try decoder.decode(TaskRecord.self, from: data))
            case .reply: .reply(try decoder.decode(BusReply<TaskRecord>.self, from: data))
            }
        }
    }

    static func pretty(_ body: HotBody) throws -> [UInt8] {
        let encoder = JSONWire.makeEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        return Array(try encoder.encode(body.value))
    }

    static func body(_ rng: inout ClusterGen.RNG) -> HotBody {
        // NaN is read as NaN, but never equals itself, so the values compared hold none.
        func withoutNaN(_ spec: TaskSpec) -> TaskSpec {
            var spec = spec
            if spec.timeoutSeconds?.isNaN == true { spec.timeoutSeconds = .infinity }
            return spec
        }
        func withoutNaN(_ result: TaskResult) -> TaskResult {
            var result = result
            if result.costUSD?.isNaN == true { result.costUSD = -.infinity }
            return result
        }
        let spec = withoutNaN(JSONBodyWriterTests.spec(&rng))
        let result = withoutNaN(JSONBodyWriterTests.result(&rng))
        var record = JSONBodyWriterTests.record(&rng)
        record.spec = withoutNaN(record.spec)
        record.result = record.result.map(withoutNaN)
        return switch ClusterGen.int(0...5, &rng) {
        case 4: .record(record)
        case 5: .reply(.success(id: JSONBodyWriterTests.awkwardText(&rng), record))
        case 0: .spec(spec)
        case 1: .submit(BusRequest(id: JSONBodyWriterTests.awkwardText(&rng), payload: spec))
        case 2: .result(result)
        default: .completion(TaskCompletion(
            taskID: JSONBodyWriterTests.awkwardText(&rng), attempt: ClusterGen.int(-3...9, &rng),
            agent: JSONBodyWriterTests.awkwardText(&rng), result: result))
        }
    }

    static let bodies = Generator<HotBody, Shrink.None<HotBody>>(run: { rng in body(&rng) })

    static let junk: [[UInt8]] = [
        "null", "1e999", "1e-999", "-0", "01", "1.0", "1.", ".5", "\"\"", "[", "]", "{", "}", ",", ":", " ", "\"v\":2",
        "true", "\u{0}", "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\/", "\\x", "\u{FEFF}", "é", "\u{7f}",
        "9999999999999999999999", "\"title\":\"dup\",", "\"description\":null,", "\"result\":{},", "\"payload\":{},",
        "\"ok\":false,", "\"result\":null,", "\"2025-01-31T12:00:00+01:00\"", "\"2025-02-30T12:00:00Z\"", ".5Z",
    ].map { Array($0.utf8) }

    /// Valid bodies damaged by truncation, byte flips, splices of JSON fragments, or noise.
    static let damagedBodies = Generator<(HotBody, [UInt8]), Shrink.None<(HotBody, [UInt8])>>(run: { rng in
        let kind = body(&rng)
        var bytes = kind.bytes
        for _ in 0..<ClusterGen.int(1...3, &rng) {
            let index = ClusterGen.int(0...bytes.count, &rng)
            switch ClusterGen.int(0...4, &rng) {
            case 0: bytes = Array(bytes.prefix(index))
            case 1 where index < bytes.count: bytes[index] = UInt8.random(in: 0...255, using: &rng)
            case 2, 3: bytes.insert(contentsOf: ClusterGen.pick(junk, &rng), at: index)
            default: bytes.append(contentsOf: (0..<ClusterGen.int(0...4, &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
            }
        }
        return (kind, bytes)
    })
}
