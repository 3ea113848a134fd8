import CZeroMQ

/// Typed wrappers over `zmq_setsockopt` / `zmq_getsockopt`, shared by the option accessors.
extension ZMQSocket {
    func setOption(_ option: Int32, _ value: Int32, _ what: @autoclosure () -> String) throws(ZMQError) {
        var value = value
        try setRaw(option, &value, MemoryLayout<Int32>.size, what())
    }

    func setOption(_ option: Int32, _ value: Bool, _ what: @autoclosure () -> String) throws(ZMQError) {
        try setOption(option, value ? Int32(1) : 0, what())
    }

    func setOption(_ option: Int32, int64 value: Int64, _ what: @autoclosure () -> String) throws(ZMQError) {
        var value = value
        try setRaw(option, &value, MemoryLayout<Int64>.size, what())
    }

    func setOption(_ option: Int32, _ bytes: [UInt8], _ what: @autoclosure () -> String) throws(ZMQError) {
        let socket = try openHandle("\(what()) on a closed \(kind) socket")
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(socket, option, $0.baseAddress, $0.count) }
        if rc != 0 { throw ZMQError.last("\(what()) (\(kind))") }
    }

    private func setRaw(
        _ option: Int32, _ value: UnsafeRawPointer, _ size: Int, _ what: @autoclosure () -> String
    ) throws(ZMQError) {
        let socket = try openHandle("\(what()) on a closed \(kind) socket")
        if zmq_setsockopt(socket, option, value, size) != 0 { throw ZMQError.last("\(what()) (\(kind))") }
    }

    func intOption(_ option: Int32, _ what: @autoclosure () -> String) throws(ZMQError) -> Int32 {
        let socket = try openHandle("\(what()) on a closed \(kind) socket")
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        if zmq_getsockopt(socket, option, &value, &size) != 0 { throw ZMQError.last("\(what()) (\(kind))") }
        return value
    }

    func int64Option(_ option: Int32, _ what: @autoclosure () -> String) throws(ZMQError) -> Int64 {
        let socket = try openHandle("\(what()) on a closed \(kind) socket")
        var value: Int64 = 0
        var size = MemoryLayout<Int64>.size
        if zmq_getsockopt(socket, option, &value, &size) != 0 { throw ZMQError.last("\(what()) (\(kind))") }
        return value
    }

    func bytesOption(_ option: Int32, capacity: Int, _ what: @autoclosure () -> String) throws(ZMQError) -> [UInt8] {
        let socket = try openHandle("\(what()) on a closed \(kind) socket")
        var buffer = [UInt8](repeating: 0, count: capacity)
        var size = capacity
        let rc = buffer.withUnsafeMutableBytes { zmq_getsockopt(socket, option, $0.baseAddress, &size) }
        if rc != 0 { throw ZMQError.last("\(what()) (\(kind))") }
        return Array(buffer.prefix(size))
    }

    /// A NUL-terminated string option such as ZMQ_LAST_ENDPOINT.
    func stringOption(_ option: Int32, _ what: @autoclosure () -> String) throws(ZMQError) -> String {
        let bytes = try bytesOption(option, capacity: 1024, what())
        let text = bytes.prefix { $0 != 0 }
        return String(decoding: text, as: UTF8.self)
    }
}
