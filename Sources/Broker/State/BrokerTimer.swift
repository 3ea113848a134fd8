/// What a deadline in the broker's ``DeadlineHeap`` is for. Each carries enough to tell,
/// when it fires, whether it still applies. The workers' own checks are kept apart, in
/// ``BrokerState/workerChecks`` (``WorkerCheck``).
enum BrokerTimer: Sendable, Hashable {
    /// This delivery of the task may have run past its timeout and grace.
    case taskTimeout(taskID: String, delivery: Int)
    /// The task's backoff may be over.
    case taskRetry(taskID: String)
    /// The restored task's recovery grace may be over.
    case taskRecovery(taskID: String)
    /// The slot a cancelled or timed-out attempt reserved may be given up.
    case slotRelease(PeerID, generation: Int, taskID: String, attempt: Int)
    /// The worker of this registration lost its connection: unless it came back, its
    /// disconnect grace is over.
    case connectionLost(PeerID, generation: Int)
    /// The usage-limit pause of this account (lowercased) may be due to lift.
    case accountResume(account: String)
}
