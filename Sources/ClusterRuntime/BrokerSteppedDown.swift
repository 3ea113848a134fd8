/// The broker of an HA group lost its lease and stopped serving (docs/HA.md): the
/// process exits with its own status so that a supervisor knows to start it again.
public struct BrokerSteppedDown: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
