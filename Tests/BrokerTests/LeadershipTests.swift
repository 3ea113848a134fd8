import Foundation
import Testing
import Wire

@testable import Broker

/// The election between brokers sharing a PostgreSQL journal, stepped by hand with a
/// manual clock: when a standby polls, when the active renews, and every way the active
/// steps down before its lease can end in the database.
@Suite struct LeadershipTests {
    let start = ContinuousClock.now
    let policy = LeadershipPolicy()   // heartbeat 1 s, lease 3 s, poll 250 ms, margin 1 s

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    func record(epoch: Int64, holder: String = "b1") -> LeaderRecord {
        LeaderRecord(holder: holder, endpoint: "tcp://10.0.0.1:5555", epoch: epoch, since: Date(timeIntervalSince1970: 1_800_000_000),
            leaseUntil: Date(timeIntervalSince1970: 1_800_000_003))
    }

    /// A broker that took the lease at `t = 0` (poll sent at 0, answered at 20 ms).
    func active() -> Leadership {
        var leadership = Leadership(policy: policy, now: at(0))
        #expect(leadership.tick(now: at(0)) == [.poll])
        _ = leadership.acquired(record(epoch: 7), now: at(20))
        return leadership
    }

    @Test func defaultsAreALeaseOfThreeHeartbeatsAndServingUntilOneHeartbeatBeforeItEnds() {
        #expect(policy.heartbeat == .seconds(1))
        #expect(policy.lease == .seconds(3))
        #expect(policy.pollInterval == .milliseconds(250))
        #expect(policy.serving == .seconds(2))
        // The margin never eats the whole lease: at least one heartbeat of serving is left.
        #expect(LeadershipPolicy(heartbeat: .seconds(1), leaseHeartbeats: 2, safetyMargin: .seconds(5)).serving == .seconds(1))
    }

    @Test func aStandbyPollsAtOnceThenEveryPollIntervalWithOneRequestInFlight() {
        var leadership = Leadership(policy: policy, now: at(0))
        #expect(leadership.tick(now: at(0)) == [.poll])
        #expect(leadership.tick(now: at(400)) == [], "a second poll while the first has no answer")
        #expect(leadership.acquireRefused(leader: record(epoch: 3, holder: "b2"), now: at(30)) == [])
        #expect(leadership.knownLeader?.holder == "b2")
        #expect(leadership.role == .standby)
        #expect(leadership.nextDeadline == at(250))
        #expect(leadership.tick(now: at(249)) == [])
        #expect(leadership.tick(now: at(250)) == [.poll])
    }

    @Test func takingTheLeaseTakesOverAndRenewsEveryHeartbeatFromWhenTheRequestWasSent() {
        var leadership = Leadership(policy: policy, now: at(0))
        _ = leadership.tick(now: at(0))
        let actions = leadership.acquired(record(epoch: 8), now: at(40))
        #expect(actions.last == .takeOver(record(epoch: 8), alert: Leadership.takeoverAlert(record(epoch: 8), previous: nil)))
        #expect(leadership.isActive)
        #expect(leadership.servingUntil == at(2_000), "serving time counts from the send, not the answer")
        #expect(leadership.tick(now: at(999)) == [])
        #expect(leadership.tick(now: at(1_000)) == [.renew(epoch: 8)])
        #expect(leadership.renewed(now: at(1_050)) == [])
        #expect(leadership.servingUntil == at(3_000))
        #expect(leadership.tick(now: at(2_000)) == [.renew(epoch: 8)])
    }

    @Test func aRenewalThatDoesNotAnswerInTimeStepsDownBeforeTheLeaseEnds() {
        var leadership = active()
        #expect(leadership.tick(now: at(1_000)) == [.renew(epoch: 7)])
        // PostgreSQL is silent: the renewal hangs. The database's lease (renewed at 0) ends
        // at 3 s; the broker stops at 2 s by its own clock.
        #expect(leadership.tick(now: at(1_999)) == [])
        let actions = leadership.tick(now: at(2_000))
        #expect(actions.contains { if case .stepDown = $0 { true } else { false } })
        #expect(leadership.isActive == false)
        // A late answer changes nothing.
        #expect(leadership.renewed(now: at(2_100)) == [])
        #expect(leadership.isActive == false)
        #expect(leadership.tick(now: at(5_000)) == [])
    }

