/// The version of Claude Code Cluster, reported by `--version`, READY and `GET /`.
public enum ClusterVersion {
    public static let current = "0.1.0"
}
