import Foundation
import Wire

/// CURVE key pairs on disk: `<name>.key` holds the secret key (mode 0600) and
/// `<name>.pub` the public key, each as 40 Z85 characters and a newline.
///
/// Layout (docs/SECURITY.md): every machine has a keys directory with its own pairs
/// (`broker`, an agent's name, `bridge`, `client`) and the broker's `broker.pub`; the
/// broker's keys directory also has `authorized/`, one `<name>.pub` per admitted peer.
public enum KeyFiles {
    /// Problems reading or writing key files, naming the file.
    struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The folder of admitted public keys inside the broker's keys directory.
    static let authorizedFolder = "authorized"

    /// Generates a key pair and writes it to `directory`; refuses to overwrite.
    ///
    /// The secret is created with mode 0600 in one step (`O_EXCL`), so it is never
    /// readable by others, not even for a moment.
    @discardableResult
    public static func generate(name: String, in directory: String) throws -> CurveKeyPair {
        try checkName(name)
        try createPrivateDirectory(directory)
        let secretPath = "\(directory)/\(name).key"
        let publicPath = "\(directory)/\(name).pub"
        for path in [secretPath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw Failure(description: "\(path) already exists; remove it first if you really mean to replace this key")
        }
        let pair = try CurveKeyPair.generate()
        try write(pair.secretKey.z85 + "\n", to: secretPath, mode: 0o600)
        try write(pair.publicKey.z85 + "\n", to: publicPath, mode: 0o644)
        return pair
    }

    /// Copies `<directory>/<name>.pub` into `<directory>/authorized/`, so a broker using
    /// this directory admits it (the one-machine case; across machines, copy the file).
    @discardableResult
    public static func authorize(name: String, in directory: String) throws -> String {
        try checkName(name)
        let key = try readKey(at: "\(directory)/\(name).pub")
        let folder = "\(directory)/\(authorizedFolder)"
        try createPrivateDirectory(folder)
        let path = "\(folder)/\(name).pub"
        if FileManager.default.fileExists(atPath: path) {
            guard (try? readKey(at: path)) == key else {
                throw Failure(description: "\(path) already authorises another key; remove it first to replace it")
            }
            return path
        }
        try write(key.z85 + "\n", to: path, mode: 0o644)
        return path
    }

    /// Reads one key (public or secret) from a file.
    static func readKey(at path: String) throws -> CurveKey {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(description: "cannot read the key file \(path): \(error.localizedDescription)")
        }
        do {
            return try CurveKey(z85: text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            // Never echo the file's text: it may be a secret key with a typo.
            throw Failure(description: "\(path) does not hold a CURVE key (40 Z85 characters): \(error)")
        }
    }

    /// Reads `<name>.key` from `directory`, refusing a secret readable by others.
    static func readKeyPair(name: String, in directory: String) throws -> CurveKeyPair {
        let secretPath = "\(directory)/\(name).key"
        guard FileManager.default.fileExists(atPath: secretPath) else {
            throw Failure(description: "\(secretPath) does not exist; create it with `claude-cluster keygen --name \(name) --dir \(directory)`")
        }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: secretPath),
           let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw Failure(description: "\(secretPath) is readable by other users (mode \(String(mode, radix: 8))); run chmod 600 \(secretPath)")
        }
        let secret = try readKey(at: secretPath)
        return try CurveKeyPair(secretKey: secret)
    }

    private static func checkName(_ name: String) throws {
        guard !name.isEmpty, !name.hasPrefix("."),
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw Failure(description: "'\(name)' cannot name a key: use letters, digits, '-', '_' and '.'")
        }
    }

    /// Creates `directory` (mode 0700) when missing, then checks nobody else can write it.
    private static func createPrivateDirectory(_ directory: String) throws {
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            chmod(directory, 0o700)
        }
        try KeyDirectory.check(directory)
    }

    private static func write(_ text: String, to path: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw Failure(description: "could not create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // umask may have cleared bits of `mode` (never added any): set exactly what we mean.
        fchmod(descriptor, mode)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw Failure(description: "could not write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
