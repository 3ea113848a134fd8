@testable import Bridge
import Foundation
import Testing
import Wire

@Suite("Task event stream")
struct TaskEventTests {
    let start = FakeCluster.epoch

    func progress(_ sequence: Int, attempt: Int = 1, _ message: String = "working") -> ProgressUpdate {
        ProgressUpdate(taskID: "t-1", attempt: attempt, sequence: sequence, kind: .text, message: message, at: start)
    }

    func stateEvent(_ state: TaskState, at offset: TimeInterval, result: TaskResult? = nil, id: String = "t-1") -> ClusterEvent {
        var task = record(id, state: state, agent: "CC01", updated: offset)
        task.result = result
        return ClusterEvent(at: start.addingTimeInterval(offset), payload: .taskState(task, previous: nil))
    }

    @Test func sequencerOpensWithKeptProgressAndStateThenFollowsUntilResult() {
        var sequencer = TaskEventSequencer(taskID: "t-1")
        let opening = sequencer.start(with: TaskDetail(task: record("t-1", state: .running, updated: 1), progress: [progress(1)]))
        #expect(opening.map(\.event) == ["progress", "state"])
        #expect(opening.map(\.id) == ["1", "2"])

        #expect(sequencer.receive(ClusterEvent(at: start, payload: .taskProgress(progress(1)))).isEmpty)  // already covered
        #expect(sequencer.receive(ClusterEvent(at: start, payload: .taskProgress(progress(2)))).map(\.event) == ["progress"])
        #expect(sequencer.receive(stateEvent(.assigned, at: 0)).isEmpty)  // older than what was sent
        #expect(sequencer.receive(stateEvent(.running, at: 2, id: "t-2")).isEmpty)  // another task

        let end = sequencer.receive(stateEvent(.succeeded, at: 3, result: TaskResult(outcome: .succeeded, summary: "done")))
        #expect(end.map(\.event) == ["state", "result"])
        #expect(end.map(\.id) == ["4", "5"])
        #expect(end[1].data.contains(#""summary":"done""#))
        #expect(sequencer.isFinished)
        #expect(sequencer.receive(ClusterEvent(at: start, payload: .taskProgress(progress(9)))).isEmpty)
    }

    @Test func finishedTaskOpensWithResultAndEnds() {
        var sequencer = TaskEventSequencer(taskID: "t-1")
        let opening = sequencer.start(with: TaskDetail(task: record("t-1", state: .cancelled)))
        #expect(opening.map(\.event) == ["state", "result"])
        #expect(sequencer.isFinished)
    }

    @Test func eventTextFollowsTheFormat() {
        let event = ServerSentEvent(event: "progress", id: "7", data: "{\"a\":1}\nsecond")
        #expect(event.text == "id: 7\nevent: progress\ndata: {\"a\":1}\ndata: second\n\n")
        #expect(ServerSentEvent.comment("keep-alive").text == ": keep-alive\n\n")
    }

    @Test func feedInterleavesKeepAlivesAndEndsAfterResult() async {
        let (events, eventInput) = AsyncStream.makeStream(of: ClusterEvent.self)
        let (ticks, tickInput) = AsyncStream.makeStream(of: Void.self)
        let feed = TaskEventFeed.stream(detail: TaskDetail(task: record("t-1", state: .queued)), events: events, keepAlive: ticks)
        var output = feed.makeAsyncIterator()

        #expect(await output.next()?.event == "state")
        tickInput.yield()
        #expect(await output.next() == .comment("keep-alive"))
        eventInput.yield(ClusterEvent(at: start, payload: .taskProgress(progress(1))))
        #expect(await output.next()?.event == "progress")
        tickInput.yield()
        #expect(await output.next()?.isComment == true)
        eventInput.yield(stateEvent(.failed, at: 5, result: TaskResult(outcome: .failed, summary: "boom")))
        #expect(await output.next()?.event == "state")
        #expect(await output.next()?.event == "result")
        #expect(await output.next() == nil)
        tickInput.finish()
        eventInput.finish()
    }

    @Test func feedEndsWhenTheBusStreamEnds() async {
        let (events, eventInput) = AsyncStream.makeStream(of: ClusterEvent.self)
        let feed = TaskEventFeed.stream(
            detail: TaskDetail(task: record("t-1", state: .running)), events: events, keepAlive: AsyncStream<Void> { _ in })
        eventInput.finish()
        var collected: [String?] = []
        for await event in feed { collected.append(event.event) }
        #expect(collected == ["state"])
    }
}
