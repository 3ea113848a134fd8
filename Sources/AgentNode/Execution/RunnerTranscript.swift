/// What the agent keeps of a runner's standard output while it streams in. Pure.
///
/// Bytes go in as they arrive; complete lines come out as events. The last `result` line
/// and the last assistant text are remembered, and a bounded tail of the raw output.
struct RunnerTranscript: Sendable {
    private let parser: StreamJSONParser
    private var splitter: LineSplitter
    private(set) var tail: ByteTail
    private(set) var finalResult: RunnerFinalResult?
    /// What the stream said before its result line that decides the ending.
    private(set) var signals = RunnerSignals()
    /// The last assistant text or plain output line: the summary when no result line comes.
    private(set) var lastText: String?

    init(parser: StreamJSONParser = StreamJSONParser(), tailLimit: Int = 2 << 20, maxLineBytes: Int = 8 << 20) {
        self.parser = parser
        self.splitter = LineSplitter(maxLineBytes: maxLineBytes)
        self.tail = ByteTail(limit: tailLimit)
    }

    /// Takes a chunk of output and returns the progress events of the lines it completes.
    mutating func consume(_ bytes: [UInt8]) -> [StreamEvent] {
        tail.append(bytes)
        return splitter.push(bytes).flatMap { interpret($0) }
    }

    /// Ends the stream: the last line may lack its newline.
    mutating func finish() -> [StreamEvent] {
        splitter.finish().map { interpret($0) } ?? []
    }

    private mutating func interpret(_ line: String) -> [StreamEvent] {
        var progress: [StreamEvent] = []
        for event in parser.parse(line: line) {
            switch event {
            case .result(let result):
                finalResult = result
            case .signal(let signal):
                signals.record(signal)
            case .progress(let kind, let message):
                if kind == .text || kind == .output { lastText = message }
                progress.append(event)
            }
        }
        return progress
    }
}
