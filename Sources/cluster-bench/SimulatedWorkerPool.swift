import Wire

/// Simulated workers spread over several socket loops, each with its own ZeroMQ context
/// (a context holds at most 1,023 sockets, and its one I/O thread would be the bottleneck).
final class SimulatedWorkerPool: Sendable {
    /// Requests and tasks answered by every worker of the pool.
    let answered = Counter()
    private let loops: [SocketLoop<SimulatedWorkerGroup.Command>]

    /// Starts `count` workers on `threads` loops; the workers connect and send READY at once.
    init(settings: SimulatedWorkerSettings, count: Int, threads: Int) throws {
        let threadCount = max(1, min(threads, count))
        let answered = answered
        var loops: [SocketLoop<SimulatedWorkerGroup.Command>] = []
        var first = 0
        for thread in 0..<threadCount {
            let share = count / threadCount + (thread < count % threadCount ? 1 : 0)
            let names = (first..<(first + share)).map { "\(settings.namePrefix)\($0)" }
            first += share
            loops.append(try SocketLoop.start(name: "sim-workers-\(thread)", context: try ZMQContext()) { control in
                try SimulatedWorkerGroup(control: control, settings: settings, names: names, answered: answered)
            })
        }
        self.loops = loops
    }

    /// How many requests each worker answered, in worker order.
    func counts() async -> [Int] {
        var all: [Int] = []
        for loop in loops {
            all += await withCheckedContinuation { continuation in
                if !loop.post(.counts(continuation)) { continuation.resume(returning: []) }
            }
        }
        return all
    }

    /// Closes every worker's socket (the broker notices by their silence).
    func stop() async {
        for loop in loops { loop.stop() }
        for loop in loops { await loop.stopped() }
    }
}
