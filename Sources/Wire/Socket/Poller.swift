import CZeroMQ
import Glibc

/// Waits on several sockets and raw file descriptors at once (`zmq_poll`), on one thread.
///
/// ```swift
/// let poller = Poller()
/// let routerIndex = poller.add(router, events: .readable)
/// for ready in try poller.poll(timeout: .seconds(1)) where ready.index == routerIndex {
///     while let message = try router.receive(dontWait: true) { handle(message) }
/// }
/// ```
///
/// The poller keeps its sockets alive; like them it belongs to one thread. Readiness is
/// level-triggered: a socket not drained is reported again by the next `poll`.
public final class Poller {
    /// One ready item: its index (as returned by `add`) and what it is ready for.
    public struct Ready: Hashable, Sendable {
        /// The index `add` returned for the item.
        public let index: Int
        /// What the item is ready for.
        public let events: PollEvents

        /// A ready item (public for tests comparing poll results).
        public init(index: Int, events: PollEvents) {
            self.index = index
            self.events = events
        }
    }

    private var items: [zmq_pollitem_t] = []
    /// The socket behind each item, nil for raw descriptors.
    private var sockets: [ZMQSocket?] = []

    /// An empty poller.
    public init() {}

    /// How many items were added.
    public var count: Int { items.count }

    /// Adds `socket`, waiting for `events`; returns its index in `poll`'s results.
    @discardableResult
    public func add(_ socket: ZMQSocket, events: PollEvents = .readable) -> Int {
        items.append(zmq_pollitem_t(socket: socket.handle, fd: -1, events: events.rawValue, revents: 0))
        sockets.append(socket)
        return items.count - 1
    }

    /// Adds a raw file descriptor (an eventfd, a pipe, a TCP socket), waiting for `events`.
    @discardableResult
    public func add(fileDescriptor: Int32, events: PollEvents = .readable) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0))
        sockets.append(nil)
        return items.count - 1
    }

    /// Removes every item, keeping the storage for the next round of `add`s.
    public func removeAll() {
        items.removeAll(keepingCapacity: true)
        sockets.removeAll(keepingCapacity: true)
    }

    /// Waits until an item is ready or `timeout` passes (nil: wait forever) and returns the
    /// ready items in index order; empty on timeout or when a signal interrupted the wait.
    ///
    /// Throws `isClosedSocket` when an added socket was closed since, and `isTerminated`
    /// when the context was shut down.
    public func poll(timeout: Duration?) throws(ZMQError) -> [Ready] {
        for (index, socket) in sockets.enumerated() {
            if let socket, socket.handle == nil || socket.handle != items[index].socket {
                throw ZMQError(code: ENOTSOCK, operation: "poll item \(index): its \(socket.kind) socket was closed")
            }
        }
        let milliseconds = timeout.map { Int($0.clampedMilliseconds) } ?? -1
        let count = Int32(clamping: items.count)
        let rc = items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, count, milliseconds) }
        if rc < 0 {
            let code = zmq_errno()
            if code == EINTR { return [] }
            throw ZMQError(code: code, operation: "poll \(items.count) items")
        }
        guard rc > 0 else { return [] }
        var ready: [Ready] = []
        ready.reserveCapacity(Int(rc))
        for (index, item) in items.enumerated() where item.revents != 0 {
            ready.append(Ready(index: index, events: PollEvents(rawValue: item.revents)))
        }
        return ready
    }
}
