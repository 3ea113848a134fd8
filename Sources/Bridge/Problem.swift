import Foundation
import Hummingbird

/// An RFC 9457 problem: thrown by handlers, rendered as `application/problem+json`.
struct Problem: Error, Sendable, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// What went wrong and what to do about it, for a person.
    var detail: String
    /// Extra response headers (e.g. `WWW-Authenticate`).
    var headers: HTTPFields

    /// Creates a problem with the status's standard title.
    init(_ status: HTTPResponse.Status, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    var description: String { "\(status.code) \(status.reasonPhrase): \(detail)" }

    /// The JSON members of the problem document.
    struct Document: Codable, Sendable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var instance: String?
    }

    /// The problem as a response; `instance` is the request path.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        render(instance: request.uri.path)
    }

    /// The problem as a response without a request at hand.
    func render(instance: String?) -> Response {
        let document = Document(
            type: "about:blank", title: status.reasonPhrase, status: status.code, detail: detail, instance: instance)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        let bytes = JSONWireHTTP.encode(document)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Problem {
    /// 400: the request cannot be read.
    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, detail) }
    /// 404: nothing by that name.
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, detail) }
    /// 413: the body is larger than the limit.
    static func tooLarge(limit: Int) -> Problem {
        Problem(.contentTooLarge, "the request body is larger than this endpoint's limit of \(limit) bytes")
    }
    /// 415: a body of a type this endpoint does not read.
    static func unsupportedMediaType(_ found: String, expected: String) -> Problem {
        Problem(.unsupportedMediaType, "Content-Type \(found) is not accepted here: send \(expected)")
    }
    /// 422: well-formed but unusable content.
    static func unprocessable(_ detail: String) -> Problem { Problem(.unprocessableContent, detail) }
    /// 503: the broker could not be asked.
    static func unavailable(_ detail: String) -> Problem { Problem(.serviceUnavailable, detail) }
}
