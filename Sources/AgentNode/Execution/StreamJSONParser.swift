import Wire

/// Turns lines of Claude Code `--output-format stream-json` output into progress and a result.
///
/// Pure and stateless: one line in, zero or more events out. Lines that are not JSON pass
/// through as `.output`; JSON it does not recognise (new event types, `stream_event`
/// partials) is dropped, so a newer Claude Code never breaks a run.
struct StreamJSONParser: Sendable {
    /// Longest progress message; longer text is cut and ends with an ellipsis.
    var maxMessageLength: Int

    /// Creates a parser that cuts messages at `maxMessageLength` characters.
    init(maxMessageLength: Int = 2000) {
        self.maxMessageLength = max(16, maxMessageLength)
    }

    /// The events one line of output stands for.
    func parse(line: String) -> [StreamEvent] {
        let trimmed = line.trimmingWhitespace()
        guard !trimmed.isEmpty else { return [] }
        guard trimmed.first == "{", let json = JSONValue.parse(trimmed), let type = json["type"]?.string else {
            return [.progress(.output, cut(line))]
        }
        switch type {
        case "system":
            return systemEvents(json)
        case "assistant":
            return assistantSignals(json) + contentBlocks(json).compactMap(assistantEvent)
        case "user":
            return contentBlocks(json).compactMap(toolResultEvent)
        case "result":
            return [.result(finalResult(json))]
        case "rate_limit_event":
            return Self.rateLimit(json["rate_limit_info"]).map { [.signal(.rateLimit($0))] } ?? []
        default:
            return []
        }
    }

    private func systemEvents(_ json: JSONValue) -> [StreamEvent] {
        guard json["subtype"]?.string == "init" else { return [] }
        var events: [StreamEvent] = []
        if let model = json["model"]?.string, !model.isEmpty { events.append(.signal(.model(model))) }
        var details: [String] = []
        if let model = json["model"]?.string, !model.isEmpty { details.append("model \(model)") }
        if let mode = json["permissionMode"]?.string, !mode.isEmpty { details.append("permission mode \(mode)") }
        if let cwd = json["cwd"]?.string, !cwd.isEmpty { details.append("in \(cwd)") }
        var message = "session started"
        if let session = json["session_id"]?.string, !session.isEmpty { message = "session \(session) started" }
        if !details.isEmpty { message += " (" + details.joined(separator: ", ") + ")" }
        return events + [.progress(.started, cut(message))]
    }

    /// A synthetic assistant message stands for an API error: its kind and any rate limit.
    private func assistantSignals(_ json: JSONValue) -> [StreamEvent] {
        var events: [StreamEvent] = []
        if let error = json["error"]?.string, !error.isEmpty { events.append(.signal(.apiError(error))) }
        if let limit = Self.rateLimit(json["api_error_params"]?["rate_limit_info"]) {
            events.append(.signal(.rateLimit(limit)))
        }
        return events
    }

    static func rateLimit(_ info: JSONValue?) -> RunnerRateLimit? {
        guard let info, let status = info["status"]?.string else { return nil }
        return RunnerRateLimit(status: status, resetsAt: info["resetsAt"]?.double, kind: info["rateLimitType"]?.string)
    }

    private func contentBlocks(_ json: JSONValue) -> [JSONValue] {
        json["message"]?["content"]?.array ?? []
    }

    private func assistantEvent(_ block: JSONValue) -> StreamEvent? {
        switch block["type"]?.string {
        case "text":
            guard let text = block["text"]?.string, !text.trimmingWhitespace().isEmpty else { return nil }
            return .progress(.text, cut(text))
        case "tool_use":
            let name = block["name"]?.string ?? "tool"
            guard let hint = toolHint(block["input"]) else { return .progress(.toolUse, cut(name)) }
            return .progress(.toolUse, cut("\(name): \(hint)"))
        default:
            return nil
        }
    }

    private func toolResultEvent(_ block: JSONValue) -> StreamEvent? {
        guard block["type"]?.string == "tool_result" else { return nil }
        let text = Self.flattenText(block["content"]) ?? ""
        let isError = block["is_error"]?.bool ?? false
        let body = text.trimmingWhitespace().isEmpty ? "(no output)" : text
        return .progress(.toolResult, cut(isError ? "error: \(body)" : body))
    }

    private func finalResult(_ json: JSONValue) -> RunnerFinalResult {
        let subtype = json["subtype"]?.string
        let isError = json["is_error"]?.bool ?? (subtype.map { $0 != "success" } ?? false)
        return RunnerFinalResult(
            text: json["result"]?.string ?? "",
            isError: isError,
            subtype: subtype,
            costUSD: json["total_cost_usd"]?.double ?? json["cost_usd"]?.double,
            durationMs: json["duration_ms"]?.int,
            turns: json["num_turns"]?.int,
            sessionID: json["session_id"]?.string ?? json["sessionId"]?.string,
            errors: json["errors"]?.array?.compactMap { $0.string ?? Self.flattenText($0["message"]) } ?? [],
            apiErrorStatus: json["api_error_status"]?.int,
            apiError: json["api_error"]?.string,
            terminalReason: json["terminal_reason"]?.string,
            usage: Self.usage(json["usage"]),
            models: json["modelUsage"]?.object?.keys.sorted() ?? [],
            permissionDenials: json["permission_denials"]?.array?.map(Self.denial) ?? []
        )
    }

    static func usage(_ value: JSONValue?) -> TokenUsage? {
        guard let value, value.object != nil else { return nil }
        return TokenUsage(
            inputTokens: value["input_tokens"]?.int ?? 0, outputTokens: value["output_tokens"]?.int ?? 0,
            cacheReadInputTokens: value["cache_read_input_tokens"]?.int ?? 0,
            cacheCreationInputTokens: value["cache_creation_input_tokens"]?.int ?? 0)
    }

    /// "Bash: npm test" for one `permission_denials` entry.
    static func denial(_ value: JSONValue) -> String {
        let tool = value["tool_name"]?.string ?? "a tool"
        let input = value["tool_input"]
        for key in ["command", "file_path", "path", "url"] {
            if let detail = input?[key]?.string, !detail.isEmpty {
                let line = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? detail
                return "\(tool): " + (line.count > 200 ? String(line.prefix(199)) + "…" : line)
            }
        }
        return tool
    }

    /// The input field that best says what a tool call does, on one line.
    private func toolHint(_ input: JSONValue?) -> String? {
        guard let input else { return nil }
        for key in ["command", "file_path", "path", "pattern", "url", "query", "description", "prompt"] {
            if let value = input[key]?.string?.trimmingWhitespace(), !value.isEmpty {
                let line = value.split(whereSeparator: \.isNewline).first.map(String.init) ?? value
                return line.count > 200 ? String(line.prefix(199)) + "…" : line
            }
        }
        return nil
    }

    /// Tool result content is either a string or a list of `{type: text, text}` blocks.
    static func flattenText(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?:
            return text
        case .array(let items)?:
            let parts = items.compactMap { $0["text"]?.string ?? $0.string }
            return parts.isEmpty ? nil : parts.joined(separator: "\n")
        default:
            return nil
        }
    }

    private func cut(_ text: String) -> String {
        text.count > maxMessageLength ? String(text.prefix(maxMessageLength - 1)) + "…" : text
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
