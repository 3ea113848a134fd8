import Testing
import Wire
@testable import AgentNode

@Suite struct WorkerSessionTests {
    let start = ContinuousClock.now
    let info = AgentInfo(name: "CC01", specialties: ["frontend"], capacity: 2, version: "test", host: "h")

    func makeSession(endpoints: [String] = ["tcp://a:1", "tcp://b:2"], info: AgentInfo? = nil) -> WorkerSession {
        WorkerSession(configuration: .init(endpoints: endpoints, service: "frontend", info: info), now: start)
    }

    /// Ticks the first connection open and reports its socket connected.
    func connectedSession(info: AgentInfo? = nil) -> WorkerSession {
        var session = makeSession(info: info)
        _ = session.tick(now: start)
        _ = session.connected(to: "tcp://a:1", now: start)
        return session
    }

    @Test func firstTickConnectsAndSendsReadyWithAgentInfoOnceTheConnectionIsUp() {
        var session = makeSession(info: info)
        #expect(session.tick(now: start) == [.openSockets(endpoints: ["tcp://a:1", "tcp://b:2"])])
        #expect(session.isRegistered && session.isConnecting)
        #expect(session.connected(to: "tcp://a:1", now: start) == [.send(.ready(service: "frontend", extensions: [JSONWire.encode(info)]))])
        #expect(!session.isConnecting && session.unsent.isEmpty)
    }

    @Test func plainWorkerSendsBareReadyAndHeartbeats() {
        var session = makeSession()
        _ = session.tick(now: start)
        #expect(session.connected(to: "tcp://a:1", now: start) == [.send(.ready(service: "frontend", extensions: []))])
        session.load = AgentLoad(runningTaskIDs: ["t1"])
        #expect(session.tick(now: start + .milliseconds(999)).isEmpty)
        #expect(session.tick(now: start + .seconds(1)) == [.send(.heartbeat(extensions: []))])
    }

    @Test func heartbeatsCarryLoadForClusterAgents() {
        var session = connectedSession(info: info)
        let load = AgentLoad(runningTaskIDs: ["t1"], cpuPercent: 12)
        session.load = load
        #expect(session.tick(now: start + .seconds(1)) == [.send(.heartbeat(extensions: [JSONWire.encode(load)]))])
    }

    @Test func anAttemptNoBrokerAnswersWaitsABackoffThatDoublesUpTo32Seconds() {
        var session = makeSession()
        _ = session.tick(now: start)
        _ = session.tick(now: start + .seconds(1))
        _ = session.tick(now: start + .seconds(2))
        var now = start + .seconds(3)
        let actions = session.tick(now: now)
        #expect(actions.first == .closeSocket)
        #expect(session.phase == .waiting(retryAt: now + .seconds(1)))
        #expect(session.tick(now: now + .milliseconds(500)).isEmpty)
        now += .seconds(1)
        #expect(session.tick(now: now).first == .openSockets(endpoints: ["tcp://a:1", "tcp://b:2"]), "every endpoint at once")
        // Still no broker: the next wait is 2 s, then 4 s, capped at 32 s.
        now += .seconds(3)
        _ = session.tick(now: now)
        #expect(session.phase == .waiting(retryAt: now + .seconds(2)))
        for _ in 0..<10 {
            guard case .waiting(let retry) = session.phase else { Issue.record("expected waiting"); return }
            now = retry
            _ = session.tick(now: now)
            now += .seconds(3)
            _ = session.tick(now: now)
        }
        #expect(session.backoff == .seconds(32))
    }

    @Test func aBrokerThatFallsSilentAfterAnsweringIsLeftForEveryEndpointAtOnce() {
        var session = connectedSession()
        _ = session.received(.heartbeat(extensions: []), now: start + .milliseconds(100))
        let now = start + .milliseconds(3_100)
        #expect(session.tick(now: now).first == .closeSocket)
        #expect(session.phase == .waiting(retryAt: now), "no backoff after a connection that worked")
        #expect(session.tick(now: now) == [.openSockets(endpoints: ["tcp://a:1", "tcp://b:2"])])
        #expect(session.backoff == .seconds(1))
    }

