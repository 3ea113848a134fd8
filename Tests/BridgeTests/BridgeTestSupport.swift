@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Wire

/// Builds a bridge over a fake cluster and runs `test` against its router in memory.
func withBridge<Value: Sendable>(
    _ configuration: BridgeConfiguration = BridgeConfiguration(keepAliveInterval: .seconds(3600)),
    cluster: FakeCluster = FakeCluster(),
    metrics: BridgeMetrics = BridgeMetrics(),
    _ test: @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    var logger = Logger(label: "bridge-tests")
    logger.logLevel = .critical
    let server = BridgeServer(
        configuration: configuration, cluster: cluster, logger: logger, metrics: metrics,
        now: { FakeCluster.epoch })
    let app = try server.buildApplication()
    return try await app.test(.router, test)
}

extension TestResponse {
    /// The body as UTF-8 text.
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var json: [String: Any] {
        let data = Data(body.readableBytesView)
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}

/// A JSON request body.
func jsonBody(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

/// Headers for a JSON request, with optional extras.
func jsonHeaders(_ extra: [String: String] = [:]) -> HTTPFields {
    var fields: HTTPFields = [.contentType: "application/json"]
    for (name, value) in extra { fields[.init(name)!] = value }
    return fields
}

/// A task record for seeding the fake.
func record(_ id: String, state: TaskState = .queued, agent: String? = nil, source: TaskSource = .api, updated: TimeInterval = 0) -> TaskRecord {
    TaskRecord(
        id: id, spec: TaskSpec(title: "Task \(id)", description: "Do \(id)", source: source), state: state,
        agent: agent, createdAt: FakeCluster.epoch, updatedAt: FakeCluster.epoch.addingTimeInterval(updated))
}
