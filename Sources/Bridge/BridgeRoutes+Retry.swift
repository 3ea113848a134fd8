import Foundation
import Hummingbird
import Wire

extension BridgeRoutes {
    /// `POST /tasks/{id}/retry`: a failed, timed-out, cancelled or dead-lettered task runs
    /// again as a new task with the same spec and `metadata.retry_of` (``TaskRetry``).
    /// 404 for an unknown task, 409 for one that has not ended or succeeded. Answers 201
    /// with the body `POST /task` answers; the same Idempotency-Key gives the same task.
    func retry(id: String, _ request: Request) async throws -> Response {
        guard let detail = try await ask({ try await $0.task(id: id) }) else { throw Problem.notFound("no task \(id)") }
        let key = request.headers.value(named: "idempotency-key").flatMap { $0.isEmpty ? nil : $0 }
            ?? "retry:\(id):\(UUID().uuidString.lowercased())"
        let spec: TaskSpec
        do {
            spec = try TaskRetry.spec(retrying: detail.task, idempotencyKey: key)
        } catch {
            throw Problem(.conflict, error.description)
        }
        let record = try await submitOnce(spec)
        logger.info("task retried", metadata: ["task": "\(record.id)", "retry_of": "\(id)"])
        let accepted = TaskAccepted(record)
        var response = JSONWireHTTP.response(accepted, status: .created)
        response.headers[.location] = accepted.links.`self`
        return response
    }
}
