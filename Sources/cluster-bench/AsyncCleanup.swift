/// `defer` for async clean-up: runs `cleanup` after `body` whether or not it threw.
func withAsyncCleanup<Value>(
    _ body: () async throws -> Value, cleanup: () async -> Void
) async throws -> Value {
    let outcome: Result<Value, any Error>
    do {
        outcome = .success(try await body())
    } catch {
        outcome = .failure(error)
    }
    await cleanup()
    return try outcome.get()
}
