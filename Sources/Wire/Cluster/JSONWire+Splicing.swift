extension JSONWire {
    /// `object` (a JSON object as `JSONWire` writes it) with one more member placed first:
    /// `key` with the already-encoded JSON `value`.
    ///
    /// A task's spec, whose prompt can run to kilobytes, is encoded once when the task is
    /// submitted; every later body that carries it (the journal row, each `task.state`
    /// event, the submit reply, each assignment) splices those bytes in rather than
    /// encoding the spec again. `key` must be plain ASCII that needs no escaping and is not
    /// already a member of `object`. Members other than the first stay sorted.
    static func inserting(key: String, value: [UInt8], into object: [UInt8]) -> [UInt8] {
        var spliced: [UInt8] = []
        spliced.reserveCapacity(object.count + value.count + key.utf8.count + 4)
        spliced.append(UInt8(ascii: "{"))
        spliced.append(UInt8(ascii: "\""))
        spliced.append(contentsOf: key.utf8)
        spliced.append(contentsOf: "\":".utf8)
        spliced.append(contentsOf: value)
        let rest = object.dropFirst()
        if rest.first != UInt8(ascii: "}") { spliced.append(UInt8(ascii: ",")) }
        spliced.append(contentsOf: rest)
        return spliced
    }
}
