import ArgumentParser
import ClusterRuntime

/// `claude-cluster route --title T [--type T] [--label L]… [--config F]`: which specialty
/// the broker's keyword rules give a task, and why. Needs no running broker.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Show which specialty a task would be routed to, and why (rule and word, or the fallback).",
        discussion: """
        Uses broker.routing from --config when given, else the built-in rules. A task's explicit
        --target (agent or specialty) always wins over these rules.
        """)

    @Option(help: "The task's title.") var title: String
    @Option(help: "The task's type, e.g. frontend_development.") var type: String = ""
    @Option(name: .customLong("label"), help: "A label (repeatable).") var labels: [String] = []
    @Option(help: "Cluster configuration file whose broker.routing to use.") var config: String?

    func run() throws {
        var routing = RoutingSection()
        if let config {
            do {
                routing = try ConfigurationLoader.load(path: config).broker?.routing ?? routing
            } catch {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
        print(RouteExplanation(routing: routing, type: type, labels: labels, title: title).text)
    }
}
