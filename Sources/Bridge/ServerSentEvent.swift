/// One server-sent event, or a comment line, as the `text/event-stream` format writes it.
struct ServerSentEvent: Sendable, Hashable {
    /// `progress`, `state` or `result`; nil for a comment.
    var event: String?
    /// The `id:` line, so a client can tell events apart.
    var id: String?
    /// The payload; split over several `data:` lines when it has line breaks.
    var data: String
    /// A comment (`: text`), used for keep-alives; clients ignore it.
    var isComment: Bool = false

    /// A comment such as a keep-alive.
    static func comment(_ text: String) -> ServerSentEvent {
        ServerSentEvent(event: nil, id: nil, data: text, isComment: true)
    }

    /// The event as it goes on the wire, ending with the blank line that dispatches it.
    var text: String {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if isComment {
            return lines.map { ": \($0)\n" }.joined() + "\n"
        }
        var output = ""
        if let id { output += "id: \(id)\n" }
        if let event { output += "event: \(event)\n" }
        output += lines.map { "data: \($0)\n" }.joined()
        return output + "\n"
    }
}
