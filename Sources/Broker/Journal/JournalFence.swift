/// The proof a broker gives, inside every commit to a shared PostgreSQL journal, that it
/// still leads: the holder it registered as and the epoch of its leadership.
///
/// Each batch's transaction first runs
///
/// ```sql
/// SELECT 1 FROM broker_leadership
///  WHERE holder = $holder AND epoch = $epoch AND lease_until > now() FOR SHARE
/// ```
///
/// and commits nothing when no row matches: another broker took over (and incremented the
/// epoch), or the lease ran out by the database's clock. The commit then fails with
/// ``JournalError/deposed(location:holder:epoch:)``. `FOR SHARE` keeps a takeover's update
/// of the row waiting until the batch has committed, so a batch either commits before the
/// takeover or not at all. The SQLite journal is never shared and takes no fence.
public struct JournalFence: Sendable, Hashable, CustomStringConvertible {
    /// The broker's name in `broker_leadership.holder`.
    public var holder: String
    /// The leadership epoch the broker holds; a takeover increments it.
    public var epoch: Int64

    public init(holder: String, epoch: Int64) {
        self.holder = holder
        self.epoch = epoch
    }

    public var description: String { "\(holder) (epoch \(epoch))" }
}
