import Foundation
import Wire

/// The CURVE keys a bus client on this machine presents, from `security:`.
public enum ClientKeys {
    /// Environment variables that carry an agent's keys to the programs its runner starts
    /// (`claude-cluster ask`), so they can join the bus when CURVE is on.
    enum Variable {
        /// The keys directory.
        static let keysDirectory = "CLUSTER_CURVE_KEYS_DIR"
        /// The key pair's name in that directory (the agent's name).
        static let keyName = "CLUSTER_CURVE_KEY_NAME"
        /// The broker's public key, Z85.
        static let serverKey = "CLUSTER_CURVE_SERVER_KEY"
    }

    /// nil when CURVE is off. The client's pair is `<keys_dir>/<name>.key`; the broker's
    /// public key is `security.broker_public_key` (Z85 text or a path) or
    /// `<keys_dir>/broker.pub`. The keys directory must not be writable by others.
    public static func load(for configuration: ClusterConfiguration, name: String = "client") throws -> BusClientSecurity? {
        let security = configuration.security
        guard security.curve, let configured = security.keysDir else { return nil }
        let directory = ClusterConfiguration.expandingTilde(configured)
        try KeyDirectory.check(directory, hint: "create this machine's key pair with `claude-cluster keygen --name \(name) --dir \(directory)`")
        let pair = try KeyFiles.readKeyPair(name: name, in: directory)
        return BusClientSecurity(keyPair: pair, serverKey: try serverKey(security, directory: directory))
    }

    /// The broker's public key as this machine knows it.
    static func serverKey(_ security: SecuritySection, directory: String) throws -> CurveKey {
        if let configured = security.brokerPublicKey {
            if let key = try? CurveKey(z85: configured) { return key }
            return try KeyFiles.readKey(at: ClusterConfiguration.expandingTilde(configured))
        }
        let path = "\(directory)/broker.pub"
        guard FileManager.default.fileExists(atPath: path) else {
            throw KeyFiles.Failure(description: "\(path) does not exist: copy the broker's broker.pub there, or set security.broker_public_key to its Z85 text")
        }
        return try KeyFiles.readKey(at: path)
    }

    /// The variables a runner needs to reach the bus as `name` (empty when CURVE is off).
    static func environment(for configuration: ClusterConfiguration, name: String) throws -> [String: String] {
        guard let security = try load(for: configuration, name: name), let directory = configuration.security.keysDir else { return [:] }
        return [
            Variable.keysDirectory: ClusterConfiguration.expandingTilde(directory),
            Variable.keyName: name,
            Variable.serverKey: security.serverKey.z85,
        ]
    }

    /// The keys named by `environment` (see `Variable`); nil when they are not set.
    public static func load(environment: [String: String]) throws -> BusClientSecurity? {
        guard let directory = environment[Variable.keysDirectory], let name = environment[Variable.keyName],
              let server = environment[Variable.serverKey] else { return nil }
        try KeyDirectory.check(directory)
        let pair = try KeyFiles.readKeyPair(name: name, in: directory)
        do {
            return BusClientSecurity(keyPair: pair, serverKey: try CurveKey(z85: server))
        } catch {
            throw KeyFiles.Failure(description: "\(Variable.serverKey) is not a CURVE public key: \(error)")
        }
    }
}
