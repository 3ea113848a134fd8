import Foundation
import PropertyBased
import Testing
@testable import Wire

/// The hot bodies have two schemas, the `Codable` one and the hand-written reader and
/// writer (`JSONBodyReader+HotBodies`, `JSONBodyWriter+HotBodies`). The reader skips
/// names it does not know, so a member missing from its list would be dropped without a
/// word: each list must name exactly the type's `CodingKeys`. And the generators must set
/// every member, so the round trips (hand writer against `JSONEncoder`, hand reader
/// against `JSONDecoder`) see a member the writer forgets.
@Suite("Hot bodies: the hand reader's members are the coding keys")
struct HotBodyParityTests {
    private static func names(_ members: [StaticString]) -> [String] { members.map(\.description).sorted() }

    private static func keys<Key: CodingKey & CaseIterable>(_ type: Key.Type) -> [String] {
        Key.allCases.map(\.stringValue).sorted()
    }

    @Test func taskSpec() { #expect(Self.names(TaskSpec.members) == Self.keys(TaskSpec.CodingKeys.self)) }
    @Test func taskResult() { #expect(Self.names(TaskResult.members) == Self.keys(TaskResult.CodingKeys.self)) }
    @Test func claudeOverrides() { #expect(Self.names(ClaudeOverrides.members) == Self.keys(ClaudeOverrides.CodingKeys.self)) }
    @Test func usageLimit() { #expect(Self.names(UsageLimit.members) == Self.keys(UsageLimit.CodingKeys.self)) }
    @Test func tokenUsage() { #expect(Self.names(TokenUsage.members) == Self.keys(TokenUsage.CodingKeys.self)) }
    @Test func taskCompletion() { #expect(Self.names(TaskCompletion.members) == Self.keys(TaskCompletion.CodingKeys.self)) }
    @Test func taskRecord() { #expect(Self.names(TaskRecord.members) == Self.keys(TaskRecord.CodingKeys.self)) }

    @Test func submitRequest() {
        #expect(Self.names(JSONBodyReader.busRequestMembers) == Self.keys(BusRequest<TaskSpec>.CodingKeys.self))
    }

    /// Only a successful reply is read by hand; a failure (`error`) goes to JSONDecoder.
    @Test func taskReply() {
        let keys = BusReply<TaskRecord>.CodingKeys.allCases.filter { $0 != .error }.map(\.stringValue).sorted()
        #expect(Self.names(JSONBodyReader.busReplyMembers) == keys)
    }

    @Test("the generators set every member of every hot body, nested ones included")
    func generatorsSetEveryMember() throws {
        var rng: ClusterGen.RNG = Xoshiro()
        var seen: [String: Set<String>] = [:]
        for _ in 0..<200 {
            let record = ClusterGen.record(&rng)
            try Self.collectKeys(of: Data(Self.foundationBytes(record)), as: "record", into: &seen)
        }
        let expected: [String: [String]] = [
            "record": Self.keys(TaskRecord.CodingKeys.self),
            "record.spec": Self.keys(TaskSpec.CodingKeys.self),
            "record.spec.claude": Self.keys(ClaudeOverrides.CodingKeys.self),
            "record.result": Self.keys(TaskResult.CodingKeys.self),
            "record.result.usage_limit": Self.keys(UsageLimit.CodingKeys.self),
            "record.result.usage": Self.keys(TokenUsage.CodingKeys.self),
            "record.total_usage": Self.keys(TokenUsage.CodingKeys.self),
        ]
        for (path, keys) in expected {
            #expect(seen[path].map { $0.sorted() } == keys, "members at \(path) the generator never set")
        }
    }

    @Test("the hand writer writes random bodies as JSONEncoder does, and the hand reader reads them as JSONDecoder does")
    func randomBodiesAgreeWithCodable() async {
        await propertyCheck(count: 300, input: ClusterGen.records) { record in
            let completion = TaskCompletion(
                taskID: record.id, attempt: 1, agent: "a", result: record.result ?? TaskResult(outcome: .failed, summary: ""))
            let submit = BusRequest(id: record.id, payload: record.spec)
            let reply = BusReply<TaskRecord>.success(id: record.id, record)
            let recordBytes = try Self.foundationBytes(record)
            let specBytes = try Self.foundationBytes(record.spec)
            let completionBytes = try Self.foundationBytes(completion)
            let submitBytes = try Self.foundationBytes(submit)
            let replyBytes = try Self.foundationBytes(reply)

            #expect(JSONWire.encodeBytes(record) == recordBytes)
            #expect(JSONWire.encodeBytes(record.spec) == specBytes)
            #expect(JSONWire.encodeHotBody(completion) == completionBytes)
            #expect(JSONWire.encodeHotBody(submit) == submitBytes)

            let decoder = JSONWire.makeDecoder()
            let decodedRecord = try decoder.decode(TaskRecord.self, from: Data(recordBytes))
            let decodedCompletion = try decoder.decode(TaskCompletion.self, from: Data(completionBytes))
            let decodedSubmit = try decoder.decode(BusRequest<TaskSpec>.self, from: Data(submitBytes))
            let decodedReply = try decoder.decode(BusReply<TaskRecord>.self, from: Data(replyBytes))
            #expect(JSONWire.decodeHotBody(TaskRecord.self, from: recordBytes) == decodedRecord)
            #expect(JSONWire.decodeHotBody(TaskCompletion.self, from: completionBytes) == decodedCompletion)
            #expect(JSONWire.decodeHotBody(BusRequest<TaskSpec>.self, from: submitBytes) == decodedSubmit)
            #expect(JSONWire.decodeHotBody(BusReply<TaskRecord>.self, from: replyBytes) == decodedReply)
        }
    }

    /// What `JSONEncoder` writes with `JSONWire`'s configuration.
    private static func foundationBytes<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        Array(try JSONWire.makeEncoder().encode(value))
    }

    /// Records the member names of every JSON object in `data`, by path of member names.
    private static func collectKeys(of data: Data, as path: String, into seen: inout [String: Set<String>]) throws {
        func walk(_ value: Any, _ path: String) {
            guard let object = value as? [String: Any] else { return }
            seen[path, default: []].formUnion(object.keys)
            for (key, member) in object { walk(member, path + "." + key) }
        }
        walk(try JSONSerialization.jsonObject(with: data), path)
    }
}
