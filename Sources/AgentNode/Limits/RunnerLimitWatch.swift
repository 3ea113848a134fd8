import Foundation
import Logging
import Synchronization

/// Samples one runner's process tree while it runs and stops its process group when
/// ``RunnerLimitEnforcer`` says so; the shell around that decision.
///
/// Started from the runner's start callback with its process group id; cancelled when
/// the runner is over. ``stopReason`` then says whether it was stopped, and why.
final class RunnerLimitWatch: Sendable {
    private let limits: RunnerLimits
    private let grace: Duration
    private let logger: Logger
    private let state = Mutex<(task: Task<Void, Never>?, reason: String?)>((nil, nil))

    init(limits: RunnerLimits, grace: Duration, logger: Logger) {
        self.limits = limits
        self.grace = grace
        self.logger = logger
    }

    /// The reason the runner was stopped, or nil if it was not.
    var stopReason: String? { state.withLock { $0.reason } }

    /// Starts watching the group led by `group` (the runner's, under its child guard).
    func start(group: Int32) {
        let task = Task { [self] in await watch(group: group) }
        state.withLock { $0.task = task }
    }

    /// Stops watching (the runner is over).
    func finish() {
        state.withLock { $0.task?.cancel() }
    }

    private func watch(group: Int32) async {
        var sampler = ProcessTreeSampler(rootPID: group)
        var enforcer = RunnerLimitEnforcer(limits: limits)
        _ = sampler.sample(at: .now)  // CPU needs a first reading to measure from
        while !Task.isCancelled {
            do { try await Task.sleep(for: limits.sampleInterval) } catch { return }
            let sample = sampler.sample(at: .now)
            guard sample.processCount > 0 else { return }
            switch enforcer.observe(sample) {
            case .withinLimits, .over:
                continue
            case .stop(let reason):
                state.withLock { $0.reason = reason }
                logger.warning("stopping the runner's process group \(group): \(reason)")
                await ProcessGroupReaper.stop(group: group, grace: grace)
                return
            }
        }
    }
}
