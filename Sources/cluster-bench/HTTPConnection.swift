import Foundation

/// One blocking HTTP/1.1 connection over a raw TCP socket: enough to load the bridge with
/// keep-alive POSTs and to throw malformed requests at it. Owned by one thread.
final class HTTPConnection {
    /// A response's status and body.
    struct Response {
        var status: Int
        var body: [UInt8]
        /// The server said it closes the connection after this response.
        var closes: Bool
    }

    /// Why a request got no readable response.
    enum Failure: Error, CustomStringConvertible {
        case connect(Int32)
        case send(Int32)
        /// The server closed the connection or the read timed out before a whole response.
        case noResponse
        case malformed(String)

        var description: String {
            switch self {
            case .connect(let code): "connect failed (errno \(code))"
            case .send(let code): "send failed (errno \(code))"
            case .noResponse: "the connection closed or timed out before a whole response"
            case .malformed(let what): "unreadable response: \(what)"
            }
        }
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads and writes give up after `timeout`.
    init(port: Int, timeout: Duration) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.connect(errno) }
        var wait = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            let code = errno
            Glibc.close(descriptor)
            throw Failure.connect(code)
        }
    }

    deinit { Glibc.close(descriptor) }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure.send(errno)
            }
            offset += written
        }
    }

    /// Reads one response (Content-Length or chunked body).
    func readResponse() throws -> Response {
        let headerEnd = try fill { Self.find([13, 10, 13, 10], in: $0) }
        let head = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure.malformed("status line \(lines.first ?? "")") }
        var length = 0
        var chunked = false
        var closes = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            if name == "content-length" { length = Int(value) ?? 0 }
            if name == "transfer-encoding", value.contains("chunked") { chunked = true }
            if name == "connection", value == "close" { closes = true }
        }
        let body = chunked ? try readChunks() : try readExactly(length)
        return Response(status: status, body: body, closes: closes)
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        _ = try fill { $0.count >= count ? count : nil }
        let body = Array(buffer.prefix(count))
        buffer.removeFirst(count)
        return body
    }

    private func readChunks() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try fill { Self.find([13, 10], in: $0) }
            let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw Failure.malformed("chunk size") }
            buffer.removeFirst(lineEnd + 2)
            body += try readExactly(size)
            _ = try readExactly(2)
            if size == 0 { return body }
        }
    }

    /// Reads until `found` returns an index into the buffer.
    private func fill(until found: ([UInt8]) -> Int?) throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            if let index = found(buffer) { return index }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure.noResponse }
            buffer += chunk[..<count]
        }
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for index in 0...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
        }
        return nil
    }
}
