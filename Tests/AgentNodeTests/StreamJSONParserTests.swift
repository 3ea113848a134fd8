import Testing
import Wire
@testable import AgentNode

@Suite("StreamJSONParser on realistic Claude Code stream-json")
struct StreamJSONParserTests {
    let parser = StreamJSONParser()

    @Test func systemInitStartsTheSession() {
        let line = #"{"type":"system","subtype":"init","cwd":"/ws/worktrees/T-1","session_id":"0ce8853f-aabe-488c-bbc2-a05f10b1cdc3","tools":["Task","Bash","Glob","Grep","Read","Edit","Write"],"mcp_servers":[],"model":"claude-sonnet-4-20250514","permissionMode":"bypassPermissions","slash_commands":["compact","cost"],"apiKeySource":"ANTHROPIC_API_KEY","claude_code_version":"1.0.98","output_style":"default","uuid":"5b8b4f5e-0c0e-4b3e-9a59-2b8e4d1f8a11"}"#
        #expect(parser.parse(line: line) == [
            .signal(.model("claude-sonnet-4-20250514")),
            .progress(.started, "session 0ce8853f-aabe-488c-bbc2-a05f10b1cdc3 started (model claude-sonnet-4-20250514, permission mode bypassPermissions, in /ws/worktrees/T-1)")
        ])
    }

    @Test func assistantTextAndToolUseInOneMessage() {
        let line = #"{"type":"assistant","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"Let me look at the routes first."},{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"Bash","input":{"command":"grep -rn \"router\" Sources\nls","description":"Find the router"}}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":4,"cache_creation_input_tokens":1520,"cache_read_input_tokens":13920,"output_tokens":1,"service_tier":"standard"}},"parent_tool_use_id":null,"session_id":"0ce8853f"}"#
        #expect(parser.parse(line: line) == [
            .progress(.text, "Let me look at the routes first."),
            .progress(.toolUse, "Bash: grep -rn \"router\" Sources"),
        ])
    }

    @Test func toolUseWithFilePathAndWithoutInput() {
        let edit = #"{"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_2","name":"Edit","input":{"file_path":"/w/Sources/App/Health.swift","old_string":"a","new_string":"b"}}]},"session_id":"s"}"#
        #expect(parser.parse(line: edit) == [.progress(.toolUse, "Edit: /w/Sources/App/Health.swift")])
        let bare = #"{"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_3","name":"TodoWrite","input":{"todos":[]}}]},"session_id":"s"}"#
        #expect(parser.parse(line: bare) == [.progress(.toolUse, "TodoWrite")])
    }

    @Test func thinkingAndEmptyTextAreSkipped() {
        let line = #"{"type":"assistant","message":{"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"x"},{"type":"text","text":"  \n"}]},"session_id":"s"}"#
        #expect(parser.parse(line: line).isEmpty)
    }

    @Test func userToolResultsAsStringAndAsBlocks() {
        let string = #"{"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_01A09q90qw90lq917835lq9","type":"tool_result","content":"Sources/App/Router.swift:12: let router = Router()","is_error":false}]},"parent_tool_use_id":null,"session_id":"s","uuid":"u"}"#
        #expect(parser.parse(line: string) == [.progress(.toolResult, "Sources/App/Router.swift:12: let router = Router()")])
        let blocks = #"{"type":"user","message":{"role":"user","content":[{"tool_use_id":"t","type":"tool_result","content":[{"type":"text","text":"line one"},{"type":"text","text":"line two"}]}]},"session_id":"s"}"#
        #expect(parser.parse(line: blocks) == [.progress(.toolResult, "line one\nline two")])
        let failed = #"{"type":"user","message":{"role":"user","content":[{"tool_use_id":"t","type":"tool_result","content":"Exit code 1\nnpm ERR! missing script: test","is_error":true}]},"session_id":"s"}"#
        #expect(parser.parse(line: failed) == [.progress(.toolResult, "error: Exit code 1\nnpm ERR! missing script: test")])
    }

    @Test func userPromptEchoIsNotProgress() {
        #expect(parser.parse(line: #"{"type":"user","message":{"role":"user","content":"say hello"}}"#).isEmpty)
    }

    @Test func successResultCarriesCostDurationTurnsAndSession() {
        let line = #"{"type":"result","subtype":"success","is_error":false,"duration_ms":48213,"duration_api_ms":45120,"num_turns":7,"result":"Added GET /health.\n\n## Test Results\nswift test: 12 passed","session_id":"0ce8853f-aabe-488c-bbc2-a05f10b1cdc3","total_cost_usd":0.1834215,"usage":{"input_tokens":31,"output_tokens":1942},"modelUsage":{},"permission_denials":[],"uuid":"u"}"#
        #expect(parser.parse(line: line) == [.result(RunnerFinalResult(
            text: "Added GET /health.\n\n## Test Results\nswift test: 12 passed", isError: false, subtype: "success",
            costUSD: 0.1834215, durationMs: 48213, turns: 7, sessionID: "0ce8853f-aabe-488c-bbc2-a05f10b1cdc3",
            usage: TokenUsage(inputTokens: 31, outputTokens: 1942)))])
    }

    @Test func errorResults() {
        let maxTurns = #"{"type":"result","subtype":"error_max_turns","duration_ms":283992,"duration_api_ms":251052,"is_error":true,"num_turns":41,"stop_reason":"tool_use","session_id":"495cc7e5","total_cost_usd":1.4020935000000005}"#
        guard case .result(let result)? = parser.parse(line: maxTurns).first else {
            Issue.record("no result")
            return
        }
        #expect(result.isError && result.subtype == "error_max_turns" && result.turns == 41 && result.text.isEmpty)
        // Without is_error, a subtype other than success still means failure.
        let during = #"{"type":"result","subtype":"error_during_execution","num_turns":2}"#
        #expect(parser.parse(line: during) == [.result(RunnerFinalResult(text: "", isError: true, subtype: "error_during_execution", turns: 2))])
    }

    @Test func nonJSONPassesThroughAsWritten() {
        #expect(parser.parse(line: "npm WARN deprecated inflight@1.0.6") == [.progress(.output, "npm WARN deprecated inflight@1.0.6")])
        #expect(parser.parse(line: "{not json") == [.progress(.output, "{not json")])
        #expect(parser.parse(line: "   ").isEmpty)
    }

    @Test func unknownJSONTypesAreDropped() {
        #expect(parser.parse(line: #"{"type":"stream_event","event":{"type":"content_block_delta"}}"#).isEmpty)
        #expect(parser.parse(line: #"{"type":"system","subtype":"compact_boundary","session_id":"s"}"#).isEmpty)
    }

    @Test func longMessagesAreCut() {
        let parser = StreamJSONParser(maxMessageLength: 20)
        let events = parser.parse(line: String(repeating: "x", count: 100))
        #expect(events == [.progress(.output, String(repeating: "x", count: 19) + "…")])
    }

    @Test func transcriptSplitsChunksIntoLinesAndRemembersTheResult() {
        var transcript = RunnerTranscript(tailLimit: 64)
        let text = #"{"type":"assistant","message":{"content":[{"type":"text","text":"hi"}]}}"# + "\n" + "plain\n"
            + #"{"type":"result","subtype":"success","is_error":false,"result":"done"}"#
        let bytes = Array(text.utf8)
        var events: [StreamEvent] = []
        events += transcript.consume(Array(bytes[0..<10]))
        events += transcript.consume(Array(bytes[10...]))
        events += transcript.finish()
        #expect(events == [.progress(.text, "hi"), .progress(.output, "plain")])
        #expect(transcript.finalResult?.text == "done")
        #expect(transcript.lastText == "plain")
        #expect(transcript.tail.bytes.count == 64)
    }
}
