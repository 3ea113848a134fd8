import Wire

/// Merges a task's live events and keep-alive ticks into the stream of server-sent events.
///
/// The sequencer decides; this only moves values between streams. The output ends after
/// the terminal state's `result`, when the broker's event stream ends, or when the client
/// goes away (which cancels both readers).
enum TaskEventFeed {
    /// The events for one task, opening with `detail`.
    static func stream<Ticks: AsyncSequence & Sendable>(
        detail: TaskDetail,
        events: AsyncStream<ClusterEvent>,
        keepAlive ticks: Ticks
    ) -> AsyncStream<ServerSentEvent> where Ticks.Element == Void {
        let (output, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self, bufferingPolicy: .unbounded)
        var sequencer = TaskEventSequencer(taskID: detail.task.id)
        for event in sequencer.start(with: detail) { continuation.yield(event) }
        if sequencer.isFinished {
            continuation.finish()
            return output
        }
        let reader = Task { [sequencer] in
            var sequencer = sequencer
            for await event in events {
                for sse in sequencer.receive(event) { continuation.yield(sse) }
                if sequencer.isFinished { break }
            }
            continuation.finish()
        }
        let ticker = Task {
            do {
                for try await _ in ticks {
                    continuation.yield(.comment("keep-alive"))
                }
            } catch {
                // A failing tick source only stops keep-alives, never the stream.
            }
        }
        continuation.onTermination = { _ in
            reader.cancel()
            ticker.cancel()
        }
        return output
    }

    /// A tick every `interval`, until cancelled.
    static func ticks(every interval: Duration) -> AsyncStream<Void> {
        AsyncStream { continuation in
            let task = Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: interval) } catch { break }
                    continuation.yield()
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
