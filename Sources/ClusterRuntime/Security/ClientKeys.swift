import Wire

/// The CURVE keys a bus client on this machine presents, from `security:`.
public enum ClientKeys {
    /// nil when CURVE is off. The client's pair is `<keys_dir>/client.key`; the broker's
    /// public key is `security.broker_public_key` (Z85 text or a path) or
    /// `<keys_dir>/broker.pub`.
    public static func load(for configuration: ClusterConfiguration, name: String = "client") throws -> BusClientSecurity? {
        let security = configuration.security
        guard security.curve, let directory = security.keysDir else { return nil }
        let pair = try KeyFiles.readKeyPair(name: name, in: ClusterConfiguration.expandingTilde(directory))
        let server: CurveKey
        if let configured = security.brokerPublicKey {
            if let key = try? CurveKey(z85: configured) {
                server = key
            } else {
                server = try KeyFiles.readKey(at: ClusterConfiguration.expandingTilde(configured))
            }
        } else {
            server = try KeyFiles.readKey(at: "\(ClusterConfiguration.expandingTilde(directory))/broker.pub")
        }
        return BusClientSecurity(keyPair: pair, serverKey: server)
    }
}
