import Foundation
import PropertyBased
import Testing
@testable import Wire

/// Bodies the broker builds around JSON encoded once (`EncodedTaskRecord`) must decode
/// exactly like the bodies `JSONWire` encodes from the values.
@Suite("Cluster bodies: spliced from encoded records")
struct ClusterSplicedBodyTests {
    @Test("an encoded record decodes to the record")
    func encodedRecordsDecode() async {
        await propertyCheck(count: 300, input: ClusterGen.records) { record in
            let encoded = EncodedTaskRecord(record)
            let decoded = try JSONWire.decode(TaskRecord.self, from: encoded.json)
            #expect(decoded == record)
            #expect(EncodedTaskRecord(record, specJSON: JSONWire.encodeBytes(record.spec)).json == encoded.json)
        }
    }

    @Test("a task.state event built around a record decodes like the encoded event")
    func taskStateEvents() async {
        await propertyCheck(count: 300, input: ClusterGen.records) { record in
            for previous in [nil, TaskState.running, .timedOut] {
                let message = ClusterEvent.taskStateMessage(EncodedTaskRecord(record), previous: previous, at: ClusterFixtures.date)
                let expected = ClusterEvent(at: ClusterFixtures.date, payload: .taskState(record, previous: previous))
                #expect(message.topic == expected.topic)
                let decoded = try JSONWire.decode(ClusterEvent.self, from: message.body)
                #expect(decoded == expected)
            }
        }
    }

    @Test("a reply built around a record decodes like the encoded reply, whatever the request id")
    func replies() async {
        await propertyCheck(count: 300, input: ClusterGen.records) { record in
            // Record ids come from the same alphabet of quotes, escapes and emoji as request ids.
            let body = BusReply<TaskRecord>.successBody(id: record.id, EncodedTaskRecord(record))
            let decoded = try JSONWire.decode(BusReply<TaskRecord>.self, from: body)
            #expect(decoded == .success(id: record.id, record))
        }
    }

    @Test("an assignment built around an encoded spec decodes like the encoded assignment")
    func assignments() async {
        await propertyCheck(count: 300, input: ClusterGen.records) { record in
            let body = TaskAssignment.body(
                taskID: record.id, attempt: record.attempts, specJSON: JSONWire.encodeBytes(record.spec), timeoutSeconds: 90.5)
            let expected = TaskAssignment(taskID: record.id, attempt: record.attempts, spec: record.spec, timeoutSeconds: 90.5)
            let decoded = try JSONWire.decode(TaskAssignment.self, from: body)
            let request = try AgentRequest(body: [body])
            #expect(decoded == expected)
            #expect(request == .assignment(expected))
        }
    }

    @Test func millisecondDatesSurviveEveryBody() throws {
        let instant = Date(timeIntervalSinceReferenceDate: 790_000_000.123_456_7).roundedToMillisecond
        #expect(JSONWire.parseDate(JSONWire.formatDate(instant)) == instant)
        #expect(instant.roundedToMillisecond == instant)
    }
}
