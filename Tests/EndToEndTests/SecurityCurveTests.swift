@testable import Broker
@testable import ClusterRuntime
import Foundation
import TestSupport
import Testing
import Wire

/// CURVE on the bus with the broker's ZAP allow-list, over real sockets: only clients
/// with an authorised key get answers or events; everyone else gets nothing, and the
/// broker keeps serving the others.
@Suite struct SecurityCurveTests {
    @Test func onlyAnAuthorisedKeyGetsAnswers() async throws {
        let fixture = try CurveBrokerFixture.start()
        defer { Task { await fixture.broker.stop() } }
        #expect(try await fixture.isServed(fixture.clientSecurity, timeout: .seconds(5)))

        let stranger = try CurveKeyPair.generate()
        let unlisted = BusClientSecurity(keyPair: stranger, serverKey: fixture.serverKey)
        let wrongServer = BusClientSecurity(keyPair: fixture.client, serverKey: try CurveKeyPair.generate().publicKey)
        #expect(try await !fixture.isServed(unlisted))
        #expect(try await !fixture.isServed(nil))
        #expect(try await !fixture.isServed(wrongServer))

        // The broker still serves authorised clients, old connections and new ones.
        let client = try fixture.client(fixture.clientSecurity)
        defer { client.close() }
        #expect(try await client.info().routerEndpoints == [fixture.broker.endpoints.router])
        let metrics = try await client.metrics()
        #expect(metrics.contains("cluster_broker_curve_refused_total"))

        // Every fresh socket is refused and counted; the peer is logged once.
        #expect(await TestEnvironment.eventually(timeout: .seconds(20)) {
            _ = try await fixture.isServed(unlisted, timeout: .milliseconds(300))
            return try #require(await fixture.broker.curveAdmissions()).refused >= 3
        })
        let admissions = try #require(await fixture.broker.curveAdmissions())
        #expect(admissions.admitted >= 2)
        #expect(admissions.authorizedKeys == 1)
        let refusal = "refused a CURVE client from 127.0.0.1 with public key \(stranger.publicKey.z85)"
        #expect(fixture.log.count(containing: refusal) == 1, "\(fixture.log.all)")
        #expect(fixture.log.all.allSatisfy { !$0.contains(stranger.secretKey.z85) && !$0.contains(fixture.client.secretKey.z85) })
    }

    @Test func aSubscriberWithoutAnAuthorisedKeyHearsNothing() async throws {
        let fixture = try CurveBrokerFixture.start(heartbeat: .milliseconds(50))
        defer { Task { await fixture.broker.stop() } }
        let unlisted = BusClientSecurity(keyPair: try CurveKeyPair.generate(), serverKey: fixture.serverKey)
        // The outsiders connect first, so they have had every chance the insider had.
        let outsiders = try [unlisted, nil].map { try EventSubscriber(context: try ZMQContext(), endpoints: [fixture.broker.endpoints.publisher], security: $0) }
        let insider = try EventSubscriber(context: try ZMQContext(), endpoints: [fixture.broker.endpoints.publisher], security: fixture.clientSecurity)
        defer { (outsiders + [insider]).forEach { $0.close() } }
        let heard = SharedCounts(3)
        let listeners = (outsiders + [insider]).enumerated().map { index, subscriber in
            let stream = subscriber.messages(prefix: "")
            return Task { for await _ in stream { heard.add(at: index) } }
        }
        defer { listeners.forEach { $0.cancel() } }

        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { heard[2] >= 10 })
        #expect(heard[0] == 0, "a subscriber with an unlisted key heard the broker")
        #expect(heard[1] == 0, "a plain-text subscriber heard the broker")
        #expect(try #require(await fixture.broker.curveAdmissions()).refused >= 1)
    }

    @Test func keysAddedOrRemovedTakeEffectWithoutARestart() async throws {
        let fixture = try CurveBrokerFixture.start()
        defer { Task { await fixture.broker.stop() } }
        let late = try KeyFiles.generate(name: "late", in: fixture.keys)
        let security = BusClientSecurity(keyPair: late, serverKey: fixture.serverKey)
        #expect(try await !fixture.isServed(security))

        // Adding a file is noticed at the next handshake.
        try KeyFiles.authorize(name: "late", in: fixture.keys)
        #expect(try await fixture.isServed(security, timeout: .seconds(5)))

        // Removing it and asking for a reload (what SIGHUP does) refuses new connections.
        let before = try #require(await fixture.broker.curveAdmissions())
        try FileManager.default.removeItem(atPath: "\(fixture.authorized)/late.pub")
        fixture.broker.reloadAuthorizedKeys()
        #expect(await TestEnvironment.eventually { try #require(await fixture.broker.curveAdmissions()).reloads > before.reloads })
        #expect(try #require(await fixture.broker.curveAdmissions()).authorizedKeys == 1)
        #expect(try await !fixture.isServed(security))
        #expect(try await fixture.isServed(fixture.clientSecurity, timeout: .seconds(5)))
    }

    @Test func garbageOnTheTCPPortsChangesNothing() async throws {
        let fixture = try CurveBrokerFixture.start()
        defer { Task { await fixture.broker.stop() } }
        let client = try fixture.client(fixture.clientSecurity)
        defer { client.close() }
        #expect(try await client.info().invalidMessages == 0)

        var generator = SystemRandomNumberGenerator()
        // A ZMTP 3.0 greeting that asks for NULL (plain text), then junk: a peer that gets
        // as far as the handshake.
        let nullGreeting: [UInt8] = [0xff] + [UInt8](repeating: 0, count: 8) + [0x7f, 3, 0] + Array("NULL".utf8)
            + [UInt8](repeating: 0, count: 16) + [0] + [UInt8](repeating: 0, count: 31)
        for port in [fixture.broker.endpoints.router, fixture.broker.endpoints.publisher].map(CurveBrokerFixture.port) {
            for round in 0..<20 {
                let junk = (0..<(round * 997 % 65_536 + 1)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
                #expect(writeRawTCP(port: port, bytes: round.isMultiple(of: 2) ? junk : nullGreeting + junk))
            }
        }
        let info = try await client.info()
        #expect(info.invalidMessages == 0, "garbage must never reach the broker as messages")
        #expect(try await fixture.isServed(fixture.clientSecurity, timeout: .seconds(5)), "new clients are still served")
        #expect(await fixture.broker.counters().invalidMessages == 0)
    }
}
