@testable import Broker
import Testing
import Wire

/// The table that names the worker behind a broken connection, with reused descriptors.
@Suite struct PeerConnectionsTests {
    @Test("A worker's first message binds its connection; a break names it once")
    func bindAndBreak() {
        var table = PeerConnections()
        #expect(table.needsEvents(.workerA, on: 12))
        let bound = table.observe(.workerA, on: 12)
        #expect(bound)
        #expect(!table.needsEvents(.workerA, on: 12))
        let again = table.observe(.workerA, on: 12)
        #expect(!again)
        let first = table.closed(12), second = table.closed(12)
        #expect(first == .workerA)
        #expect(second == nil)
        #expect(table.count == 0)
    }

    @Test("A message read from a broken connection binds nothing until the number is accepted again")
    func staleMessageAfterBreak() {
        var table = PeerConnections()
        _ = table.observe(.workerA, on: 12)
        let broken = table.closed(12)
        #expect(broken == .workerA)
        let staleSame = table.observe(.workerA, on: 12), staleOther = table.observe(.workerB, on: 12)
        #expect(!staleSame)
        #expect(!staleOther)
        table.accepted(12)
        let fresh = table.observe(.workerB, on: 12)
        #expect(fresh)
        let closed = table.closed(12)
        #expect(closed == .workerB)
    }

    @Test("A reused number names only its new worker")
    func reusedDescriptor() {
        var table = PeerConnections()
        _ = table.observe(.workerA, on: 12)
        _ = table.closed(12)
        table.accepted(12)
        _ = table.observe(.workerB, on: 12)
        _ = table.observe(.workerA, on: 13)
        let at13 = table.closed(13), at12 = table.closed(12)
        #expect(at13 == .workerA)
        #expect(at12 == .workerB)
    }

    @Test("The same identity over a new connection moves its binding; the old connection's break names nobody")
    func handover() {
        var table = PeerConnections()
        _ = table.observe(.workerA, on: 12)
        #expect(table.needsEvents(.workerA, on: 15))
        let moved = table.observe(.workerA, on: 15)
        #expect(moved)
        let old = table.closed(12), new = table.closed(15)
        #expect(old == nil)
        #expect(new == .workerA)
    }

    @Test("Transports without a descriptor (inproc) are never bound")
    func noDescriptor() {
        var table = PeerConnections()
        #expect(!table.needsEvents(.workerA, on: -1))
        let bound = table.observe(.workerA, on: -1)
        #expect(!bound)
        #expect(table.count == 0)
    }
}
