/// The names one task gets on disk and in git: branch, worktree folder, log file. Pure.
struct TaskNaming: Sendable, Hashable {
    /// `<agent>/<task-id>`, lower-cased and made a valid git branch name.
    let branch: String
    /// The task id as a single safe path component.
    let directoryName: String

    /// Names for `taskID` run by `agent`.
    init(agent: String, taskID: String) {
        let agentPart = Self.refComponent(agent, fallback: "agent")
        let taskPart = Self.refComponent(taskID, fallback: "task")
        self.branch = "\(agentPart)/\(taskPart)"
        self.directoryName = Self.pathComponent(taskID)
    }

    /// `<directoryName>.log`.
    var logFileName: String { "\(directoryName).log" }

    /// Lower-case letters, digits, `.`, `_` and `-`; anything else becomes `-`, runs of `-`
    /// collapse, and the result never starts with `.` or `-` or ends with `.lock` or `.`.
    static func refComponent(_ raw: String, fallback: String) -> String {
        var out = ""
        for scalar in raw.lowercased().unicodeScalars {
            let allowed = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
                || scalar == "_" || scalar == "." || scalar == "-"
            let character: Character = allowed ? Character(scalar) : "-"
            if character == "-" && out.hasSuffix("-") { continue }
            if character == "." && out.hasSuffix(".") { continue }  // no `..` in refs
            out.append(character)
        }
        while let first = out.first, first == "." || first == "-" { out.removeFirst() }
        while out.hasSuffix(".lock") { out.removeLast(5) }
        while let last = out.last, last == "." || last == "-" { out.removeLast() }
        if out.count > 100 { out = String(out.prefix(100)) }
        return out.isEmpty ? fallback : out
    }

    /// Letters, digits, `.`, `_` and `-` kept as written; never `.`, `..` or empty.
    static func pathComponent(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            let allowed = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "_" || scalar == "." || scalar == "-"
            out.append(allowed ? Character(scalar) : "_")
        }
        if out.count > 120 { out = String(out.prefix(120)) }
        if out.isEmpty || out.allSatisfy({ $0 == "." }) { return "task_" + out.replacingDots() }
        return out
    }
}

extension String {
    fileprivate func replacingDots() -> String { String(map { $0 == "." ? "_" : $0 }) }
}
