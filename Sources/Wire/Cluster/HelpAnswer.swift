/// The FINAL body answering a `HelpRequest`.
public struct HelpAnswer: Codable, Sendable, Hashable, VersionedBody {
    /// The `kind` value of a help answer.
    public static let kind = "help.answer"
    public var v: Int = 1
    public var kind: String = HelpAnswer.kind
    /// The `id` of the request answered.
    public var id: String
    /// The answering agent's name.
    public var from: String
    public var answer: String
    /// False when the agent could not answer; `answer` then says why.
    public var ok: Bool

    /// Creates an answer.
    public init(id: String, from: String, answer: String, ok: Bool = true) {
        self.id = id
        self.from = from
        self.answer = answer
        self.ok = ok
    }

    enum CodingKeys: String, CodingKey {
        case v, kind, id, from, answer, ok
    }
}
