extension HASuite {
    /// Prints the run's figures and judges them; true when every check passed.
    func judge(
        findings: JournalAudit.Findings, acknowledged: Int, takeovers: [Takeover], failures: [String], finished: Bool,
        alerts: Int, exits: [String], elapsed: Duration, report: BenchReport
    ) -> Bool {
        let submitted = acknowledged + findings.storedUnacknowledged
        let neverAccepted = settings.tasks - submitted
        report.figure("elapsed", elapsed.readable)
        report.figure("tasks submitted", "\(submitted) of \(settings.tasks) (\(acknowledged) acknowledged; never accepted: \(neverAccepted))")
        report.figure("tasks completed", "\(findings.finished) (\(findings.succeeded) succeeded)")
        report.figure("tasks lost", "\(findings.lost.count)\(Self.examples(findings.lost))")
        report.figure("results recorded twice", "\(findings.recordedTwice.count)\(Self.examples(findings.recordedTwice))")
        report.figure("finished without a result row", "\(findings.missingResult.count)\(Self.examples(findings.missingResult))")
        report.figure("results naming another task", "\(findings.mismatched.count)\(Self.examples(findings.mismatched))")
        report.figure("active broker kills", "\(takeovers.count) measured, \(failures.count) failed")
        report.figure("broker_takeover alerts", "\(alerts)")
        for exit in exits { report.note("a broker exited by itself: \(exit)") }
        let durations = takeovers.map(\.duration)
        if let leaseTaken = Percentiles(takeovers.compactMap(\.leaseTaken)) {
            report.figure("kill -> lease taken by the new active (its log)", leaseTaken.summary)
        }
        if let ready = Percentiles(takeovers.compactMap(\.ready)) {
            report.figure("kill -> new active loaded and bound (its log)", ready.summary)
        }
        if let takeover = Percentiles(durations) {
            report.figure("kill -> first task assigned by the new active", takeover.summary)
        }
        report.target("ha", "all \(settings.tasks) tasks accepted and finished (lost = 0)",
                      measured: "\(findings.lost.count) lost, \(neverAccepted) never accepted",
                      met: findings.lost.isEmpty && neverAccepted == 0 && finished)
        report.target("ha", "each result recorded exactly once",
                      measured: "\(findings.recordedTwice.count) twice, \(findings.missingResult.count) missing",
                      met: findings.recordedTwice.isEmpty && findings.missingResult.isEmpty)
        report.target("ha", "every task succeeded with its own result",
                      measured: "\(findings.notSucceeded.count) not succeeded, \(findings.mismatched.count) mismatched",
                      met: findings.notSucceeded.isEmpty && findings.mismatched.isEmpty)
        report.target("ha", "\(settings.kills) takeovers, each raising broker_takeover",
                      measured: "\(takeovers.count) takeovers, \(failures.count) failed, \(alerts) alerts",
                      met: takeovers.count == settings.kills && failures.isEmpty && alerts >= settings.kills)
        if settings.judgesTakeoverTime, let takeover = Percentiles(durations) {
            report.target("ha", "p99 kill -> first task assigned by the new active <= 5 s",
                          measured: takeover.p99.readable, met: takeover.p99 <= .seconds(5))
        }
        return report.allMet
    }

    private static func examples(_ items: [String]) -> String {
        items.isEmpty ? "" : " (e.g. \(items.prefix(3).joined(separator: "; ")))"
    }
}

/// The PostgreSQL an HA run shares between its brokers.
protocol HADatabase: Sendable {
    /// The lines under `broker.journal:` in each broker's configuration (indented four spaces).
    var journalYAML: String { get }
    /// Reads the journal after the brokers stopped (see ``JournalAudit``).
    func audit(ids: [String], unacknowledgedKeys: [String]) async throws -> JournalAudit.Findings
}
