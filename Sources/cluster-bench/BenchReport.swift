import Foundation
import Synchronization

/// What a run found: printed line by line as it goes, the verdicts again at the end.
final class BenchReport: Sendable {
    /// One target and whether this run met it.
    struct Verdict: Sendable {
        var part: String
        var target: String
        var measured: String
        var met: Bool
    }

    private let verdicts = Mutex<[Verdict]>([])

    init() {}

    /// Writes one line to standard output at once (no buffering: a long run shows its
    /// progress even into a pipe).
    func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Starts a part: `== 2. MDP round trips through the broker ==`.
    func heading(_ text: String) {
        line("\n== \(text) ==")
    }

    /// One measured figure.
    func figure(_ name: String, _ value: String) {
        line("  \(name): \(value)")
    }

    /// A remark that is not a figure (set-up, what was skipped and why).
    func note(_ text: String) {
        line("  - \(text)")
    }

    /// A target, the figure it was judged on, and the verdict.
    func target(_ part: String, _ target: String, measured: String, met: Bool) {
        verdicts.withLock { $0.append(Verdict(part: part, target: target, measured: measured, met: met)) }
        line("  TARGET \(target): \(measured) -> \(met ? "met" : "NOT met")")
    }

    /// Whether every target judged so far was met.
    var allMet: Bool { verdicts.withLock { $0.allSatisfy(\.met) } }

    /// The verdicts of the whole run, one per line.
    func printSummary() {
        let all = verdicts.withLock { $0 }
        line("\n== Verdicts ==")
        if all.isEmpty { line("  (no target was judged in this run)") }
        for verdict in all {
            line("  [\(verdict.met ? "met" : "NOT met")] \(verdict.part): \(verdict.target) — measured \(verdict.measured)")
        }
    }
}
