import Foundation
import Logging
import TestSupport
import Testing
@testable import ClusterRuntime

/// The log file handler gathers lines and writes them together, without losing or
/// reordering any, and writes warnings at once.
@Suite struct FileLogHandlerTests {
    static func logger(_ path: String) throws -> Logger {
        let handler = try FileLogHandler(label: "TEST", path: path)
        return Logger(label: "TEST") { _ in handler }
    }

    static func temporaryLog() -> String {
        ScratchDirectory.runDirectory
            .appendingPathComponent("log-test-\(UUID().uuidString.prefix(8))/router.log").path
    }

    static func lines(_ path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { String($0) }
    }

    @Test func aWarningIsWrittenAtOnceAfterTheLinesGatheredBeforeIt() throws {
        let path = Self.temporaryLog()
        let logger = try Self.logger(path)
        logger.info("first")
        logger.info("second")
        logger.warning("third")
        let lines = Self.lines(path)
        #expect(lines.count == 3)
        #expect(lines.map { $0.split(separator: " ", maxSplits: 3).last.map(String.init) } == ["first", "second", "third"])
        #expect(lines.last?.contains(" warning [TEST] third") == true)
    }

    @Test func gatheredLinesReachTheFileOnTheirOwn() async throws {
        let path = Self.temporaryLog()
        let logger = try Self.logger(path)
        for index in 0..<50 { logger.info("line \(index)", metadata: ["task": "T\(index)"]) }
        let deadline = ContinuousClock.now + .seconds(10)
        while Self.lines(path).count < 50, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let lines = Self.lines(path)
        #expect(lines.count == 50)
        #expect(lines.enumerated().allSatisfy { $0.element.hasSuffix("line \($0.offset) task=T\($0.offset)") })
    }

    @Test func flushingWritesWhatIsGathered() throws {
        let path = Self.temporaryLog()
        let logger = try Self.logger(path)
        logger.info("waiting")
        FileLogSink.flushAll()
        #expect(Self.lines(path).count == 1)
    }

    @Test func aFullBufferIsWrittenWithoutWaiting() throws {
        let path = Self.temporaryLog()
        let logger = try Self.logger(path)
        let filler = String(repeating: "x", count: 1_000)
        for _ in 0..<(FileLogSink.bufferLimit / 1_000 + 1) { logger.info("\(filler)") }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(size >= FileLogSink.bufferLimit)
    }

    @Test func handlersOfOnePathShareOneFile() throws {
        let path = Self.temporaryLog()
        let first = try Self.logger(path)
        let second = try Self.logger(path)
        first.info("from the first")
        second.error("from the second")
        #expect(Self.lines(path).count == 2)
    }
}
