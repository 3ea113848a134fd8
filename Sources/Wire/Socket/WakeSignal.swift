import Glibc

/// A Linux eventfd used as a level-triggered "you have mail" flag for a poll loop.
///
/// Any thread may `signal()`; the loop polls `fileDescriptor` next to its sockets and
/// `reset()`s it when it reports readable. An eventfd rather than an inproc socket pair,
/// because an inproc PUSH socket would itself need one owning thread (or a lock around
/// every post), while writing 8 bytes to an eventfd is thread-safe and never blocks.
final class WakeSignal: Sendable {
    /// The eventfd, non-blocking and close-on-exec.
    let fileDescriptor: Int32

    init() throws(SocketLoopError) {
        let descriptor = Self.makeEventFD()
        guard descriptor >= 0 else { throw .wakeSignalUnavailable(errno: errno) }
        fileDescriptor = descriptor
    }

    deinit { Glibc.close(fileDescriptor) }

    /// Wakes the loop; cheap, never blocks (a saturated counter is still readable).
    func signal() {
        var one: UInt64 = 1
        while write(fileDescriptor, &one, MemoryLayout<UInt64>.size) < 0 && errno == EINTR {}
    }

    /// Clears the signal so the next poll sleeps again.
    func reset() {
        var count: UInt64 = 0
        while read(fileDescriptor, &count, MemoryLayout<UInt64>.size) < 0 && errno == EINTR {}
    }

    /// `eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)`. Swift's Glibc module does not export
    /// <sys/eventfd.h>, so the libc function is looked up by name; EFD_NONBLOCK and
    /// EFD_CLOEXEC are defined by Linux as O_NONBLOCK and O_CLOEXEC.
    private static func makeEventFD() -> Int32 {
        typealias EventFD = @convention(c) (UInt32, Int32) -> Int32
        guard let symbol = dlsym(nil, "eventfd") else {
            errno = ENOSYS
            return -1
        }
        let eventfd = unsafeBitCast(symbol, to: EventFD.self)
        return eventfd(0, O_NONBLOCK | O_CLOEXEC)
    }
}