    @Test func aClosedConnectionReconnectsAtOnceListingTheOtherEndpointsToo() {
        var session = makeSession()
        _ = session.tick(now: start)
        _ = session.connected(to: "tcp://b:2", now: start)
        #expect(session.currentEndpoint == "tcp://b:2")
        _ = session.received(.heartbeat(extensions: []), now: start + .milliseconds(10))
        let final = MDPWorkerCommand.final(envelope: ["@task:t1:1"], body: ["done"])
        let now = start + .milliseconds(500)
        let actions = session.connectionClosed(now: now)
        #expect(actions.first == .closeSocket)
        #expect(session.phase == .waiting(retryAt: now))
        #expect(session.reply(final).isEmpty, "kept while no connection is up")
        #expect(session.tick(now: now) == [.openSockets(endpoints: ["tcp://b:2", "tcp://a:1"])], "the last that worked first")
        // The standby binds: the agent's socket to it comes up first.
        #expect(session.connected(to: "tcp://a:1", now: start) == [.send(.ready(service: "frontend", extensions: [])), .send(final)])
        #expect(session.currentEndpoint == "tcp://a:1")
        #expect(session.connectionClosed(now: now).isEmpty == false)
    }

    @Test func theTimeSpentConnectingIsNotTheBrokersSilence() {
        var session = makeSession()
        _ = session.tick(now: start)
        // The new active binds late in the connect window.
        let up = start + .milliseconds(2_900)
        #expect(session.connected(to: "tcp://b:2", now: up) == [.send(.ready(service: "frontend", extensions: []))])
        #expect(session.tick(now: start + .milliseconds(3_500)).isEmpty, "READY just went: the broker has liveness to answer")
        #expect(session.tick(now: up + .seconds(1)) == [.send(.heartbeat(extensions: []))])
        #expect(session.nextDeadline() == up + .seconds(2))
    }

    @Test func aClosedConnectionBeforeTheBrokerAnsweredBacksOff() {
        var session = makeSession()
        _ = session.tick(now: start)
        _ = session.connected(to: "tcp://a:1", now: start)
        let now = start + .milliseconds(200)
        _ = session.connectionClosed(now: now)
        #expect(session.phase == .waiting(retryAt: now + .seconds(1)))
        #expect(session.backoff == .seconds(2))
        var fresh = makeSession()
        #expect(fresh.connectionClosed(now: now).isEmpty, "nothing to close before connecting")
    }

    @Test func hearingTheBrokerResetsBackoffAndLiveness() {
        var session = makeSession()
        _ = session.tick(now: start)
        _ = session.tick(now: start + .seconds(3))  // no broker: backoff now 2 s
        _ = session.tick(now: start + .seconds(4))  // reconnect
        _ = session.connected(to: "tcp://b:2", now: start + .seconds(4))
        #expect(session.received(.heartbeat(extensions: []), now: start + .seconds(5)).isEmpty)
        #expect(session.backoff == .seconds(1))
        // Liveness counts from the last message heard.
        #expect(session.tick(now: start + .seconds(7)).allSatisfy { if case .closeSocket = $0 { false } else { true } })
        #expect(session.tick(now: start + .seconds(8)).first == .closeSocket)
    }

    @Test func requestsAreDelivered() {
        var session = connectedSession()
        let actions = session.received(.request(envelope: ["@task:t1:1"], body: ["{}"]), now: start)
        #expect(actions == [.deliver(envelope: ["@task:t1:1"], body: ["{}"])])
    }

    @Test func repliesWaitInTheOutboxWhileDisconnectedAndGoOutAfterReady() {
        var session = makeSession()
        _ = session.tick(now: start)
        _ = session.tick(now: start + .seconds(3))  // broker silent: disconnected
        let final = MDPWorkerCommand.final(envelope: ["@task:t1:1"], body: ["done"])
        #expect(session.reply(final).isEmpty)
        #expect(session.outbox == [final])
        #expect(session.tick(now: start + .seconds(4)) == [.openSockets(endpoints: ["tcp://a:1", "tcp://b:2"])])
        #expect(session.outbox.isEmpty)
        #expect(session.connected(to: "tcp://a:1", now: start) == [.send(.ready(service: "frontend", extensions: [])), .send(final)])
    }

    @Test func progressInTheOutboxIsBounded() {
        var session = WorkerSession(configuration: .init(endpoints: ["tcp://a:1"], service: "s", info: nil, outboxProgressLimit: 2), now: start)
        for index in 0..<5 { _ = session.reply(.partial(envelope: ["e"], body: [Frame("\(index)")])) }
        _ = session.reply(.final(envelope: ["e"], body: ["f"]))
        #expect(session.outbox == [.partial(envelope: ["e"], body: ["3"]), .partial(envelope: ["e"], body: ["4"]), .final(envelope: ["e"], body: ["f"])])
    }

