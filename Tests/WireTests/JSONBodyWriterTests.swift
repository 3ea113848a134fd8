import Foundation
import PropertyBased
import Testing
@testable import Wire

/// The hand-written bodies (`JSONBodyWriter`) must be byte for byte what `JSONEncoder`
/// writes with `JSONWire`'s configuration, for any value: these tests are what keeps the
/// two schemas, the `Codable` one and the hand-written one, the same.
@Suite("JSON bodies written by hand")
struct JSONBodyWriterTests {
    @Test("a spec is written as JSONEncoder writes it")
    func specs() async {
        await propertyCheck(count: 400, input: Self.specs) { spec in
            let expected = text(try foundationBytes(spec))
            #expect(text(JSONWire.encodeBytes(spec)) == expected)
        }
    }

    @Test("a result is written as JSONEncoder writes it")
    func results() async {
        await propertyCheck(count: 400, input: Self.results) { result in
            let expected = text(try foundationBytes(result))
            #expect(text(JSONWire.encodeBytes(result)) == expected)
        }
    }

    @Test("a record is written as JSONEncoder writes it, spec and result included")
    func records() async {
        await propertyCheck(count: 400, input: Self.records) { record in
            let expected = text(try foundationBytes(record))
            #expect(text(JSONWire.encodeBytes(record)) == expected)
            #expect(text(EncodedTaskRecord(record, specJSON: JSONWire.encodeBytes(record.spec)).json) == expected)
        }
    }

    @Test("an assignment and a submit reply are written as JSONEncoder writes them")
    func assignmentsAndReplies() async {
        await propertyCheck(count: 200, input: Self.records) { record in
            let timeout = record.spec.timeoutSeconds ?? 90.5
            let assignment = TaskAssignment(taskID: record.id, attempt: record.attempts, spec: record.spec, timeoutSeconds: timeout)
            let body = TaskAssignment.body(
                taskID: record.id, attempt: record.attempts, specJSON: JSONWire.encodeBytes(record.spec), timeoutSeconds: timeout)
            let expectedAssignment = text(try foundationBytes(assignment))
            #expect(text(body.bytes) == expectedAssignment)
            let reply = BusReply<TaskRecord>.successBody(id: record.spec.title, EncodedTaskRecord(record))
            let expectedReply = text(try foundationBytes(BusReply<TaskRecord>.success(id: record.spec.title, record)))
            #expect(text(reply.bytes) == expectedReply)
        }
    }

    @Test("a submit and a completion are written as JSONEncoder writes them, also through the generic encoder")
    func submitsAndCompletions() async {
        await propertyCheck(count: 200, input: Self.records) { record in
            let submit = BusRequest(id: record.id, payload: record.spec)
            let completion = TaskCompletion(
                taskID: record.id, attempt: record.attempts, agent: record.agent ?? "", result: record.result ?? .init(outcome: .failed, summary: ""))
            let expectedSubmit = text(try foundationBytes(submit))
            let expectedCompletion = text(try foundationBytes(completion))
            #expect(text(JSONWire.encodeBytes(submit)) == expectedSubmit)
            #expect(text(JSONWire.encodeBytes(completion)) == expectedCompletion)
            #expect(JSONWire.encodeHotBody(submit) != nil && JSONWire.encodeHotBody(completion) != nil)
            #expect(text(genericBytes(record.spec)) == text(try foundationBytes(record.spec)))
            #expect(text(genericBytes(record)) == text(try foundationBytes(record)))
            if let result = record.result {
                #expect(text(genericBytes(result)) == text(try foundationBytes(result)))
            }
            #expect(JSONWire.encodeHotBody(record.attempts) == nil)
        }
    }

    @Test("numbers are written as JSONEncoder writes them", arguments: Self.awkwardNumbers)
    func numbers(value: Double) throws {
        var writer = JSONBodyWriter()
        writer.beginArray()
        writer.double(value)
        writer.endArray()
        let expected = text(try foundationBytes([value]))
        #expect(text(writer.bytes) == expected)
    }

