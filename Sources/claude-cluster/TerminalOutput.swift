import Foundation
import Wire

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Prints any Encodable as the bus's JSON, one document per call.
func printJSON<Value: Encodable>(_ value: Value) {
    let encoder = JSONWire.makeEncoder()
    encoder.outputFormatting.insert(.prettyPrinted)
    if let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) {
        print(text)
    }
}

/// A plain left-aligned text table.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}

/// Human forms of times and sizes.
enum Describe {
    static func age(of date: Date?, now: Date = Date()) -> String {
        guard let date else { return "never" }
        let seconds = max(0, now.timeIntervalSince(date))
        if seconds < 60 { return String(format: "%.1fs ago", seconds) }
        if seconds < 3600 { return "\(Int(seconds / 60))m ago" }
        return "\(Int(seconds / 3600))h ago"
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// US dollars to the cent (to the tenth of a cent below one dollar), or `-` when unknown.
    static func cost(_ dollars: Double?) -> String {
        guard let dollars, dollars.isFinite else { return "-" }
        return String(format: dollars < 1 ? "$%.3f" : "$%.2f", dollars)
    }

    /// Input and output tokens, as `12345 in / 678 out`, or `-` when unknown.
    static func tokens(_ usage: TokenUsage?) -> String {
        guard let usage else { return "-" }
        return "\(usage.inputTokens + usage.cacheReadInputTokens + usage.cacheCreationInputTokens) in / \(usage.outputTokens) out"
    }

    static func timestamp(_ date: Date?) -> String {
        guard let date else { return "-" }
        return JSONWire.formatDate(date)
    }
}
