import Foundation
import Wire

/// CURVE key pairs on disk: `<name>.key` holds the secret key (mode 0600) and
/// `<name>.pub` the public key, each as 40 Z85 characters and a newline.
public enum KeyFiles {
    /// Problems reading or writing key files, naming the file.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Generates a key pair and writes it to `directory`; refuses to overwrite.
    @discardableResult
    public static func generate(name: String, in directory: String) throws -> CurveKeyPair {
        let pair = try CurveKeyPair.generate()
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let secretPath = "\(directory)/\(name).key"
        let publicPath = "\(directory)/\(name).pub"
        for path in [secretPath, publicPath] where manager.fileExists(atPath: path) {
            throw Failure(description: "\(path) already exists; remove it first if you really mean to replace this key")
        }
        guard manager.createFile(atPath: secretPath, contents: Data((pair.secretKey.z85 + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "could not write \(secretPath)")
        }
        guard manager.createFile(atPath: publicPath, contents: Data((pair.publicKey.z85 + "\n").utf8), attributes: [.posixPermissions: 0o644]) else {
            throw Failure(description: "could not write \(publicPath)")
        }
        return pair
    }

    /// Reads one key (public or secret) from a file.
    public static func readKey(at path: String) throws -> CurveKey {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(description: "cannot read the key file \(path): \(error.localizedDescription)")
        }
        do {
            return try CurveKey(z85: text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw Failure(description: "\(path) does not hold a CURVE key: \(error)")
        }
    }

    /// Reads `<name>.key` from `directory`, refusing a secret readable by others.
    public static func readKeyPair(name: String, in directory: String) throws -> CurveKeyPair {
        let secretPath = "\(directory)/\(name).key"
        if let attributes = try? FileManager.default.attributesOfItem(atPath: secretPath),
           let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw Failure(description: "\(secretPath) is readable by other users (mode \(String(mode, radix: 8))); run chmod 600 \(secretPath)")
        }
        let secret = try readKey(at: secretPath)
        return try CurveKeyPair(secretKey: secret)
    }
}
