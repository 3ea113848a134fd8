/// Whole numbers written for people, with a comma every three digits: `2150` is `2,150`.
///
/// Used in alert and failure texts ("memory 2,150 MB over the 2,048 MB limit"); fixed, not
/// localised, so logs and tests read the same on every machine.
public enum GroupedNumberText {
    /// `value` with commas between groups of three digits.
    public static func text<Value: BinaryInteger>(_ value: Value) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}
