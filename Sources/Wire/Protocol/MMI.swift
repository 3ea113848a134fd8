/// 8/MMI, the Majordomo Management Interface: services the broker answers itself.
///
/// Every service whose name begins `mmi.` belongs to the broker: no worker may register
/// one, and an `mmi.` service the broker does not implement answers `"501"`. The cluster's
/// management API lives in the same namespace (see `ClusterService`).
public enum MMI {
    /// The namespace prefix of broker-internal services.
    public static let prefix = "mmi."
    /// `mmi.service`: the body is a service name; the reply says whether workers serve it.
    public static let serviceLookup = "mmi.service"

    /// The status codes 8/MMI replies with, sent as the reply's only body frame.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// At least one worker is registered for the service.
        case found = "200"
        /// No worker is registered for the service.
        case notFound = "404"
        /// The `mmi.` service asked for does not exist.
        case notImplemented = "501"

        /// The reply body: one frame holding the three ASCII digits.
        public var body: [Frame] { [Frame(rawValue)] }

        /// Reads a reply body back; nil unless it is exactly one known status frame.
        public init?(body: [Frame]) {
            guard body.count == 1, let text = body[0].string, let status = Status(rawValue: text) else { return nil }
            self = status
        }
    }

    /// True for names in the broker's own `mmi.` namespace.
    public static func isInternal(_ service: String) -> Bool {
        service.hasPrefix(prefix)
    }

    /// The service name an `mmi.service` request asks about: the first body frame as
    /// UTF-8, nil when it is missing, empty or not text.
    public static func queriedService(in body: [Frame]) -> String? {
        guard let frame = body.first, !frame.isEmpty, let name = frame.string else { return nil }
        return name
    }

    /// The full `mmi.service` request a client sends to ask whether `service` is served.
    public static func serviceLookupRequest(for service: String) -> MDPClientCommand {
        .request(service: serviceLookup, body: [Frame(service)])
    }
}
