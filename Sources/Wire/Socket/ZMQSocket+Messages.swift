import CZeroMQ
import Glibc

/// Whole multipart messages in and out: the broker's hot path.
extension ZMQSocket {
    /// Sends all frames as one multipart message; returns false when it would block
    /// (EAGAIN) with `dontWait`, having sent nothing.
    ///
    /// Each frame's bytes are copied once, into libzmq. libzmq delivers multipart messages
    /// atomically and, once it takes the first frame, takes the rest without blocking, so
    /// only the first frame may be refused for a full queue; an interrupted frame (EINTR)
    /// is retried so a signal never leaves half a message queued. A ROUTER's first frame is
    /// the peer's routing id: with ROUTER_MANDATORY an unknown peer throws `isHostUnreachable`.
    @discardableResult
    public func send(_ frames: [Frame], dontWait: Bool = false) throws(ZMQError) -> Bool {
        let socket = try openHandle("send on a closed \(kind) socket")
        guard !frames.isEmpty else {
            throw ZMQError(code: EINVAL, operation: "send a message with no frames (\(kind))")
        }
        let lastIndex = frames.count - 1
        for (index, frame) in frames.enumerated() {
            let flags = (index == 0 && dontWait ? ZMQ_DONTWAIT : 0) | (index < lastIndex ? ZMQ_SNDMORE : 0)
            while true {
                let rc = frame.bytes.withUnsafeBytes { zmq_send(socket, $0.baseAddress, $0.count, flags) }
                if rc >= 0 { break }
                let code = zmq_errno()
                if code == EINTR { continue }
                if code == EAGAIN && index == 0 && dontWait { return false }
                throw ZMQError(code: code, operation: "send frame \(index + 1) of \(frames.count) (\(kind))")
            }
        }
        return true
    }

    /// Receives one whole multipart message; nil when nothing is there (with `dontWait`) or
    /// nothing came within `receiveTimeout`.
    ///
    /// Each frame is received into one reused `zmq_msg_t` and its bytes copied once into the
    /// `Frame`. Once the first frame is in, the rest of the message is already queued
    /// (libzmq's atomic delivery), so only the first frame ever waits.
    public func receive(dontWait: Bool = false) throws(ZMQError) -> [Frame]? {
        try receiveMessage(dontWait: dontWait, source: nil)
    }

    /// Receives one whole multipart message, as ``receive(dontWait:)`` does, with the file
    /// descriptor of the connection it came over (`zmq_msg_get(ZMQ_SRCFD)`): the number a
    /// ``SocketMonitor`` reports when that connection is accepted or breaks. The descriptor
    /// is -1 for transports without one (inproc). It is read from the message's first frame
    /// that carries it: a ROUTER builds the identity frame of a message a poll already saw
    /// without the connection's metadata.
    public func receiveWithSource(dontWait: Bool = false) throws(ZMQError) -> (frames: [Frame], source: Int32)? {
        var source: Int32 = -1
        guard let frames = try receiveMessage(dontWait: dontWait, source: &source) else { return nil }
        return (frames, source)
    }

    private func receiveMessage(dontWait: Bool, source: UnsafeMutablePointer<Int32>?) throws(ZMQError) -> [Frame]? {
        let socket = try openHandle("receive on a closed \(kind) socket")
        defer {
            // Let go of the last frame's buffer now rather than at the next receive.
            zmq_msg_close(message)
            zmq_msg_init(message)
        }
        var frames: [Frame] = []
        while true {
            let flags = frames.isEmpty && dontWait ? ZMQ_DONTWAIT : 0
            if zmq_msg_recv(message, socket, flags) < 0 {
                let code = zmq_errno()
                if code == EINTR { continue }
                if code == EAGAIN && frames.isEmpty { return nil }
                throw ZMQError(code: code, operation: "receive frame \(frames.count + 1) (\(kind))")
            }
            // A ROUTER's identity frame has no metadata when a poll prefetched the message
            // (libzmq 4.3's router_t::xhas_in), so the descriptor is read from the first
            // frame that carries it.
            if let source, source.pointee < 0 { source.pointee = zmq_msg_get(message, ZMQ_SRCFD) }
            frames.append(Frame(copyingMessage: message))
            if zmq_msg_more(message) == 0 { return frames }
        }
    }
}

extension Frame {
    /// A frame holding a copy of the bytes of a received `zmq_msg_t`.
    init(copyingMessage message: UnsafeMutablePointer<zmq_msg_t>) {
        let size = zmq_msg_size(message)
        guard size > 0, let source = zmq_msg_data(message) else {
            self.init([UInt8]())
            return
        }
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            if let target = buffer.baseAddress {
                memcpy(target, source, size)
                initialized = size
            }
        }
        self.init(bytes)
    }
}