    @Test("random finite numbers are written as JSONEncoder writes them")
    func randomNumbers() async {
        let numbers = Generator<Double, Shrink.None<Double>>(run: { rng in
            let value = Double(bitPattern: rng.next())
            return value.isFinite ? value : Double(Int64(bitPattern: rng.next()) >> Int(rng.next() % 64))
        })
        await propertyCheck(count: 1000, input: numbers) { value in
            var writer = JSONBodyWriter()
            writer.double(value)
            let expected = text(try foundationBytes(value))
            #expect(text(writer.bytes) == expected)
        }
    }

    @Test func everyControlCharacterAndQuoteIsEscapedAsJSONEncoderDoes() throws {
        let every = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init(_:)))) + "é\u{2028}\u{7f}😀/"
        var writer = JSONBodyWriter()
        writer.string(every)
        let expected = text(try foundationBytes(every))
        #expect(text(writer.bytes) == expected)
    }

    // MARK: Inputs

    static let awkwardNumbers: [Double] = [
        0, -0.0, 0.5, 1, -1, 100, 0.1 + 0.2, 1e-7, 1e15, 1e16, 1e20, 1e300, .leastNonzeroMagnitude, .pi, -.pi,
        9_007_199_254_740_991, 9_007_199_254_740_992, Double(9_007_199_254_740_992).nextUp, -9_007_199_254_740_992,
        123_456_789_012_345_680, Double(Int64.max), Double(Int64.min), .greatestFiniteMagnitude,
        .leastNormalMagnitude, .nan, .infinity, -.infinity,
    ]

    /// Text drawn from every kind of character JSON treats differently.
    static let awkwardScalars: [Unicode.Scalar] =
        (0..<0x20).compactMap(Unicode.Scalar.init(_:)) + ["\"", "\\", "/", " ", "a", "Z", "0", "_", "\u{7f}", "é", "\u{2028}", "服", "🙂"]

    static func awkwardText(_ rng: inout ClusterGen.RNG) -> String {
        String(String.UnicodeScalarView((0..<ClusterGen.int(0...10, &rng)).map { _ in ClusterGen.pick(awkwardScalars, &rng) }))
    }

    static func spec(_ rng: inout ClusterGen.RNG) -> TaskSpec {
        var spec = ClusterGen.spec(&rng)
        spec.title = awkwardText(&rng)
        spec.metadata = Dictionary(
            (0..<ClusterGen.int(0...5, &rng)).map { _ in (awkwardText(&rng), awkwardText(&rng)) }, uniquingKeysWith: { a, _ in a })
        spec.labels = (0..<ClusterGen.int(0...3, &rng)).map { _ in awkwardText(&rng) }
        // Any bit pattern: NaN, infinities and subnormals included.
        if Bool.random(using: &rng) { spec.timeoutSeconds = Double(bitPattern: rng.next()) }
        return spec
    }

    static func result(_ rng: inout ClusterGen.RNG) -> TaskResult {
        var result = ClusterGen.result(&rng)
        result.summary = awkwardText(&rng)
        result.transcript = ClusterGen.maybe(&rng, awkwardText)
        if Bool.random(using: &rng) { result.costUSD = ClusterGen.pick(awkwardNumbers, &rng) }
        return result
    }

    static let specs = Generator<TaskSpec, Shrink.None<TaskSpec>>(run: { rng in spec(&rng) })
    static let results = Generator<TaskResult, Shrink.None<TaskResult>>(run: { rng in result(&rng) })
    static func record(_ rng: inout ClusterGen.RNG) -> TaskRecord {
        var record = ClusterGen.record(&rng)
        record.spec = spec(&rng)
        record.id = awkwardText(&rng)
        record.result = ClusterGen.maybe(&rng, result)
        return record
    }

    static let records = Generator<TaskRecord, Shrink.None<TaskRecord>>(run: { rng in record(&rng) })
}

/// What `JSONEncoder` writes with `JSONWire`'s configuration, whatever overloads exist.
private func foundationBytes<Value: Encodable>(_ value: Value) throws -> [UInt8] {
    Array(try JSONWire.makeEncoder().encode(value))
}

/// Through the generic `JSONWire.encodeBytes`, as a generic caller reaches it.
private func genericBytes<Value: Encodable>(_ value: Value) -> [UInt8] {
    JSONWire.encodeBytes(value)
}

private func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}
