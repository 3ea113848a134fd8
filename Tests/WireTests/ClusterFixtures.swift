import Foundation
import Wire

/// One sample of every cluster body, with millisecond-exact dates so equality survives JSON.
enum ClusterFixtures {
    static let date = Date(timeIntervalSince1970: 1_738_324_800.250)  // 2025-01-31T12:00:00.250Z
    static let later = Date(timeIntervalSince1970: 1_738_324_861.007)

    static let spec = TaskSpec(
        title: "Add a login form", description: "Build the login form with validation.",
        type: "frontend_development", priority: .high, requirements: ["React", "tests"], labels: ["ui"],
        target: "frontend", repository: "git@example.com:team/app.git", issueURL: "https://example.com/issues/7",
        source: .github, idempotencyKey: "gh-7", timeoutSeconds: 900, maxAttempts: 2, metadata: ["github.number": "7"])

    static let result = TaskResult(
        outcome: .succeeded, summary: "Added the form.", pullRequestURL: "https://example.com/pull/8",
        branch: "cc01/t-1", changedFiles: true, costUSD: 0.42, durationMs: 61_000, turns: 9,
        sessionID: "s-1", exitStatus: 0, error: nil, transcript: "…")

    static let record = TaskRecord(
        id: "t-1", spec: spec, state: .succeeded, attempts: 1, maxAttempts: 2, agent: "CC01",
        specialty: "frontend", createdAt: date, updatedAt: later, startedAt: date, finishedAt: later,
        result: result)

    static let progress = ProgressUpdate(taskID: "t-1", attempt: 1, sequence: 3, kind: .toolUse, message: "Edit", at: date)

    static let info = AgentInfo(
        name: "CC01", specialties: ["frontend", "docs"], capacity: 2, version: "1.0.0", host: "box",
        runnerAvailable: false, runnerProblem: "claude not found on PATH")

    static let load = AgentLoad(runningTaskIDs: ["t-1"], cpuPercent: 12.5, rssBytes: 123_456_789, overCPULimit: false, overMemoryLimit: true)

    static let status = AgentStatus(
        name: "CC01", specialty: "frontend", specialties: ["frontend", "docs"], state: .busy, lastHeartbeat: date,
        runningTasks: ["t-1"], capacity: 2, load: load, runnerProblem: nil, version: "1.0.0", host: "box")

    static let broadcasts = [
        Broadcast(message: "Deploy freeze", from: "ops", target: .all, sentAt: date),
        Broadcast(message: "Use Tailwind", from: "CC02", target: .specialties(["frontend"]), sentAt: date),
        Broadcast(message: "Rebase", from: "ops", target: .agents(["CC01", "CC03"]), sentAt: date),
    ]

    static let help = HelpRequest(id: "h-1", from: "CC01", specialty: "backend", question: "Which endpoint?", context: "login form", taskID: "t-1")
    static let answer = HelpAnswer(id: "h-1", from: "CC02", answer: "POST /api/session")

    static let events = [
        ClusterEvent(at: date, payload: .taskState(record, previous: .running)),
        ClusterEvent(at: date, payload: .taskState(TaskRecord(id: "t-2", spec: spec, createdAt: date), previous: nil)),
        ClusterEvent(at: date, payload: .taskProgress(progress)),
        ClusterEvent(at: date, payload: .alert(Alert(kind: .agentDown, severity: .critical, text: "CC01 silent for 3 s", agent: "CC01"))),
        ClusterEvent(at: date, payload: .brokerHeartbeat(BrokerHeartbeat(version: "1.0.0", uptimeSeconds: 12.5, agents: 3, queuedTasks: 1))),
    ]

    static let routerInfo = RouterInfo(
        version: "1.0.0", startedAt: date, uptimeSeconds: 61.5, routerEndpoints: ["tcp://127.0.0.1:5555"],
        publisherEndpoints: ["tcp://127.0.0.1:5556"], agents: 2, plainWorkers: 1,
        tasksByState: ["queued": 1, "running": 2], requestsInFlight: 3, invalidMessages: 4)
}
