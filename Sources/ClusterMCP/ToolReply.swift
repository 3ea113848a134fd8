import Foundation
import MCP
import Wire

/// What a tool answers: text for the model, the same facts as structured JSON, or an error
/// whose text says what to do (an MCP tool error, `isError: true`).
enum ToolReply {
    static func success<Body: Encodable>(_ text: String, _ body: Body) -> CallTool.Result {
        CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured(body), isError: false)
    }

    static func failure(_ text: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: true)
    }

    /// The body in the cluster's own JSON (snake_case, the wire's dates) as an MCP value.
    private static func structured<Body: Encodable>(_ body: Body) -> Value? {
        let bytes = Data(JSONWire.encodeBytes(body))
        guard let value = try? JSONDecoder().decode(Value.self, from: bytes), value.objectValue != nil else { return nil }
        return value
    }

    /// A failure of the bus, worded for a model.
    static func failure(_ error: BusClientError) -> CallTool.Result {
        switch error {
        case .timedOut, .socket, .closed:
            failure("The cluster's broker did not answer (\(error.description)). It may be restarting: try again in a minute; if it keeps failing, tell the user the cluster is unreachable.")
        case .badReply:
            failure("The broker's answer could not be read (\(error.description)). This client and the broker may be different versions.")
        case .service(let busError):
            failure("The cluster refused: \(busError.message)")
        }
    }
}
