/// The stored part of one attempt's transcript: the newest text up to a byte limit, and
/// how many older bytes were dropped to stay under it.
///
/// The tail is kept because the end of a runner's output (the result, the error) is what a
/// person reads first; the drop is counted so a shortened transcript says so.
struct TranscriptTail: Hashable, Sendable {
    /// The newest text, at most the limit in UTF-8 bytes.
    var text: String
    /// UTF-8 bytes dropped from the front so far.
    var droppedBytes: Int

    /// This tail with `more` appended, then cut from the front to at most `limit` bytes
    /// on a code point boundary.
    func appending(_ more: String, limit: Int) -> TranscriptTail {
        let combined = text + more
        let utf8 = combined.utf8
        let limit = max(limit, 0)
        guard utf8.count > limit else { return TranscriptTail(text: combined, droppedBytes: droppedBytes) }
        var start = utf8.index(utf8.endIndex, offsetBy: -limit)
        // Never start inside a multi-byte code point: skip its continuation bytes.
        while start < utf8.endIndex, UTF8.isContinuation(utf8[start]) {
            start = utf8.index(after: start)
        }
        return TranscriptTail(
            text: String(decoding: utf8[start...], as: UTF8.self),
            droppedBytes: droppedBytes + utf8.distance(from: utf8.startIndex, to: start))
    }

    /// The text as shown to a person: a one-line note first when older text was dropped.
    var shownText: String {
        guard droppedBytes > 0 else { return text }
        return "[task journal: \(droppedBytes) earlier bytes of this transcript were dropped]\n" + text
    }
}
