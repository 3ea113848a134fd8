import Foundation
import Wire

/// The public keys the broker admits: one Z85 key per `*.pub` file in a directory,
/// named after the file (`CC01.pub` admits the key of "CC01").
struct AuthorizedKeys: Sendable, Equatable {
    /// Key bytes to the name of the file that authorised them.
    private(set) var names: [CurveKey: String] = [:]
    /// Files that were skipped, with why (a person should fix them).
    private(set) var problems: [String] = []

    var count: Int { names.count }

    /// The name a key was authorised under, or nil when it is not authorised.
    func name(of key: CurveKey) -> String? { names[key] }

    /// Builds the set from `(file name, contents)` pairs; pure, so it is tested without files.
    init(files: [(name: String, text: String)]) {
        for file in files.sorted(by: { $0.name < $1.name }) where file.name.hasSuffix(".pub") {
            let name = String(file.name.dropLast(".pub".count))
            do {
                let key = try CurveKey(z85: file.text)
                if let other = names[key] {
                    problems.append("\(file.name) repeats the key of \(other).pub")
                    continue
                }
                names[key] = name
            } catch {
                problems.append("\(file.name) does not hold a Z85 CURVE public key (\(error))")
            }
        }
    }

    /// Reads every `*.pub` in `directory`; a missing or unreadable directory admits no one.
    static func read(from directory: URL) -> AuthorizedKeys {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: directory.path) else {
            var empty = AuthorizedKeys(files: [])
            empty.problems.append("\(directory.path) cannot be read: every client is refused until it exists")
            return empty
        }
        let files = entries.filter { $0.hasSuffix(".pub") }.compactMap { entry -> (name: String, text: String)? in
            let path = directory.appendingPathComponent(entry).path
            // A key larger than a few lines is not a key; do not read a huge file.
            guard let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? Int, size <= 4096,
                  let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                return (entry, "")
            }
            return (entry, text)
        }
        return AuthorizedKeys(files: files)
    }

    /// Changes whenever a `*.pub` file is added, removed, renamed or rewritten, or the
    /// directory itself changes; cheap enough to compute on every handshake.
    static func fingerprint(of directory: URL) -> String {
        let manager = FileManager.default
        func stamp(_ path: String) -> String {
            guard let attributes = try? manager.attributesOfItem(atPath: path) else { return "-" }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = attributes[.size] as? Int ?? 0
            return "\(modified)/\(size)"
        }
        var parts = [stamp(directory.path)]
        let entries = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".pub") }.sorted()
        for entry in entries {
            parts.append("\(entry)=\(stamp(directory.appendingPathComponent(entry).path))")
        }
        return parts.joined(separator: ";")
    }
}
