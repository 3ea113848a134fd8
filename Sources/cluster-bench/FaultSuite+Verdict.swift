/// What a fault run saw from outside the journal.
struct FaultObservations: Sendable {
    var finishedInTime: Bool
    var elapsed: Duration
    var acknowledged: Int
    var brokerKills: Int
    var workerKills: Int
    var framesSent: Int
    /// `invalid_messages` of the last broker run (the count restarts with the broker).
    var invalidMessages: Int
    var http: HTTPFuzzer.Tally
    var brokerPeakBytes: Int
    var bridgePeakBytes: Int
    var crashes: [String]
    var bridgeHealthy: Bool
    /// Second results offered to the broker, refused or let through.
    var duplicateResults: DuplicateResultTally
}

extension FaultSuite {
    /// Prints the run's figures and judges them; true when every check passed.
    func judge(_ observed: FaultObservations, _ findings: JournalAudit.Findings, report: BenchReport) -> Bool {
        let submitted = observed.acknowledged + findings.storedUnacknowledged
        let neverAccepted = settings.tasks - submitted
        let answers = observed.http.answers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        report.figure("elapsed", observed.elapsed.readable)
        report.figure("tasks submitted", "\(submitted) of \(settings.tasks) (\(observed.acknowledged) acknowledged; never accepted: \(neverAccepted))")
        report.figure("tasks completed", "\(findings.finished) (\(findings.succeeded) succeeded)")
        report.figure("tasks lost", "\(findings.lost.count)\(Self.examples(findings.lost))")
        report.figure("results recorded twice", "\(findings.recordedTwice.count)\(Self.examples(findings.recordedTwice))")
        report.figure("results offered twice, refused by the broker", "\(observed.duplicateResults.refused)")
        report.figure("results offered twice, let through to the journal", "\(observed.duplicateResults.ignoredByJournal)")
        report.figure("finished without success", "\(findings.notSucceeded.count)\(Self.examples(findings.notSucceeded))")
        report.figure("results naming another task", "\(findings.mismatched.count)\(Self.examples(findings.mismatched))")
        report.figure("finished without a result row", "\(findings.missingResult.count)\(Self.examples(findings.missingResult))")
        report.figure("broker kills / worker kills", "\(observed.brokerKills) / \(observed.workerKills)")
        report.figure("frames fuzzed at the broker", "\(observed.framesSent) (invalid messages counted by the last broker run: \(observed.invalidMessages))")
        report.figure("HTTP requests fuzzed at the bridge", "\(observed.http.sent): \(answers), no answer \(observed.http.unanswered)")
        report.figure("peak RSS", "broker \(Self.mebibytes(observed.brokerPeakBytes)), bridge \(Self.mebibytes(observed.bridgePeakBytes))")
        for crash in observed.crashes { report.note("CRASH: \(crash)") }
        let limit = settings.memoryLimitMiB * 1_048_576
        report.target("fault", "all \(settings.tasks) tasks accepted and finished (lost = 0)",
                      measured: "\(findings.lost.count) lost, \(neverAccepted) never accepted",
                      met: findings.lost.isEmpty && neverAccepted == 0 && observed.finishedInTime)
        report.target("fault", "each result recorded exactly once",
                      measured: "\(findings.recordedTwice.count) twice, \(findings.missingResult.count) missing",
                      met: findings.recordedTwice.isEmpty && findings.missingResult.isEmpty)
        // The journal keeps the first result by its unique key whatever the broker does, so
        // "recorded once" alone cannot fail: the broker itself must refuse every second one.
        report.target("fault", "every result offered twice refused by the broker",
                      measured: "\(observed.duplicateResults.refused) refused, \(observed.duplicateResults.ignoredByJournal) let through",
                      met: observed.duplicateResults.ignoredByJournal == 0 && observed.duplicateResults.refused > 0)
        report.target("fault", "every task succeeded with its own result",
                      measured: "\(findings.notSucceeded.count) not succeeded, \(findings.mismatched.count) mismatched",
                      met: findings.notSucceeded.isEmpty && findings.mismatched.isEmpty)
        report.target("fault", "no crash; bridge still answers /health",
                      measured: "\(observed.crashes.count) crashes, health \(observed.bridgeHealthy ? "ok" : "failed")",
                      met: observed.crashes.isEmpty && observed.bridgeHealthy)
        report.target("fault", "memory bounded: broker and bridge RSS < \(settings.memoryLimitMiB) MiB",
                      measured: "broker \(Self.mebibytes(observed.brokerPeakBytes)), bridge \(Self.mebibytes(observed.bridgePeakBytes))",
                      met: observed.brokerPeakBytes < limit && observed.bridgePeakBytes < limit)
        return report.allMet
    }

    private static func examples(_ items: [String]) -> String {
        items.isEmpty ? "" : " (e.g. \(items.prefix(3).joined(separator: "; ")))"
    }

    private static func mebibytes(_ bytes: Int) -> String {
        "\(NumberText.rounded(Double(bytes) / 1_048_576, places: 1)) MiB"
    }
}
