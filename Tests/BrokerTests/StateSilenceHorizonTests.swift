@testable import Broker
import Foundation
import Testing
import Wire

/// A broker behind on its input judges no worker silent past the moment it last read all
/// of it: a heartbeat waiting in its own queue is no silence (``SilenceHorizon``).
@Suite("Silence judged only as far as the input is read")
struct StateSilenceHorizonTests {
    /// Moves the clock by `step` up to `until`, ticking as a shell whose every read stopped
    /// at its batch limit with more waiting.
    private static func tickBacklogged(_ h: inout StateHarness, until: Duration, step: Duration = .milliseconds(100)) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        while h.now.uptime + step <= until {
            h.now = h.now.advanced(by: step)
            actions += h.state.tick(now: h.now, inputBacklogged: true)
        }
        return actions
    }

    @Test("A worker past its silence limit while the input is backlogged stays; its queued heartbeat, once read, keeps it")
    func queuedHeartbeatKeepsTheWorker() {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC01", service: "backend")
        // Silence limit 3 s: without the backlog it would be gone at 3 s.
        let behind = Self.tickBacklogged(&h, until: .milliseconds(3_500))
        #expect(behind.alerts.isEmpty)
        #expect(h.state.registry[peer] != nil)
        #expect(h.state.counters.workerChecksDeferred > 0)
        #expect(h.state.counters.workersExpired == 0)
        // The shell reads on and finds the heartbeat the agent sent long ago, then catches up.
        _ = h.receive(.worker(.heartbeat(extensions: [])), from: peer)
        h.now = h.now.advanced(by: .milliseconds(100))
        _ = h.state.tick(now: h.now, inputBacklogged: false)
        #expect(h.state.registry[peer] != nil)
        #expect(h.state.counters.workersExpired == 0)
    }

    @Test("A worker that really sent nothing is expired on the first tick after the shell catches up")
    func silentWorkerExpiresOnCatchUp() {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC01", service: "backend")
        _ = Self.tickBacklogged(&h, until: .milliseconds(3_500))
        #expect(h.state.registry[peer] != nil)
        h.now = h.now.advanced(by: .milliseconds(10))
        let caughtUp = h.state.tick(now: h.now, inputBacklogged: false)
        #expect(h.state.registry[peer] == nil)
        #expect(caughtUp.alerts.map(\.kind) == [.agentDown])
        #expect(h.state.counters.workersExpired == 1)
    }

    @Test("A broker that never catches up still expires a silent worker, one silence limit late at most")
    func neverCaughtUpIsBounded() {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC01", service: "backend")
        // Expiry at 3 s; the horizon lags the clock by at most the silence limit (3 s).
        _ = Self.tickBacklogged(&h, until: .milliseconds(5_900))
        #expect(h.state.registry[peer] != nil)
        _ = Self.tickBacklogged(&h, until: .milliseconds(6_000))
        #expect(h.state.registry[peer] == nil)
        #expect(h.state.counters.workersExpired == 1)
    }

    @Test("A busy worker whose answer may be queued is not disconnected before the shell catches up")
    func busyCheckWaitsToo() {
        var config = BrokerConfiguration.testing()
        config.busyWorkerTimeout = .seconds(2)
        var h = StateHarness(config)
        h.ready(.workerA, service: "echo")
        _ = h.receive(.client(.request(service: "echo", body: [Frame("q")])), from: .client)
        // Heartbeats keep it alive; its answer is what the backlog holds.
        var elapsed = Duration.zero
        while elapsed < .milliseconds(2_500) {
            elapsed += .milliseconds(100)
            h.now = h.now.advanced(by: .milliseconds(100))
            _ = h.state.tick(now: h.now, inputBacklogged: true)
            _ = h.receive(.worker(.heartbeat(extensions: [])), from: .workerA)
        }
        #expect(h.state.registry[.workerA] != nil)
        let answer = h.receive(.worker(.final(envelope: [PeerID.client.identity], body: [Frame("a")])), from: .workerA)
        #expect(answer.finals(to: .client).count == 1)
        _ = h.state.tick(now: h.now, inputBacklogged: false)
        #expect(h.state.registry[.workerA] != nil)
    }

    @Test("Other deadlines keep the clock while the input is backlogged: a closed connection's grace ends on time")
    func connectionGraceIsNotHeld() throws {
        var h = StateHarness(.testing())
        let (victim, _) = h.agent("CC01", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "api", description: "d", target: "backend")).0)
        let (rescuer, _) = h.agent("CC02", service: "backend")
        _ = h.state.connectionClosed(victim, now: h.now)
        let behind = Self.tickBacklogged(&h, until: .milliseconds(300))
        #expect(behind.assignments(to: rescuer).map(\.taskID) == [task.id])
        #expect(h.state.registry[victim] == nil)
    }

    @Test("The horizon follows the clock while caught up, holds while behind within its lag, and never moves back")
    func horizonSteps() {
        var horizon = SilenceHorizon(maximumLag: .seconds(3))
        horizon.advance(to: .seconds(1), inputBacklogged: false)
        #expect(horizon.moment == .seconds(1) && !horizon.isBehind(.seconds(1)))
        horizon.advance(to: .seconds(2), inputBacklogged: true)
        #expect(horizon.moment == .seconds(1) && horizon.isBehind(.seconds(2)))
        horizon.advance(to: .seconds(5), inputBacklogged: true)
        #expect(horizon.moment == .seconds(2))
        horizon.advance(to: .seconds(5), inputBacklogged: false)
        #expect(horizon.moment == .seconds(5))
        horizon.advance(to: .seconds(6), inputBacklogged: true)
        #expect(horizon.moment == .seconds(5))
        horizon.advance(to: .seconds(4), inputBacklogged: false)
        #expect(horizon.moment == .seconds(5), "a clock read out of order does not move it back")
    }
}
