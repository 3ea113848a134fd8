import Hummingbird
import Wire

extension BridgeRoutes {
    /// `GET /stats/history?minutes=60`: tasks finished per minute, with the medians of
    /// their queue wait and run time, for the console's charts.
    func history(_ request: Request) async throws -> Response {
        let minutes = try QueryNumber.read("minutes", in: request, within: 1...TaskHistoryQuery.maximumMinutes) ?? 60
        return JSONWireHTTP.response(try await ask { try await $0.history(minutes: minutes) })
    }
}
