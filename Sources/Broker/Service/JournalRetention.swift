import Foundation
import Logging

/// Runs the journal's pruning pass at start and then every `interval`, beside the broker
/// thread: deletes finished tasks older than `retention` (see ``JournalPruner``).
struct JournalRetention: Sendable {
    let pruner: any JournalPruning
    let retention: Duration
    let interval: Duration
    let logger: Logger

    /// Prunes until cancelled; a failed pass is logged and tried again next time.
    func run() async {
        while !Task.isCancelled {
            let cutoff = Date().addingTimeInterval(-Double(retention.components.seconds))
            do {
                let report = try await pruner.prune(finishedBefore: cutoff)
                if report.removedTasks > 0 {
                    logger.info("journal retention removed \(report.removedTasks) finished task(s) older than \(cutoff) in \(report.batches) batch(es), \(report.duration)")
                }
            } catch {
                logger.error("journal retention failed; it tries again in \(interval): \(error)")
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
