import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `GitHubAPI` over HTTP with AsyncHTTPClient's shared client: a deadline on every call,
/// the token in the `Authorization` header only (never in a log or an error).
struct GitHubRESTClient: GitHubAPI {
    /// `https://api.github.com`, GitHub Enterprise's `https://HOST/api/v3`, or a test's stand-in.
    let baseURL: String
    let token: String
    let timeout: Duration
    let client: HTTPClient

    init(baseURL: String, token: String, timeout: Duration, client: HTTPClient = .shared) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.token = token
        self.timeout = timeout
        self.client = client
    }

    func createComment(repository: String, number: Int, body: String) async throws(GitHubAPIError) -> Int {
        let operation = "creating a comment on \(repository)#\(number)"
        let answer = try await send(.POST, "/repos/\(repository)/issues/\(number)/comments", json: ["body": body], operation: operation)
        return try decode(GitHubComment.self, answer, operation: operation).id
    }

    func editComment(repository: String, commentID: Int, body: String) async throws(GitHubAPIError) {
        _ = try await send(.PATCH, "/repos/\(repository)/issues/comments/\(commentID)", json: ["body": body], operation: "editing comment \(commentID) in \(repository)")
    }

    func comments(repository: String, number: Int) async throws(GitHubAPIError) -> [GitHubComment] {
        let operation = "reading the comments of \(repository)#\(number)"
        let answer = try await send(.GET, "/repos/\(repository)/issues/\(number)/comments?per_page=100", json: nil, operation: operation)
        return try decode([GitHubComment].self, answer, operation: operation)
    }

    func addReaction(repository: String, to target: GitHubReactionTarget, content: String) async throws(GitHubAPIError) {
        _ = try await send(.POST, "/repos/\(repository)/\(target.path)", json: ["content": content], operation: "adding a reaction in \(repository)")
    }

    func jobLog(repository: String, jobID: Int) async throws(GitHubAPIError) -> String {
        // GitHub answers 302 to a short-lived download address; the client follows it.
        let answer = try await send(.GET, "/repos/\(repository)/actions/jobs/\(jobID)/logs", json: nil, operation: "reading the log of job \(jobID) in \(repository)")
        return String(decoding: answer, as: UTF8.self)
    }

    func workflowJobs(repository: String, runID: Int) async throws(GitHubAPIError) -> [GitHubCheck] {
        let operation = "listing the jobs of workflow run \(runID) in \(repository)"
        let answer = try await send(.GET, "/repos/\(repository)/actions/runs/\(runID)/jobs?filter=latest&per_page=100", json: nil, operation: operation)
        return try decode(Jobs.self, answer, operation: operation).jobs
    }

    func suiteCheckRuns(repository: String, suiteID: Int) async throws(GitHubAPIError) -> [GitHubCheck] {
        let operation = "listing the check runs of suite \(suiteID) in \(repository)"
        let answer = try await send(.GET, "/repos/\(repository)/check-suites/\(suiteID)/check-runs?filter=latest&per_page=100", json: nil, operation: operation)
        return try decode(CheckRuns.self, answer, operation: operation).checkRuns
    }

    private struct Jobs: Decodable { var jobs: [GitHubCheck] }
    private struct CheckRuns: Decodable {
        var checkRuns: [GitHubCheck]
        enum CodingKeys: String, CodingKey { case checkRuns = "check_runs" }
    }

    /// Largest answer read (a job's log can be large; only its tail is used).
    static let answerLimit = 32 * 1024 * 1024

    private func send(_ method: HTTPMethod, _ path: String, json: [String: String]?, operation: String) async throws(GitHubAPIError) -> [UInt8] {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/vnd.github+json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "X-GitHub-Api-Version", value: "2022-11-28")
        request.headers.add(name: "User-Agent", value: "claude-code-cluster")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            let data = (try? JSONSerialization.data(withJSONObject: json)) ?? Data("{}".utf8)
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        let response: HTTPClientResponse
        let bytes: [UInt8]
        do {
            response = try await client.execute(request, timeout: Self.timeAmount(timeout))
            bytes = Array(buffer: try await response.body.collect(upTo: Self.answerLimit))
        } catch {
            throw .unreachable(operation: operation, reason: "\(error)")
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            throw .refused(operation: operation, status: Int(response.status.code), message: Self.message(in: bytes, status: response.status))
        }
        return bytes
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ bytes: [UInt8], operation: String) throws(GitHubAPIError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw .unreadable(operation: operation, reason: "\(error)")
        }
    }

    /// GitHub's `{"message": …}`, else the status's reason phrase.
    private static func message(in bytes: [UInt8], status: HTTPResponseStatus) -> String {
        struct Problem: Decodable { var message: String? }
        let text = (try? JSONDecoder().decode(Problem.self, from: Data(bytes)))?.message
        return text.map { String($0.prefix(300)) } ?? status.reasonPhrase
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
