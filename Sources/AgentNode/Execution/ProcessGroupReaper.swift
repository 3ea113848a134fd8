#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Ends every process left in a child's process group: SIGTERM, a grace period, SIGKILL.
///
/// Subprocess's own teardown stops as soon as the group leader is gone, which leaves a
/// grandchild that ignores SIGTERM (or was started in the background) running. This
/// sweep looks at the group itself in `/proc`, ignoring zombies, which a non-reaping
/// init (as in many containers) can leave behind.
enum ProcessGroupReaper {
    /// Stops the group and waits until no live member remains (or gives up after SIGKILL).
    ///
    /// Runs in an unstructured task so a cancelled caller still waits out the grace
    /// period instead of spinning through cancelled sleeps.
    static func stop(group: Int32, grace: Duration) async {
        // Never signal our own group (or init's): that would kill the agent.
        guard group > 1, group != getpgrp() else { return }
        await Task {
            guard hasLiveMembers(group) else { return }
            _ = kill(-group, SIGTERM)
            if await waitUntilGone(group, within: grace) { return }
            _ = kill(-group, SIGKILL)
            _ = await waitUntilGone(group, within: .seconds(2))
        }.value
    }

    static func hasLiveMembers(_ group: Int32) -> Bool {
        // kill(-g, 0) is cheap and says "no members at all"; /proc tells zombies apart.
        guard kill(-group, 0) == 0 else { return false }
        return !ProcessTable.snapshot().liveMembers(ofGroup: group).isEmpty
    }

    /// Polls until the group has no live member; true if that happened in time.
    private static func waitUntilGone(_ group: Int32, within limit: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if !hasLiveMembers(group) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !hasLiveMembers(group)
    }
}
