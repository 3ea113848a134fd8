#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads how much space is free on the disk holding a path.
enum FreeDiskSpace {
    /// Bytes available to an unprivileged writer on the file system of `path`; nil when
    /// it cannot be read (the path is gone).
    static func bytes(at path: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }
}
