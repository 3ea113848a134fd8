/// How a peer frames its MDP commands, so the broker can answer each peer in kind.
public enum MDPFraming: Sendable, Hashable {
    /// As 18/MDP writes it: the protocol frame (`MDPC02`/`MDPW02`) comes first.
    case spec
    /// One empty frame before the protocol frame, as REQ sockets and MDP/0.1-era
    /// libraries send it.
    case delimited
}
