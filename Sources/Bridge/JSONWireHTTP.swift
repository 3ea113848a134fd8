import Foundation
import Hummingbird
import Wire

/// JSON for HTTP bodies: the same encoding as the bus (`JSONWire`), so a task reads the
/// same over HTTP, in the journal and on the wire.
enum JSONWireHTTP {
    /// `value` as JSON bytes.
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8] {
        JSONWire.encodeBytes(value)
    }

    /// A response with `value` as its JSON body.
    static func response<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: encode(value))))
    }

    /// A response with a text body of the given media type.
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
