/// Why a configuration file was rejected; always names the file and, when known, the key.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// Dotted path such as `broker.heartbeat_ms` or `agents[1].name`; empty for the whole file.
    public var key: String
    public var problem: String

    public init(file: String, key: String = "", problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        key.isEmpty ? "\(file): \(problem)" : "\(file): \(key): \(problem)"
    }
}
