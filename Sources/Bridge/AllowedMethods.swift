/// The methods a path is served with, read from the bridge's endpoint list.
///
/// A request whose path the bridge serves, with a method it does not serve there, is
/// answered 405 with `Allow` (RFC 9110 §15.5.6) rather than 404, so a client can tell a
/// wrong method from a wrong path.
enum AllowedMethods {
    /// The methods `path` is served with, in the order the endpoints list them; empty when
    /// no endpoint has that path. `{name}` in a pattern matches any one non-empty segment.
    static func methods(forPath path: String, endpoints: [(method: String, path: String)]) -> [String] {
        let segments = Self.segments(path)
        var methods: [String] = []
        for endpoint in endpoints where matches(pattern: Self.segments(endpoint.path), segments) {
            if !methods.contains(endpoint.method) { methods.append(endpoint.method) }
        }
        return methods
    }

    /// The `Allow` header's value.
    static func headerValue(_ methods: [String]) -> String {
        methods.joined(separator: ", ")
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func matches(pattern: [Substring], _ segments: [Substring]) -> Bool {
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { expected, found in
            (expected.hasPrefix("{") && expected.hasSuffix("}")) || expected == found
        }
    }
}
