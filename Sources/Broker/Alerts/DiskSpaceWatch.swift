import Wire

/// Decides when the free space under the data directory deserves an alert: once when it
/// drops below the minimum, and again only after it has recovered above one and a half
/// times the minimum (so a disk hovering at the line does not alert on every check). Pure.
struct DiskSpaceWatch: Sendable, Hashable {
    /// Free bytes below which the alert fires; 0 turns the watch off.
    let minimumFreeBytes: UInt64
    /// The directory named in the alert.
    let path: String
    private var low = false

    /// Creates a watch that has not seen the disk yet.
    init(minimumFreeBytes: UInt64, path: String) {
        self.minimumFreeBytes = minimumFreeBytes
        self.path = path
    }

    /// Feeds one reading of the free bytes; returns the alert to raise, if any.
    mutating func observe(freeBytes: UInt64) -> Alert? {
        guard minimumFreeBytes > 0 else { return nil }
        if low {
            if freeBytes > minimumFreeBytes + minimumFreeBytes / 2 { low = false }
            return nil
        }
        guard freeBytes < minimumFreeBytes else { return nil }
        low = true
        let severity: Alert.Severity = freeBytes < minimumFreeBytes / 4 ? .critical : .warning
        return Alert(
            kind: .lowDiskSpace, severity: severity,
            text: "Only \(Self.megabytes(freeBytes)) MB are free on the disk of \(path) (the alert is set at \(Self.megabytes(minimumFreeBytes)) MB); the task journal stops the broker when it cannot write. Free space or lower journal.retain_days.")
    }

    static func megabytes(_ bytes: UInt64) -> String {
        GroupedNumberText.text(bytes / 1_000_000)
    }
}
