/// What the broker's ZAP handler has decided since the broker started: for metrics and tests.
struct CurveAdmissions: Sendable, Hashable, Codable {
    /// CURVE handshakes admitted (each connection and reconnection counts).
    var admitted = 0
    /// Handshakes refused: unlisted keys, other mechanisms, malformed requests.
    var refused = 0
    /// Keys currently authorised.
    var authorizedKeys = 0
    /// Times the authorised keys were read (start, directory change, SIGHUP).
    var reloads = 0

    /// All zero.
    init() {}

    /// The figures in Prometheus text format (`cluster_broker_curve_*`).
    var prometheusText: String {
        """
        # HELP cluster_broker_curve_admitted_total CURVE handshakes admitted by the ZAP handler.
        # TYPE cluster_broker_curve_admitted_total counter
        cluster_broker_curve_admitted_total \(admitted)
        # HELP cluster_broker_curve_refused_total Handshakes refused by the ZAP handler (unlisted keys, other mechanisms).
        # TYPE cluster_broker_curve_refused_total counter
        cluster_broker_curve_refused_total \(refused)
        # HELP cluster_broker_curve_authorized_keys Public keys in the authorised-keys directory.
        # TYPE cluster_broker_curve_authorized_keys gauge
        cluster_broker_curve_authorized_keys \(authorizedKeys)
        # HELP cluster_broker_curve_key_reloads_total Times the authorised keys were read.
        # TYPE cluster_broker_curve_key_reloads_total counter
        cluster_broker_curve_key_reloads_total \(reloads)

        """
    }
}
