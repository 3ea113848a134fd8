import Wire

/// Random inputs for the fault suite: multipart messages for the broker's ROUTER port and
/// raw HTTP requests for the bridge. Never a valid task: the suite's own tasks must be
/// the only ones, so that "every task finished" means what it says.
struct FuzzInput {
    private var generator = SystemRandomNumberGenerator()

    private static let framePrefixes: [Frame] = [
        "MDPC02", "MDPW02", .empty, "MDPC01", "MDPW01", Frame([0x01]), Frame([0x02]), Frame([0x03]),
        Frame([0x04]), Frame([0x05]), Frame([0x06]), Frame([0x07]), "mmi.service", "mmi.info", "mmi.task.get",
        "mmi.task.submit", "@task:nope:1", "@control", "{\"v\":1,\"id\":\"x\"}", "{\"v\":99}",
    ]

    private mutating func number(_ upperBound: Int) -> Int {
        Int(generator.next(upperBound: UInt64(max(1, upperBound))))
    }

    private mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    /// One to seven frames: often MDP-looking heads (protocol, command, reserved names)
    /// followed by random bytes, sometimes one large frame.
    mutating func message() -> [Frame] {
        let count = 1 + number(7)
        return (0..<count).map { position in
            if position < 3, number(3) > 0 { return Self.framePrefixes[number(Self.framePrefixes.count)] }
            if number(500) == 0 { return Frame(bytes(64 * 1024 + number(64 * 1024))) }
            return Frame(bytes(number(48)))
        }
    }

    private static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "G\u{7f}T", "POST POST", ""]
    private static let paths = [
        "/", "/health", "/task", "/tasks", "/tasks/nope", "/tasks/nope/log", "/tasks/%00", "/tasks?limit=-1&state=x",
        "/tasks?cursor=%ff%fe", "/agents/status", "/broadcast", "/webhook", "/metrics", "/openapi.yaml", "/ui",
        "/../../etc/passwd", "//", "/tasks/" + String(repeating: "a", count: 5000), "*",
    ]
    private static let bodies = [
        "", "{", "[]", "null", "{\"title\":5}", "{\"title\":\"\",\"description\":\"\"}", "{\"message\":7}",
        "{\"v\":1,\"message\":\"x\",\"target\":{\"kind\":\"nobody\"}}", "{\"type\":1,\"source\":[],\"data\":\"\"}",
        "{\"title\":\"cut short", "\u{0}\u{1}\u{2}", String(repeating: "[", count: 10_000),
    ]

    /// One raw HTTP request, valid or not, that can never create a task.
    mutating func httpRequest() -> [UInt8] {
        if number(10) == 0 { return bytes(1 + number(2048)) }
        let method = Self.methods[number(Self.methods.count)]
        let path = Self.paths[number(Self.paths.count)]
        var body = Array(Self.bodies[number(Self.bodies.count)].utf8)
        if number(20) == 0 { body = bytes(number(256 * 1024)) }
        var head = "\(method) \(path) HTTP/1.\(number(3))\r\nHost: 127.0.0.1\r\n"
        switch number(6) {
        case 0: head += "Content-Type: application/json\r\nContent-Length: \(body.count + number(3) - 1)\r\n"
        case 1: head += "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n"
        case 2: head += "Content-Type: text/plain\r\nContent-Length: \(body.count)\r\nX-GitHub-Event: issues\r\nX-Hub-Signature-256: sha256=00\r\n"
        case 3: head += "Authorization: Bearer \(String(repeating: "x", count: number(3000)))\r\nContent-Length: \(body.count)\r\n"
        case 4: head += "Content-Length: -1\r\n"
        default: head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        }
        return Array((head + "\r\n").utf8) + body
    }
}
