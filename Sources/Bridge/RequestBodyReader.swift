import Hummingbird
import Wire

/// Reads request bodies with a per-endpoint size limit and media-type check.
enum RequestBodyReader {
    /// The whole body, or 413 when it is larger than `limit` bytes.
    static func read(_ request: Request, limit: Int) async throws(Problem) -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw .tooLarge(limit: limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // NIO's too-many-bytes error; matched by status so NIOCore need not be imported.
            throw .tooLarge(limit: limit)
        } catch {
            throw .badRequest("the request body could not be read: \(error)")
        }
    }

    /// The media type without parameters, lower-cased; nil when there is no Content-Type.
    static func mediaType(_ request: Request) -> String? {
        guard let value = request.headers[.contentType] else { return nil }
        return value.split(separator: ";", maxSplits: 1).first.map { WhiteSpace.trimmed($0).lowercased() }
    }

    /// True for `application/json` and `application/*+json`.
    static func isJSON(_ mediaType: String) -> Bool {
        mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    /// 415 unless the body is JSON; a missing Content-Type is taken as JSON.
    static func requireJSON(_ request: Request) throws(Problem) {
        guard let type = mediaType(request) else { return }
        guard isJSON(type) else { throw .unsupportedMediaType(type, expected: "application/json") }
    }
}
