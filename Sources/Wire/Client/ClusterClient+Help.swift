/// Help requests: one agent (or a person) asking another specialty a question.
extension ClusterClient {
    /// Why a help request got no answer.
    public enum AskFailure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No connected agent serves the specialty.
        case noAgent(specialty: String)
        /// The bus gave no answer (timeout, broker down, bad reply).
        case bus(BusClientError)

        public var description: String {
            switch self {
            case .noAgent(let specialty): "no agent serves '\(specialty)' right now"
            case .bus(let error): error.description
            }
        }
    }

    /// Sends `request` to its specialty's service and waits up to `timeout` for the
    /// answer. The broker is asked first (8/MMI) whether anyone serves the specialty, so a
    /// question nobody can answer fails at once instead of at the deadline.
    ///
    /// A reply that is not a `HelpAnswer` (a plain MDP worker's) is returned as the answer
    /// text, attributed to the specialty.
    public func ask(_ request: HelpRequest, timeout: Duration) async throws(AskFailure) -> HelpAnswer {
        let body: [Frame]
        do {
            guard try await bus.serviceStatus(request.specialty) == .found else {
                throw AskFailure.noAgent(specialty: request.specialty)
            }
            body = try await bus.request(
                service: request.specialty, body: [JSONWire.encode(request)], correlationID: request.id,
                timeout: timeout, attempts: 1)
        } catch let error as AskFailure {
            throw error
        } catch let error as BusClientError {
            throw .bus(error)
        } catch {
            throw .bus(.badReply(service: request.specialty, detail: "\(error)"))
        }
        if let frame = body.first, let answer = try? JSONWire.decode(HelpAnswer.self, from: frame) {
            return answer
        }
        return HelpAnswer(id: request.id, from: request.specialty, answer: body.compactMap(\.string).joined(separator: "\n"))
    }
}
