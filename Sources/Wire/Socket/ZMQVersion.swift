import CZeroMQ

/// The libzmq this process is linked against, and what it was built with.
public enum ZMQVersion {
    /// libzmq's version, e.g. (4, 3, 4).
    public static var current: (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }

    /// "4.3.4", for logs and `--version`.
    public static var string: String {
        let version = current
        return "\(version.major).\(version.minor).\(version.patch)"
    }

    /// Whether libzmq has CURVE security (`zmq_has("curve")`): without it, key generation
    /// and the CURVE options fail.
    public static var hasCurve: Bool { zmq_has("curve") != 0 }
}
