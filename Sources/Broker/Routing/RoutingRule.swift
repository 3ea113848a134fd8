/// One routing rule: tasks whose words include any keyword go to `specialty`.
///
/// A keyword is a word (`react`) or a phrase (`github actions`, `ci/cd`); both are
/// matched case-insensitively on word stems (see ``WordStemmer``), so `components`
/// matches `component` and `deployment` matches `deploy`. A phrase matches only its
/// words in order, next to each other.
public struct RoutingRule: Sendable, Hashable {
    /// The specialty (worker service) the rule routes to.
    public var specialty: String
    /// Words and phrases that select the rule.
    var keywords: [String]

    /// A rule routing `keywords` to `specialty`.
    public init(specialty: String, keywords: [String]) {
        self.specialty = specialty
        self.keywords = keywords
    }

    /// The seed cluster's three agents with the stacks the seed gives them (frontend
    /// React/TypeScript/CSS/HTML, backend Python/FastAPI/SQLAlchemy, infra
    /// Docker/Kubernetes/GitHub Actions) and their common synonyms.
    public static let defaults: [RoutingRule] = [
        RoutingRule(specialty: "frontend", keywords: [
            "frontend", "front end", "ui", "ux", "react", "typescript", "javascript", "tsx", "jsx",
            "css", "scss", "tailwind", "html", "component", "page", "button", "layout", "style",
            "responsive", "accessibility", "a11y", "vue", "angular", "next.js", "browser", "dark mode",
        ]),
        RoutingRule(specialty: "backend", keywords: [
            "backend", "back end", "api", "endpoint", "python", "fastapi", "sqlalchemy", "pydantic",
            "django", "flask", "database", "sql", "postgres", "postgresql", "sqlite", "mysql", "query",
            "migration", "schema", "orm", "rest", "graphql", "server", "webhook", "redis", "celery",
            "authentication", "pagination",
        ]),
        RoutingRule(specialty: "infra", keywords: [
            "infra", "infrastructure", "deploy", "docker", "dockerfile", "dockerize", "containerize", "docker compose", "container",
            "kubernetes", "k8s", "helm", "github actions", "ci", "cd", "ci/cd", "pipeline", "terraform",
            "ansible", "nginx", "aws", "gcp", "azure", "monitoring", "prometheus", "grafana",
            "load balancer", "dns", "tls certificate", "systemd",
        ]),
    ]
}
