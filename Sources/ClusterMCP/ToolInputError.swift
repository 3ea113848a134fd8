/// A tool was called with arguments it cannot use; the message tells the model what to send.
public struct ToolInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    /// Creates an error with a message written for the caller.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
