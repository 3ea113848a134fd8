import TestSupport
@testable import Broker
import Testing
@testable import ClusterRuntime

@Suite("claude-cluster route: the decision and its reason")
struct RouteExplanationTests {
    @Test("A rule's decision names the rule, the keyword and the task's words")
    func rule() {
        let explanation = RouteExplanation(routing: RoutingSection(), type: "", labels: [], title: "Set up GitHub Actions for tests")
        #expect(explanation.specialty == "infra")
        #expect(explanation.text == "infra: rule \"infra\", keyword \"github actions\" matched \"GitHub Actions\" in the title")
        let styled = RouteExplanation(routing: RoutingSection(), type: "", labels: ["CSS", "components"], title: "x")
        #expect(styled.text == "frontend: rule \"frontend\", keyword \"css\" matched \"CSS\" in a label, 2 keyword hits")
    }

    @Test("Without a keyword the fallback decides, and says so")
    func fallback() {
        let routing = modified(RoutingSection()) { $0.defaultSpecialty = "docs" }
        let explanation = RouteExplanation(routing: routing, type: "", labels: [], title: "Rename the project")
        #expect(explanation.specialty == "docs" && explanation.match == nil)
        #expect(explanation.text.hasPrefix("docs: fallback"))
    }

    @Test("A configured table replaces the defaults; its specialties are taken alphabetically")
    func configuredRules() throws {
        let configuration = try ConfigurationLoader.parse("""
            broker:
              routing:
                default_specialty: backend
                rules:
                  docs: [readme, documentation, docs]
                  frontend: [ui]
            """, file: "test.yaml", environment: [:])
        let routing = try #require(configuration.broker?.routing)
        #expect(routing.routingRules.map(\.specialty) == ["docs", "frontend"])
        #expect(RouteExplanation(routing: routing, type: "", labels: [], title: "Update the README").specialty == "docs")
        // The defaults are gone: Kubernetes means nothing to this table.
        #expect(RouteExplanation(routing: routing, type: "", labels: [], title: "Kubernetes probes").match == nil)
        #expect(RoutingSection().routingRules == RoutingRule.defaults)
    }
}
