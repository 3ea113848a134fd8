import Hummingbird
import Wire

extension Problem {
    /// The problem a thrown error stands for; unknown errors become a 500 with their text.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let failure as ClusterAPIError:
            return from(failure)
        case let failure as BusError:
            return from(ClusterAPIError(failure))
        case is Deadline.Exceeded, is CancellationError:
            return .unavailable("the broker did not answer in time: check that it is running and reachable on the bus")
        case let http as HTTPError:
            return Problem(http.status, http.body ?? defaultDetail(for: http.status), headers: http.headers)
        case let http as any HTTPResponseError:
            return Problem(http.status, defaultDetail(for: http.status))
        default:
            return Problem(.internalServerError, "the bridge failed unexpectedly: \(error)")
        }
    }

    /// A cluster failure as HTTP: a dead bus is 503 with the reason.
    static func from(_ failure: ClusterAPIError) -> Problem {
        switch failure {
        case .brokerUnavailable, .timeout:
            return .unavailable(failure.description)
        case .notFound:
            return .notFound("no task with that id")
        case .rejected(let code, _):
            switch BusErrorCode(rawValue: code) {
            case .badRequest: return .unprocessable(failure.description)
            case .conflict: return Problem(.conflict, failure.description)
            case .notFound: return .notFound(failure.description)
            case .unavailable, .unsupportedVersion: return .unavailable(failure.description)
            default: return Problem(.badGateway, failure.description)
            }
        }
    }

    private static func defaultDetail(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "no such endpoint: GET / lists them, GET /openapi.yaml describes them"
        case .methodNotAllowed: "this endpoint does not take that method: see GET /openapi.yaml"
        default: status.reasonPhrase
        }
    }
}
