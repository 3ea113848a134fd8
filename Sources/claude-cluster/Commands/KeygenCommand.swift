import ArgumentParser
import ClusterRuntime
import Foundation

/// `claude-cluster keygen`: writes a CURVE key pair for the bus.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write a CURVE key pair: NAME.key (secret, mode 0600) and NAME.pub.",
        discussion: """
        Name each pair after its owner: broker, an agent's name (CC01), bridge, or client. \
        Copy each agent's and client's NAME.pub into the broker's keys directory under \
        authorized/, and the broker's broker.pub into every other machine's keys directory \
        (docs/SECURITY.md). --authorize does the first step when the broker uses this directory.
        """)

    @Option(help: "The key's name: broker, client, bridge, or an agent's name.") var name = "client"
    @Option(help: "The directory to write to (created with mode 0700).") var dir = ".cluster/keys"
    @Flag(help: "Also copy NAME.pub into DIR/authorized/, so a broker using DIR admits it.") var authorize = false

    func run() throws {
        do {
            let pair = try KeyFiles.generate(name: name, in: dir)
            print("wrote \(dir)/\(name).key (secret, mode 0600) and \(dir)/\(name).pub")
            print("public key: \(pair.publicKey.z85)")
            if authorize {
                print("authorised: \(try KeyFiles.authorize(name: name, in: dir))")
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}
