/// Which file names in a hooks folder belong to which event: `on-<event>` and
/// `on-<event>.sh` (the seed's spelling) both do, and both run when both exist, the one
/// without `.sh` first.
enum HookFileNames {
    /// The file names that run for `event`, in the order they run.
    static func names(for event: HookEventName) -> [String] {
        [event.rawValue, event.rawValue + ".sh"]
    }

    /// The event a file name belongs to, or nil.
    static func event(forFileName name: String) -> HookEventName? {
        let base = name.hasSuffix(".sh") ? String(name.dropLast(3)) : name
        return HookEventName(rawValue: base)
    }

    /// The names among `names` that belong to no event, sorted. Hidden files (`.gitkeep`,
    /// an editor's swap file) and `README*` are not hooks and are left out.
    static func unmatched(_ names: [String]) -> [String] {
        names.filter { name in
            !name.hasPrefix(".") && !name.uppercased().hasPrefix("README") && event(forFileName: name) == nil
        }.sorted()
    }

    /// A warning naming the files of `folder` that match no event, or nil when all do.
    static func warning(folder: String, unmatched: [String]) -> String? {
        guard !unmatched.isEmpty else { return nil }
        let files = unmatched.joined(separator: ", ")
        let events = HookEventName.allCases.map(\.rawValue).joined(separator: ", ")
        return "hooks folder \(folder): \(files) \(unmatched.count == 1 ? "matches" : "match") no event and will never run "
            + "(hooks are named after an event, with or without .sh: \(events))"
    }
}
