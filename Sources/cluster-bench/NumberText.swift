/// Number formatting for the report (no locale, no Foundation formatters).
enum NumberText {
    /// `value` printed with `places` digits after the point.
    static func rounded(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        let whole = Int(scaled / scale)
        guard places > 0 else { return "\(whole)" }
        let fraction = Int(abs(scaled).truncatingRemainder(dividingBy: scale))
        let digits = String(fraction)
        let sign = value < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole).\(String(repeating: "0", count: places - digits.count))\(digits)"
    }

    /// A rate with thousands separators: `12,345/s`.
    static func grouped(_ value: Double) -> String {
        let whole = Int(value.rounded())
        let digits = String(abs(whole))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (whole < 0 ? "-" : "") + out
    }
}
