import Foundation

/// The seed's way of describing one agent in the environment
/// (`AGENT_NAME=cc04 AGENT_SPECIALTY=documentation AGENT_PORT=8884`), read by
/// `claude-cluster agent` for whatever its flags leave out.
public struct AgentEnvironment: Sendable, Equatable {
    /// `AGENT_NAME`.
    public var name: String?
    /// `AGENT_SPECIALTY`.
    public var specialty: String?
    /// `AGENT_PORT` as a `status_listen` value: a bare port listens on 127.0.0.1.
    public var statusListen: String?

    /// Why a variable cannot be used.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Values given directly.
    public init(name: String?, specialty: String?, statusListen: String?) {
        self.name = name
        self.specialty = specialty
        self.statusListen = statusListen
    }

    /// Reads the three variables; blank ones count as unset.
    public init(_ environment: [String: String]) throws(Problem) {
        func value(_ key: String) -> String? {
            environment[key].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        name = value("AGENT_NAME")
        specialty = value("AGENT_SPECIALTY")
        guard let port = value("AGENT_PORT") else { statusListen = nil; return }
        if let number = Int(port), (0...65_535).contains(number) {
            statusListen = "127.0.0.1:\(number)"
        } else if HostAndPort(port) != nil {
            statusListen = port
        } else {
            throw Problem(description: "AGENT_PORT='\(port)' is neither a port number (8884) nor host:port (127.0.0.1:8884)")
        }
    }
}
