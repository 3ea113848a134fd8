import CZeroMQ

/// The ZeroMQ socket types available without libzmq's DRAFT API.
public enum SocketKind: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case router, dealer, pub, sub, pair, req, rep, push, pull, xpub, xsub

    /// The libzmq constant (`ZMQ_ROUTER`, ...) passed to `zmq_socket`.
    var zmqType: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .pair: ZMQ_PAIR
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        }
    }

    /// The upper-case name libzmq's documentation uses ("ROUTER", "DEALER", ...).
    public var description: String {
        switch self {
        case .router: "ROUTER"
        case .dealer: "DEALER"
        case .pub: "PUB"
        case .sub: "SUB"
        case .pair: "PAIR"
        case .req: "REQ"
        case .rep: "REP"
        case .push: "PUSH"
        case .pull: "PULL"
        case .xpub: "XPUB"
        case .xsub: "XSUB"
        }
    }
}
