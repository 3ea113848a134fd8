import Hummingbird
import Wire

extension BridgeRoutes {
    /// `GET /tasks/{id}/events`: server-sent events until the task's result.
    ///
    /// Subscribes before reading the task so nothing between the read and the first live
    /// event is lost; the sequencer drops what the opening state already covered.
    func events(id: String) async throws -> Response {
        let live = cluster.events(taskID: id)
        guard let detail = try await ask({ try await $0.task(id: id) }) else { throw Problem.notFound("no task \(id)") }
        let feed = TaskEventFeed.stream(
            detail: detail, events: live, keepAlive: TaskEventFeed.ticks(every: configuration.keepAliveInterval))
        var headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8",
            .cacheControl: "no-cache",
        ]
        // Tell nginx-style proxies not to buffer the stream.
        headers[.init("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: feed.map { ByteBuffer(string: $0.text) }))
    }
}