    @Test func aFailedOrRefusedRenewalStepsDownAtOnce() {
        var leadership = active()
        _ = leadership.tick(now: at(1_000))
        let actions = leadership.renewFailed("the lease belongs to epoch 8 now", now: at(1_010))
        #expect(actions.contains(.stepDown(reason: "could not renew the lease of epoch 7: the lease belongs to epoch 8 now")))
        if case .stopped(let reason) = leadership.role {
            #expect(reason.contains("epoch 8"))
        } else {
            Issue.record("expected stopped, got \(leadership.role)")
        }
    }

    @Test func aCommitRefusedByTheFenceStepsDown() {
        var leadership = active()
        let actions = leadership.brokerStopped("the journal refused a commit: deposed", now: at(300))
        #expect(actions.contains(.stepDown(reason: "the journal refused a commit: deposed")))
        #expect(leadership.nextDeadline == nil)
    }

    @Test func aTakeoverRaisesAnAlertNamingThePreviousActiveButTheFirstLeaseDoesNot() {
        var leadership = Leadership(policy: policy, now: at(0))
        _ = leadership.tick(now: at(0))
        _ = leadership.acquireRefused(leader: record(epoch: 4, holder: "b2"), now: at(10))
        _ = leadership.tick(now: at(250))
        let actions = leadership.acquired(record(epoch: 5), now: at(260))
        guard case .takeOver(let taken, let alert)? = actions.last else {
            Issue.record("no takeover in \(actions)")
            return
        }
        #expect(taken.epoch == 5)
        #expect(alert?.kind == .brokerTakeover)
        #expect(alert?.text.contains("from b2 (epoch 4)") == true)
        #expect(Leadership.takeoverAlert(record(epoch: 1), previous: nil) == nil)
    }

    @Test func aStandbyIgnoresABrokerStopAndKeepsPolling() {
        var leadership = Leadership(policy: policy, now: at(0))
        #expect(leadership.brokerStopped("irrelevant", now: at(0)) == [])
        #expect(leadership.tick(now: at(0)) == [.poll])
    }

    @Test func aLeaseGrantedTooLateToServeOnIsLetLapse() {
        var leadership = Leadership(policy: policy, now: at(0))
        _ = leadership.tick(now: at(0))
        let actions = leadership.acquired(record(epoch: 9), now: at(2_500))
        #expect(!actions.contains { if case .takeOver = $0 { true } else { false } })
        #expect(leadership.role == .standby)
        #expect(leadership.tick(now: at(2_500)) == [.poll])
    }

    @Test func pollFailuresAreLoggedOnceAndTheStandbyKeepsPolling() {
        var leadership = Leadership(policy: policy, now: at(0))
        _ = leadership.tick(now: at(0))
        #expect(leadership.acquireFailed("connection refused", now: at(10)).count == 1)
        #expect(leadership.tick(now: at(250)) == [.poll])
        #expect(leadership.acquireFailed("connection refused", now: at(260)) == [])
        #expect(leadership.tick(now: at(500)) == [.poll])
        #expect(leadership.acquireRefused(leader: nil, now: at(510)).count == 1, "the recovery is logged")
    }

    @Test func aGracefulStopResignsTheLeaseSoAStandbyNeedNotWaitForIt() {
        var leadership = active()
        #expect(leadership.shutDown(now: at(500)) == [.resign(epoch: 7)])
        #expect(leadership.tick(now: at(5_000)) == [])
        var standby = Leadership(policy: policy, now: at(0))
        #expect(standby.shutDown(now: at(0)) == [])
    }

    @Test func theNextDeadlineIsTheRenewalOrTheEndOfServingWhicheverComesFirst() {
        var leadership = active()
        #expect(leadership.nextDeadline == at(1_000))
        _ = leadership.tick(now: at(1_000))
        #expect(leadership.nextDeadline == at(2_000), "with a renewal in flight only the end of serving is due")
    }
}
