import Foundation
import Wire

extension TaskExecutor {
    /// `<workspace>/runs`: one record per running runner.
    var runRecords: RunRecordFolder {
        RunRecordFolder(directory: settings.workspaceRoot.appendingPathComponent("runs"))
    }

    /// The runner's start callback: records the run so that a later start of this agent can
    /// stop it if this process dies without ending it.
    func recordRun(_ assignment: TaskAssignment, worktree: Worktree) -> @Sendable (Int32) -> Void {
        let records = runRecords
        let logger = logger
        return { pid in
            do {
                try records.write(pid: pid, taskID: assignment.taskID, attempt: assignment.attempt, worktree: worktree.path)
            } catch {
                logger.warning("could not record the runner of task \(assignment.taskID) (pid \(pid)): \(error)")
            }
        }
    }

    /// Stops the process groups of runs recorded by an earlier life of this agent (a crash,
    /// SIGKILL, the OOM killer), before their worktrees are cleared.
    func stopLeftoverRuns() async {
        if ChildGuard.path == nil { logger.warning("\(ChildGuard.missingWarning)") }
        let stopped = await runRecords.stopLeftovers(grace: settings.killGracePeriod)
        for record in stopped {
            logger.warning(
                "stopped the runner of task \(record.taskID) attempt \(record.attempt) (process group \(record.pid)), left running by an earlier run of this agent")
        }
    }
}
