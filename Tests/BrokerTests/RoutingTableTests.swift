@testable import Broker
import Testing
import Wire

/// Realistic task titles and where the default rules must send them ("backend" with no
/// word found is the fallback).
private let titles: [(title: String, specialty: String, byRule: Bool)] = [
    // frontend: the seed's React/TypeScript/CSS/HTML stack and synonyms
    ("Add a footer component", "frontend", true),
    ("Extract shared button components", "frontend", true),
    ("Fix CSS overflow on the pricing page", "frontend", true),
    ("Migrate the settings form to TypeScript", "frontend", true),
    ("Convert legacy JavaScript modules to ES modules", "frontend", true),
    ("Make the navigation bar responsive", "frontend", true),
    ("Update HTML meta tags for SEO", "frontend", true),
    ("React: memoize the product list", "frontend", true),
    ("Dark mode toggle in the header", "frontend", true),
    ("Improve accessibility of modal dialogs", "frontend", true),
    ("UI polish for the onboarding flow", "frontend", true),
    ("Restyle the login page with Tailwind", "frontend", true),
    ("Fix the broken layout on Safari", "frontend", true),
    ("Frontend: show a spinner while loading", "frontend", true),
    ("Port the dashboard widgets to TSX", "frontend", true),
    ("Styling issues in the footer", "frontend", true),
    ("Add a Vue version of the date picker", "frontend", true),
    ("Front-end tests for the checkout", "frontend", true),
    ("Keyboard shortcuts in the browser extension", "frontend", true),
    ("SCSS variables for brand colours", "frontend", true),
    // backend: Python/FastAPI/SQLAlchemy and synonyms
    ("Add a /users endpoint with pagination", "backend", true),
    ("New FastAPI route for invoices", "backend", true),
    ("SQLAlchemy session leak in the worker", "backend", true),
    ("Write an Alembic migration for the orders table", "backend", true),
    ("Speed up the slow SQL query on reports", "backend", true),
    ("Python 3.12 upgrade", "backend", true),
    ("Add Pydantic validation to the signup payload", "backend", true),
    ("Database index for user emails", "backend", true),
    ("REST API for comments", "backend", true),
    ("Expose a GraphQL schema for products", "backend", true),
    ("Backend: return 404 for missing items", "backend", true),
    ("Cache sessions in Redis", "backend", true),
    ("Retry failed Celery jobs", "backend", true),
    ("Switch from SQLite to PostgreSQL", "backend", true),
    ("Verify the Stripe webhook signature", "backend", true),
    ("APIs should return RFC 7807 errors", "backend", true),
    ("Add endpoints for password reset", "backend", true),
    ("Authentication with OAuth for the server", "backend", true),
    ("Queries on the audit log time out", "backend", true),
    ("Django admin for the tenants model", "backend", true),
    // infra: Docker/Kubernetes/GitHub Actions and synonyms
    ("Set up GitHub Actions for the test suite", "infra", true),
    ("Dockerize the worker", "infra", true),
    ("Write a Dockerfile for the worker", "infra", true),
    ("Deployment to staging fails", "infra", true),
    ("Deploying the web app to Kubernetes", "infra", true),
    ("K8s liveness probes for all services", "infra", true),
    ("Helm chart for the cluster", "infra", true),
    ("CI/CD: cache pip downloads", "infra", true),
    ("CI is flaky on macOS runners", "infra", true),
    ("Terraform module for the VPC", "infra", true),
    ("Infrastructure: rotate the TLS certificate", "infra", true),
    ("Add Prometheus alerts for disk space", "infra", true),
    ("Grafana dashboard for queue depth", "infra", true),
    ("Nginx config for the static site", "infra", true),
    ("Pipeline step to publish containers", "infra", true),
    ("docker compose file for local development", "infra", true),
    ("Move builds to AWS spot instances", "infra", true),
    ("Ansible playbook for the build hosts", "infra", true),
    ("Infra: systemd unit for the bridge", "infra", true),
    ("Deployed version is not shown anywhere", "infra", true),
    // neither: the fallback
    ("Investigate the memory leak", "backend", false),
    ("Write release notes for 2.3", "backend", false),
    ("Rename the project", "backend", false),
    ("Capital letters in emails are lost", "backend", false),
]

@Suite("Routing: the default rules over realistic task titles")
struct RoutingTableTests {
    let rules = RoutingRules(rules: RoutingRule.defaults, defaultSpecialty: "backend")

    @Test("Each title goes to the specialty a person would pick", arguments: titles.indices)
    func title(_ index: Int) {
        let (title, specialty, byRule) = titles[index]
        let route = rules.route(TaskSpec(title: title, description: "d"), isAgent: { _ in false }, isSpecialty: { _ in false })
        #expect(route.key == specialty, "\(title)")
        #expect(route.reason == (byRule ? .rule : .fallback), "\(title)")
    }

    @Test("The table has at least 60 titles")
    func size() {
        #expect(titles.count >= 60)
    }

    @Test("Keywords match on stems, case-insensitively, and phrases only as adjacent words in order")
    func stemsAndPhrases() throws {
        let matcher = RuleMatcher(rules: RoutingRule.defaults)
        let components = try #require(matcher.match(type: "", labels: [], title: "Two new COMPONENTS"))
        #expect(components == RuleMatch(specialty: "frontend", field: .title, keyword: "component", words: "COMPONENTS", hits: 1))
        let actions = try #require(matcher.match(type: "", labels: [], title: "Fix github-actions caching"))
        #expect(actions.keyword == "github actions" && actions.words == "github actions" && actions.specialty == "infra")
        // "GitHub" alone, or "actions" apart from it, is not the phrase.
        #expect(matcher.match(type: "", labels: [], title: "Actions menu for GitHub issues") == nil)
        #expect(matcher.match(type: "", labels: ["area/front end"], title: "x")?.field == .labels)
        #expect(matcher.match(type: "infra_work", labels: ["react"], title: "API")?.specialty == "infra")
    }

    @Test("The stemmer folds plurals and verb forms and leaves short words alone")
    func stemmer() {
        #expect(WordStemmer.stem("components") == WordStemmer.stem("component"))
        #expect(WordStemmer.stem("deployment") == "deploy")
        #expect(WordStemmer.stem("deploying") == "deploy")
        #expect(WordStemmer.stem("deployed") == "deploy")
        #expect(WordStemmer.stem("databases") == WordStemmer.stem("database"))
        #expect(WordStemmer.stem("queries") == "query")
        #expect(WordStemmer.stem("styling") == WordStemmer.stem("style"))
        #expect(WordStemmer.stem("status") == "status")
        #expect(WordStemmer.stem("css") == "css")
        #expect(WordStemmer.stem("apis") == "api")
        #expect(WordStemmer.stem("class") == "class")
    }
}
