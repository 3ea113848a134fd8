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
}
