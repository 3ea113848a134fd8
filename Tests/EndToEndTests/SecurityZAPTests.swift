@testable import Broker
import Testing
import Wire

/// The ZAP handler's decisions and its reading of the authorised-keys directory, without
/// sockets.
@Suite struct SecurityZAPTests {
    static func request(mechanism: String, credentials: [Frame]) -> [Frame] {
        ["1.0", "7", "cluster", "10.0.0.9", .empty, Frame(mechanism)] + credentials
    }

    @Test func onlyAuthorisedCURVEKeysAreAdmitted() throws {
        let known = try CurveKeyPair.generate().publicKey
        let stranger = try CurveKeyPair.generate().publicKey
        let keys = AuthorizedKeys(files: [("CC01.pub", known.z85 + "\n"), ("notes.txt", "ignored")])
        func decide(_ frames: [Frame]) throws -> ZAPDecision {
            ZAPDecision.decide(try #require(ZAPRequest(frames: frames)), keys: keys)
        }
        #expect(try decide(Self.request(mechanism: "CURVE", credentials: [Frame(known.raw)])) == .admit(userID: "CC01"))
        #expect(try decide(Self.request(mechanism: "CURVE", credentials: [Frame(stranger.raw)])) == .refuse(status: "400", reason: "key not authorised"))
        #expect(try decide(Self.request(mechanism: "NULL", credentials: [])) == .refuse(status: "400", reason: "only CURVE clients are admitted"))
        #expect(try decide(Self.request(mechanism: "PLAIN", credentials: ["admin", "admin"])) == .refuse(status: "400", reason: "only CURVE clients are admitted"))
        #expect(try decide(Self.request(mechanism: "CURVE", credentials: [Frame([1, 2, 3])])).isRefusal)
        #expect(try decide(Self.request(mechanism: "CURVE", credentials: [])).isRefusal)
        #expect(ZAPRequest(frames: ["2.0", "7", "d", "a", .empty, "CURVE"]) == nil)
        #expect(ZAPRequest(frames: ["1.0", "7"]) == nil)
    }

    @Test func repliesFollowRFC27() {
        #expect(ZAPDecision.admit(userID: "CC01").reply(to: "42") == ["1.0", "42", "200", "OK", "CC01", .empty])
        #expect(ZAPDecision.refuse(status: "400", reason: "no").reply(to: "42") == ["1.0", "42", "400", "no", .empty, .empty])
    }

    @Test func badFilesAreReportedAndSkipped() throws {
        let key = try CurveKeyPair.generate().publicKey
        let keys = AuthorizedKeys(files: [("a.pub", key.z85), ("b.pub", key.z85), ("c.pub", "not a key"), ("d.pub", "")])
        #expect(keys.count == 1)
        #expect(keys.name(of: key) == "a")
        #expect(keys.problems.count == 3)
        #expect(keys.problems.allSatisfy { !$0.contains(key.z85) || $0.contains("repeats") })
    }
}

extension ZAPDecision {
    var isRefusal: Bool {
        if case .refuse = self { true } else { false }
    }
}
