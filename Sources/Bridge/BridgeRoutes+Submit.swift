import Foundation
import Wire

extension BridgeRoutes {
    /// Submits a task so that a broker that dies with the submit unanswered (an HA
    /// takeover) costs at most one resend, never a second task: a spec without an
    /// idempotency key gets one made here, and the cluster API resends a keyed submit that
    /// timed out to the next broker (`BusClusterAPI`). The deadline covers both attempts.
    func submitOnce(_ spec: TaskSpec) async throws -> TaskRecord {
        var keyed = spec
        if keyed.idempotencyKey == nil { keyed.idempotencyKey = "bridge:\(UUID().uuidString.lowercased())" }
        let submitted = keyed
        return try await ask(within: configuration.brokerTimeout * 2) { try await $0.submit(submitted) }
    }
}
