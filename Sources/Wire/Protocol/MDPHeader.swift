/// The protocol frames of 18/MDP (MDP/0.2).
public enum MDPHeader {
    /// `MDPC02`: MDP/Client v0.2.
    public static let clientName = "MDPC02"
    /// `MDPW02`: MDP/Worker v0.2.
    public static let workerName = "MDPW02"
    /// The first frame of every client command.
    public static let client = Frame(clientName)
    /// The first frame of every worker command.
    public static let worker = Frame(workerName)
    /// MDP/0.1 headers: recognised only to say that version is not spoken here.
    static let legacyNames: Set<String> = ["MDPC01", "MDPW01"]
}
