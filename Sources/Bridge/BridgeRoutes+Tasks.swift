import Hummingbird
import Wire

extension BridgeRoutes {
    /// `POST /task`: the original's task JSON becomes a durable task.
    func submitTask(_ request: Request) async throws -> Response {
        try RequestBodyReader.requireJSON(request)
        let bytes = try await RequestBodyReader.read(request, limit: configuration.bodyLimits.standard)
        var spec = try TaskSpecBody.decode(bytes)
        if let problem = spec.sizeProblem { throw Problem(.contentTooLarge, problem) }
        spec.source = .api
        if let key = request.headers.value(named: "idempotency-key"), !key.isEmpty {
            spec.idempotencyKey = key
        }
        let record = try await submitOnce(spec)
        logger.info("task submitted", metadata: ["task": "\(record.id)", "source": "api", "target": "\(record.spec.target ?? "-")"])
        let accepted = TaskAccepted(record)
        var response = JSONWireHTTP.response(accepted, status: .accepted)
        response.headers[.location] = accepted.links.`self`
        return response
    }

    /// `GET /tasks`: one page of tasks.
    func listTasks(_ request: Request) async throws -> Response {
        let query = try TaskListQueryText.parse(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        do {
            let page = try await ask { try await $0.listTasks(query) }
            return JSONWireHTTP.response(page)
        } catch {
            // The bridge has checked every parameter but the cursor, which only the broker
            // can read: its refusal is a bad query parameter like the others, so 400.
            guard Problem.from(error).status == .unprocessableContent, let cursor = query.cursor else { throw error }
            throw Problem.badRequest(
                "cursor \"\(cursor)\" was not issued by this cluster: leave it out for the first page, then pass each page's next_cursor")
        }
    }

    /// `GET /tasks/{id}`: the task and its recent progress.
    func task(id: String) async throws -> Response {
        guard let detail = try await ask({ try await $0.task(id: id) }) else { throw Problem.notFound("no task \(id)") }
        return JSONWireHTTP.response(detail)
    }

    /// `DELETE /tasks/{id}`: cancel; 404 for an unknown task, 409 for a finished one.
    func cancel(id: String) async throws -> Response {
        guard let record = try await ask({ try await $0.cancel(id: id) }) else { throw Problem.notFound("no task \(id)") }
        logger.info("task cancelled", metadata: ["task": "\(id)"])
        return JSONWireHTTP.response(record)
    }

    /// `GET /tasks/{id}/log`: the transcript of the last attempt, or of `?attempt=N`, as
    /// plain text.
    func log(id: String, _ request: Request) async throws -> Response {
        let attempt = try QueryNumber.read("attempt", in: request, within: 1...Int(Int32.max))
        guard let text = try await ask({ try await $0.log(id: id, attempt: attempt) }) else {
            throw Problem.notFound(attempt.map { "no task \(id), or it has no transcript of attempt \($0)" } ?? "no task \(id)")
        }
        return JSONWireHTTP.text(text, contentType: "text/plain; charset=utf-8")
    }
}
