/// Second results offered to the broker during a fault run, read from `mmi.metrics` of
/// each broker run: those its state machine refused (`duplicate_results`) and those it let
/// through to the journal, which kept the first result and ignored them
/// (`results_ignored_by_journal`, a broker bug).
///
/// A broker's counters start at zero when it starts, so each run's latest reading is kept
/// and the runs are summed. What a run counted after its last reading, before a SIGKILL,
/// is not seen: the totals are at least these.
struct DuplicateResultTally: Sendable {
    private var runs: [Int: (refused: Int, ignoredByJournal: Int)] = [:]

    /// Second results the broker refused, summed over its runs.
    var refused: Int { runs.values.reduce(0) { $0 + $1.refused } }
    /// Second results the broker let through (the journal ignored them), summed over its runs.
    var ignoredByJournal: Int { runs.values.reduce(0) { $0 + $1.ignoredByJournal } }

    /// Takes one `mmi.metrics` reading of broker run `run` (the kills before it).
    mutating func record(metrics text: String, run: Int) {
        guard let refused = Self.counter("cluster_broker_duplicate_results_total", in: text),
              let ignored = Self.counter("cluster_broker_results_ignored_by_journal_total", in: text)
        else { return }
        runs[run] = (refused, ignored)
    }

    /// The value of an unlabelled sample in Prometheus text.
    static func counter(_ name: String, in text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Int(line.dropFirst(name.count + 1))
        }
        return nil
    }
}
