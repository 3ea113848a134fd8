import Hummingbird

extension HTTPFields {
    /// The first value of a header by its name in any case (for headers HTTPTypes has no constant for).
    func value(named name: String) -> String? {
        let lowered = name.lowercased()
        return first { $0.name.canonicalName == lowered }?.value
    }
}
