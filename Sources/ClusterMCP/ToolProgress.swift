/// Where a long tool call reports how it is going: MCP progress notifications for the
/// caller's progress token, or nowhere when the caller sent none.
public struct ToolProgress: Sendable {
    private let report: @Sendable (_ step: Double, _ message: String) async -> Void

    /// A reporter calling `report` with a step count that only grows, and a message.
    public init(_ report: @escaping @Sendable (_ step: Double, _ message: String) async -> Void) {
        self.report = report
    }

    /// Reports nothing.
    public static let silent = ToolProgress { _, _ in }

    /// Reports one step.
    public func callAsFunction(_ step: Double, _ message: String) async {
        await report(step, message)
    }
}
