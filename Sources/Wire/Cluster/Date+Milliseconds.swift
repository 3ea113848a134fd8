import Foundation

extension Date {
    /// This date rounded to the millisecond the way `JSONWire.formatDate` rounds it, and
    /// built the way `JSONWire.parseDate` builds one, so it survives a trip through any
    /// body (or the broker's journal) bit for bit.
    public var roundedToMillisecond: Date {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite, abs(milliseconds) < 1e17 else { return self }
        return Date(timeIntervalSince1970: Double(Int64(milliseconds)) / 1000)
    }
}