    @Test func disconnectFromBrokerRegistersAgainAtOnce() {
        var session = connectedSession()
        let actions = session.received(.disconnect(extensions: []), now: start + .seconds(1))
        #expect(actions.first == .closeSocket)
        #expect(actions.contains(.openSockets(endpoints: ["tcp://a:1", "tcp://b:2"])))
        #expect(session.connected(to: "tcp://a:1", now: start) == [.send(.ready(service: "frontend", extensions: []))])
    }

    @Test func failedSendKeepsResultAndReconnects() {
        var session = connectedSession()
        let final = MDPWorkerCommand.final(envelope: ["e"], body: ["f"])
        let actions = session.sendFailed(final, now: start, reason: "queue full")
        #expect(actions.first == .closeSocket)
        #expect(session.outbox == [final])
    }

    @Test func shutdownSaysDisconnectOnceAndStops() {
        var session = connectedSession()
        #expect(session.disconnect() == [.send(.disconnect(extensions: [])), .closeSocket])
        #expect(session.disconnect().isEmpty)
        #expect(session.tick(now: start + .seconds(100)).isEmpty)
        #expect(session.nextDeadline() == nil)
    }

    // MARK: - A fresh socket's connection

    @Test func whileConnectingRepliesWaitBehindReadyAndNoHeartbeatIsSent() {
        var session = makeSession()
        _ = session.tick(now: start)
        let progress = MDPWorkerCommand.partial(envelope: ["@task:t1:1"], body: ["working"])
        let final = MDPWorkerCommand.final(envelope: ["@task:t1:1"], body: ["done"])
        #expect(session.reply(progress).isEmpty)
        #expect(session.reply(final).isEmpty)
        #expect(session.tick(now: start + .seconds(1)).isEmpty, "a heartbeat is due, but the connection is not up")
        #expect(session.connected(to: "tcp://a:1", now: start) == [.send(.ready(service: "frontend", extensions: [])), .send(progress), .send(final)])
        #expect(session.reply(final) == [.send(final)])
        #expect(session.connected(to: "tcp://a:1", now: start).isEmpty, "only a fresh socket's connection is reported")
        #expect(session.tick(now: start + .seconds(2)) == [.send(.heartbeat(extensions: []))])
    }

    @Test func aSocketGivenUpWhileConnectingHandsItsResultsBackToTheOutbox() {
        var session = makeSession()
        _ = session.tick(now: start)
        let progress = MDPWorkerCommand.partial(envelope: ["@task:t1:1"], body: ["working"])
        let final = MDPWorkerCommand.final(envelope: ["@task:t1:1"], body: ["done"])
        _ = session.reply(progress)
        _ = session.reply(final)
        // The endpoint never connects: after the liveness expiry the socket is given up.
        let actions = session.tick(now: start + .seconds(3))
        #expect(actions.first == .closeSocket)
        #expect(!session.isConnecting && session.unsent.isEmpty)
        #expect(session.outbox == [progress, final], "READY is dropped; results wait for the next socket")
        #expect(session.tick(now: start + .seconds(4)) == [.openSockets(endpoints: ["tcp://a:1", "tcp://b:2"])])
        #expect(session.outbox.isEmpty)
        #expect(session.connected(to: "tcp://a:1", now: start) == [.send(.ready(service: "frontend", extensions: [])), .send(progress), .send(final)])
    }

    @Test func aMessageFromTheBrokerWhileConnectingMeansTheConnectionIsUp() {
        var session = makeSession()
        _ = session.tick(now: start)
        let final = MDPWorkerCommand.final(envelope: ["e"], body: ["f"])
        _ = session.reply(final)
        let actions = session.received(.request(envelope: ["@task:t2:1"], body: ["{}"]), now: start + .milliseconds(10))
        #expect(actions == [
            .send(.ready(service: "frontend", extensions: [])), .send(final),
            .deliver(envelope: ["@task:t2:1"], body: ["{}"]),
        ])
        #expect(!session.isConnecting)
    }

    @Test func connectedBeforeAnySocketDoesNothing() {
        var session = makeSession()
        #expect(session.connected(to: "tcp://a:1", now: start).isEmpty)
        #expect(session.tick(now: start) == [.openSockets(endpoints: ["tcp://a:1", "tcp://b:2"])])
    }

    @Test func shutdownWhileConnectingClosesWithoutDisconnectAndKeepsResults() {
        var session = makeSession()
        _ = session.tick(now: start)
        let final = MDPWorkerCommand.final(envelope: ["e"], body: ["f"])
        _ = session.reply(final)
        #expect(session.disconnect() == [.closeSocket])
        #expect(session.outbox == [final])
        #expect(session.tick(now: start + .seconds(10)).isEmpty)
    }
}
