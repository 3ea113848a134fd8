import Foundation
import TestSupport
import Testing
@testable import Bridge

/// The status page lists sub-tasks under the task that spawned them: its `nestSubTasks`
/// run by Node on a page of tasks.
@Suite struct StatusPageSubTaskTests {
    static let node = ["/usr/bin/node", "/usr/local/bin/node"].first(where: FileManager.default.isExecutableFile)

    @Test(.enabled(if: node != nil, "needs node to run the page's script"))
    func subTasksFollowTheirParentIndented() async throws {
        let html = StatusPage.html
        let function = try #require(html.range(of: "// NEST-BEGIN").flatMap { begin in
            html.range(of: "// NEST-END").map { String(html[begin.upperBound..<$0.lowerBound]) }
        })
        // Newest first, as GET /tasks lists them: a sub-task of a sub-task, a task whose
        // parent is not on the page, and one that names itself.
        let tasks = """
        [{"id":"c2","spec":{"metadata":{"spawned_by":"c1"}}},
         {"id":"c1","spec":{"metadata":{"spawned_by":"p"}}},
         {"id":"x","spec":{"metadata":{"spawned_by":"gone"}}},
         {"id":"s","spec":{"metadata":{"spawned_by":"s"}}},
         {"id":"p","spec":{"metadata":{}}},
         {"id":"q","spec":{}}]
        """
        let script = try TestEnvironment.temporaryDirectory("status-page").appendingPathComponent("nest.js")
        try (function + "\nconsole.log(JSON.stringify(nestSubTasks(\(tasks)).map((r) => r.task.id + \":\" + r.depth)));\n")
            .write(to: script, atomically: true, encoding: .utf8)
        let run = try await runCommand(try #require(Self.node), [script.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output == #"["x:0","s:0","p:0","c1:1","c2:2","q:0"]"#)
    }
}
