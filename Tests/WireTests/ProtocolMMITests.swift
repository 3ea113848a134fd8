import Testing
import Wire

@Suite("8/MMI")
struct ProtocolMMITests {
    @Test("the mmi. namespace is the broker's")
    func namespace() {
        #expect(MMI.isInternal("mmi.service"))
        #expect(MMI.isInternal("mmi.task.submit"))
        #expect(!MMI.isInternal("frontend"))
        #expect(!MMI.isInternal("mmi"))
        #expect(ClusterService.all.allSatisfy(MMI.isInternal))
        #expect(Set(ClusterService.all).count == ClusterService.all.count)
    }

    @Test("status replies are the three ASCII digits in one frame")
    func statusBodies() {
        #expect(MMI.Status.found.body == [Frame([0x32, 0x30, 0x30])])
        #expect(MMI.Status.notFound.body == ["404"])
        #expect(MMI.Status.notImplemented.body == ["501"])
        for status in MMI.Status.allCases {
            #expect(MMI.Status(body: status.body) == status)
        }
        #expect(MMI.Status(body: ["200", "x"]) == nil)
        #expect(MMI.Status(body: ["302"]) == nil)
        #expect(MMI.Status(body: []) == nil)
    }

    @Test("mmi.service asks about the service named in the first body frame")
    func serviceLookup() throws {
        let request = MMI.serviceLookupRequest(for: "frontend")
        #expect(request == .request(service: "mmi.service", body: ["frontend"]))
        let decoded = try MDPCodec.decode(MDPCodec.encode(.client(request)))
        guard case .client(let command) = decoded.message else {
            Issue.record("expected a client command")
            return
        }
        #expect(MMI.queriedService(in: command.body) == "frontend")
        #expect(MMI.queriedService(in: [.empty]) == nil)
        #expect(MMI.queriedService(in: [Frame([0xFF])]) == nil)
        #expect(MMI.queriedService(in: []) == nil)
    }
}
