@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: routing and balancing")
struct StateRoutingTests {
    let rules = RoutingRules(rules: RoutingRule.defaults, defaultSpecialty: "backend")

    func route(_ spec: TaskSpec, agents: Set<String> = [], specialties: Set<String> = []) -> TaskRoute {
        rules.route(spec, isAgent: agents.contains, isSpecialty: specialties.contains)
    }

    @Test("Explicit agent > explicit specialty > keyword rules > default")
    func precedence() {
        let agents: Set<String> = ["cc01"]
        let ui = TaskSpec(title: "Fix the UI", description: "d", type: "frontend_development")
        var spec = ui
        spec.target = "CC01"
        #expect(route(spec, agents: agents) == TaskRoute(key: "cc01", reason: .agent, specialty: nil))
        spec.target = "Infra"
        #expect(route(spec, agents: agents) == TaskRoute(key: "infra", reason: .specialty, specialty: "infra"))
        spec.target = "docs"
        #expect(route(spec, agents: agents, specialties: ["docs"]).reason == .specialty)
        #expect(route(ui, agents: agents) == TaskRoute(key: "frontend", reason: .rule, specialty: "frontend"))
        #expect(route(TaskSpec(title: "Something", description: "d")).reason == .fallback)
        #expect(route(TaskSpec(title: "Something", description: "d")).key == "backend")
    }

    @Test("A target is read without the spaces and tabs around it; a blank one is no target")
    func targetSpaces() {
        var spec = TaskSpec(title: "Fix the UI", description: "d", type: "frontend_development")
        spec.target = " \tCC01\u{00A0} "
        #expect(route(spec, agents: ["cc01"]) == TaskRoute(key: "cc01", reason: .agent, specialty: nil))
        spec.target = "  "
        #expect(route(spec, agents: ["cc01"]).reason == .rule)
        #expect(WhiteSpace.trimmed("cc 01") == "cc 01")
        #expect(WhiteSpace.trimmed("") == "")
        #expect(WhiteSpace.trimmed(" \n\u{3000}") == "")
        #expect(WhiteSpace.isBlank("\t\u{2028} ") && !WhiteSpace.isBlank(" x "))
    }

    @Test("Rules match whole words in type, then labels, then title, ignoring case")
    func ruleWords() {
        #expect(route(TaskSpec(title: "Deploy", description: "d", type: "api_work")).key == "backend")
        #expect(route(TaskSpec(title: "x", description: "d", labels: ["area/Docker"])).key == "infra")
        #expect(route(TaskSpec(title: "Build a React component", description: "d")).key == "frontend")
        // "capital" contains "api" but not as a word.
        #expect(route(TaskSpec(title: "capital letters", description: "d")).reason == .fallback)
        // Most hits win within a field.
        #expect(route(TaskSpec(title: "ci deploy for the api", description: "d")).key == "infra")
    }

    @Test("A task targeting an agent by name (any case) waits for that agent only")
    func agentTarget() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend")
        let (cc02, _) = h.agent("CC02", service: "backend")
        _ = h.submit(TaskSpec(title: "first", description: "d", target: "cc02"))
        let (record, actions) = h.submit(TaskSpec(title: "second", description: "d", target: "cc02"))
        #expect(actions.assignments(to: cc01).isEmpty && actions.assignments(to: cc02).isEmpty)
        #expect(record?.state == .queued)
        let first = try #require(h.state.idOfTask(titled: "first"))
        #expect(h.complete(first, from: cc02).assignments(to: cc02).map(\.spec.title) == ["second"])
    }

    @Test("Round robin takes a specialty's agents in turn")
    func roundRobin() {
        var h = StateHarness(.testing(balancing: .roundRobin))
        let (a, _) = h.agent("A", service: "backend", capacity: 4)
        let (b, _) = h.agent("B", service: "backend", capacity: 4)
        var order: [PeerID] = []
        for index in 0..<4 {
            let actions = h.submit(TaskSpec(title: "t\(index)", description: "d")).1
            order += actions.recipients.filter { $0 == a || $0 == b }
        }
        #expect(order == [a, b, a, b])
    }

    @Test("Least loaded prefers fewer tasks, then lower CPU from the load report")
    func leastLoaded() {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let (a, _) = h.agent("A", service: "backend", capacity: 4)
        let (b, _) = h.agent("B", service: "backend", capacity: 4)
        _ = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(AgentLoad(cpuPercent: 90))])), from: a)
        _ = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(AgentLoad(cpuPercent: 10))])), from: b)
        var order: [PeerID] = []
        for index in 0..<3 {
            order += h.submit(TaskSpec(title: "t\(index)", description: "d")).1.recipients.filter { $0 == a || $0 == b }
        }
        #expect(order == [b, a, b])
    }

    @Test("Affinity prefers the agent that last ran the same task type")
    func affinity() throws {
        var h = StateHarness(.testing(balancing: .affinity))
        let (a, _) = h.agent("A", service: "backend", capacity: 4)
        let (b, _) = h.agent("B", service: "backend", capacity: 4)
        _ = h.submit(TaskSpec(title: "m1", description: "d", type: "migration", target: "B"))
        var order: [PeerID] = []
        for index in 0..<2 {
            order += h.submit(TaskSpec(title: "m\(index + 2)", description: "d", type: "migration")).1
                .recipients.filter { $0 == a || $0 == b }
        }
        order += h.submit(TaskSpec(title: "other", description: "d", type: "refactor")).1
            .recipients.filter { $0 == a || $0 == b }
        #expect(order == [b, b, a])
    }

    @Test("An agent whose runner cannot start logs why, and gets work only when no other agent can take it")
    func runnerUnavailable() {
        var h = StateHarness(.testing())
        let info = AgentInfo(name: "CC09", specialties: ["backend"], version: "t", host: "h",
                             runnerAvailable: false, runnerProblem: "claude not found")
        let peer = PeerID(Frame("cc09"))
        #expect(h.ready(peer, service: "backend", info: info).logs.contains { $0.text.contains("claude not found") })
        // Alone in its queue it takes the task, so the task fails with its explanation
        // (StateRunnerMissingTests covers the preference for a healthy agent).
        #expect(h.submit(TaskSpec(title: "t", description: "d")).1.assignments(to: peer).count == 1)
    }
}
