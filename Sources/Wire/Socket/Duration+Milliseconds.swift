extension Duration {
    /// Whole milliseconds for libzmq's `int` options, rounded up so a short positive wait
    /// never becomes "don't wait", clamped to `0...Int32.max`.
    var clampedMilliseconds: Int32 {
        clamped(unit: .milliseconds(1))
    }

    /// Whole seconds, rounded up and clamped like `clampedMilliseconds` (TCP keepalive options).
    var clampedSeconds: Int32 {
        clamped(unit: .seconds(1))
    }

    private func clamped(unit: Duration) -> Int32 {
        if self <= .zero { return 0 }
        if self >= unit * Int(Int32.max) { return Int32.max }
        let whole = self / unit
        let rounded = whole.rounded(.up)
        return Int32(rounded)
    }
}
