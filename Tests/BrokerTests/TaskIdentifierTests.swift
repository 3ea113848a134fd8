import Foundation
import Testing

@testable import Broker

@Suite struct TaskIdentifierTests {
    @Test func idsAreTimeOrderedLowerCaseAndDistinct() {
        let now = Date(timeIntervalSince1970: 1_764_000_000.5)
        let ids = (0..<2_000).map { _ in TaskIdentifier.make(now: now) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: "-")
            #expect(parts.count == 2)
            #expect(parts.first.map(String.init) == String(UInt64(1_764_000_000_500), radix: 36))
            #expect(parts.last?.count == 6)
            #expect(id.allSatisfy { $0 == "-" || $0.isNumber || ($0.isLowercase && $0.isASCII) })
        }
        #expect(TaskIdentifier.make(now: now.addingTimeInterval(1)) > ids[0])
    }

    @Test func theSuffixSpellsTheRandomDrawInBase36() {
        let now = Date(timeIntervalSince1970: 1_764_000_000.5)
        let prefix = String(UInt64(1_764_000_000_500), radix: 36)
        #expect(TaskIdentifier.make(now: now, random: 0) == prefix + "-000000")
        #expect(TaskIdentifier.make(now: now, random: 35 + 36 * 10) == prefix + "-za0000")
        // Draws beyond 36^6 wrap: six characters, never seven.
        #expect(TaskIdentifier.make(now: now, random: 2_176_782_336 + 1) == prefix + "-100000")
    }

    @Test func drawsKeepComingAcrossRefills() {
        var draws = RandomDraws()
        let values = (0..<2_000).map { _ in draws.next() }
        // Distinct with overwhelming odds; all zero would mean the buffer was never filled.
        #expect(Set(values).count == values.count)
    }
}
