extension Duration {
    /// Seconds as a Double.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// `850 µs`, `12.3 ms`, `2.41 s`: three significant figures in a fitting unit.
    var readable: String {
        let value = seconds
        if value < 0.001 { return "\(Int((value * 1e6).rounded())) µs" }
        if value < 1 { return "\(NumberText.rounded(value * 1000, places: value < 0.01 ? 2 : 1)) ms" }
        return "\(NumberText.rounded(value, places: 2)) s"
    }
}
