import ArgumentParser
import ClusterRuntime
import Foundation

/// `claude-cluster keygen`: writes a CURVE key pair for the bus.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write a CURVE key pair: NAME.key (secret, mode 0600) and NAME.pub.",
        discussion: "Copy each agent's and client's .pub into the broker's authorised-keys directory, and the broker's broker.pub to every machine.")

    @Option(help: "The key's name: broker, client, or an agent's name.") var name = "client"
    @Option(help: "The directory to write to.") var dir = ".cluster/keys"

    func run() throws {
        do {
            let pair = try KeyFiles.generate(name: name, in: dir)
            print("wrote \(dir)/\(name).key (secret) and \(dir)/\(name).pub")
            print("public key: \(pair.publicKey.z85)")
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}
