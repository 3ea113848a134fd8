import Foundation
import PropertyBased
import Testing
import Wire

@Suite("Cluster bodies: properties")
struct ClusterBodyPropertyTests {
    /// Decodes `frame` as every body type: none may crash, whatever the bytes.
    static func decodeAll(_ frame: Frame) {
        _ = try? JSONWire.decode(TaskSpec.self, from: frame)
        _ = try? JSONWire.decode(TaskRecord.self, from: frame)
        _ = try? JSONWire.decode(TaskAssignment.self, from: frame)
        _ = try? JSONWire.decode(TaskCompletion.self, from: frame)
        _ = try? JSONWire.decode(TaskCancellation.self, from: frame)
        _ = try? JSONWire.decode(ProgressUpdate.self, from: frame)
        _ = try? JSONWire.decode(AgentInfo.self, from: frame)
        _ = try? JSONWire.decode(AgentLoad.self, from: frame)
        _ = try? JSONWire.decode(AgentStatus.self, from: frame)
        _ = try? JSONWire.decode(Broadcast.self, from: frame)
        _ = try? JSONWire.decode(HelpRequest.self, from: frame)
        _ = try? JSONWire.decode(HelpAnswer.self, from: frame)
        _ = try? JSONWire.decode(ClusterEvent.self, from: frame)
        _ = try? JSONWire.decode(RouterInfo.self, from: frame)
        _ = try? JSONWire.decode(BusRequestHeader.self, from: frame)
        _ = try? JSONWire.decode(BusRequest<TaskListQuery>.self, from: frame)
        _ = try? JSONWire.decode(BusRequest<EmptyPayload>.self, from: frame)
        _ = try? JSONWire.decode(BusReply<TaskPage>.self, from: frame)
        _ = try? JSONWire.decode(BusReply<[AgentStatus]>.self, from: frame)
        _ = try? AgentRequest(body: [frame])
    }

    @Test("random bytes and mangled JSON never crash a body decoder")
    func randomFramesDecodeSafely() async {
        await propertyCheck(count: 400, input: ClusterGen.mangledBodies) { frame in
            Self.decodeAll(frame)
        }
    }

    @Test("random bodies round-trip through JSON")
    func randomBodiesRoundTrip() async {
        await propertyCheck(count: 300, input: ClusterGen.records) { record in
            let decoded = try JSONWire.decode(TaskRecord.self, from: JSONWire.encode(record))
            #expect(decoded == record)
        }
        await propertyCheck(count: 300, input: ClusterGen.events) { event in
            let frame = JSONWire.encode(event)
            let decoded = try JSONWire.decode(ClusterEvent.self, from: frame)
            #expect(decoded == event)
            #expect(JSONWire.encode(decoded) == frame)
        }
    }

    @Test("any date survives a second round trip unchanged")
    func datesAreStable() async {
        await propertyCheck(count: 500, input: Gen.double(in: -4e9...4e9)) { seconds in
            let once = JSONWire.formatDate(Date(timeIntervalSince1970: seconds))
            let parsed = try #require(JSONWire.parseDate(once))
            #expect(JSONWire.formatDate(parsed) == once)
        }
    }
}
