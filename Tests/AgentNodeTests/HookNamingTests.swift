import Foundation
import Testing
@testable import AgentNode

@Suite("Hooks: the seed's names and the agent's folder")
struct HookNamingTests {
    @Test("on-<event> and on-<event>.sh both run, the one without .sh first")
    func bothSpellingsRun() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let hooks = try HookTests.hooksDirectory(in: temp)
        let log = temp.path("hooks.log").path
        try HookTests.writeHook("on-agent-message", in: hooks, "echo \"plain $CLUSTER_MESSAGE\" >> \(log)")
        try HookTests.writeHook("on-agent-message.sh", in: hooks, "echo \"sh $CLUSTER_MESSAGE\" >> \(log)")
        try HookTests.writeHook("on-error.sh", in: hooks, "echo \"error only sh\" >> \(log)")
        let runner = try HookRunner(directory: hooks, agent: "CC01", specialty: "backend", logger: quietLogger())
        #expect(runner.hasHook(for: .agentMessage) && runner.hasHook(for: .error) && !runner.hasHook(for: .taskComplete))
        await runner.fire(HookEvent(event: .agentMessage, message: "hello"))
        await runner.fire(HookEvent(event: .error, message: "x"))
        await runner.fire(HookEvent(event: .taskComplete, message: "nobody listens"))
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "plain hello\nsh hello\nerror only sh\n")
    }

    @Test("A .sh hook runs through the executor too")
    func shHookThroughExecutor() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let hooks = try HookTests.hooksDirectory(in: temp)
        let log = temp.path("hooks.log").path
        try HookTests.writeHook("on-task-received.sh", in: hooks, "echo \"$CLUSTER_TASK_ID\" >> \(log)")
        let harness = try await ExecutorHarness(hooks: hooks)
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()
        #expect(result.outcome == .succeeded)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "TASK-42\n")
    }

    @Test("File names are matched to events; the rest are reported", arguments: [
        (["on-task-received.sh", "on-error", "on-task-complete.sh"], [String]()),
        (["on-task-recieved.sh", "on-error", "notify.py", ".gitkeep", "README.md"], ["notify.py", "on-task-recieved.sh"]),
        (["on-task-received.bash", "on-progress-update.sh.bak", "ON-ERROR"], ["ON-ERROR", "on-progress-update.sh.bak", "on-task-received.bash"]),
    ])
    func unmatchedNames(names: [String], unmatched: [String]) {
        #expect(HookFileNames.unmatched(names) == unmatched)
    }

    @Test("Every event's two names map back to it")
    func eventNames() {
        for event in HookEventName.allCases {
            #expect(HookFileNames.names(for: event).map(HookFileNames.event(forFileName:)) == [event, event])
        }
        #expect(HookFileNames.event(forFileName: "on-task-received.sh") == .taskReceived)
        #expect(HookFileNames.event(forFileName: "task-received.sh") == nil)
    }

    @Test("The warning names the files and the events; none when all files match")
    func warning() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = temp.path("agents/CC01/hooks")
        try HookFolder.create(folder)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o755)
        _ = try HookRunner(directory: folder, agent: "CC01", specialty: "backend", logger: quietLogger())
        #expect(HookFolder.unmatchedWarning(for: folder) == nil)
        try HookTests.writeHook("on-task-done.sh", in: folder, "true")
        let warning = try #require(HookFolder.unmatchedWarning(for: folder))
        #expect(warning.hasPrefix("hooks folder \(folder.path): on-task-done.sh matches no event and will never run"))
        #expect(warning.contains("on-task-complete"))
        #expect(HookFolder.unmatchedFiles(in: temp.path("missing")) == [])
    }
}
