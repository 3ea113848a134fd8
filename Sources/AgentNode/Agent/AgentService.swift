import Foundation
import Logging
import ServiceLifecycle
import Wire

/// One agent (CC01, CC02, ...) as a `Service`: registers with the broker, runs each task
/// it is given with `TaskExecutor`, answers other agents' questions, and passes
/// broadcasts to its hooks.
///
/// On graceful shutdown running tasks get `shutdownGrace` to finish; the rest are
/// stopped without reporting a result and the agent disconnects, so the broker puts them
/// back in the queue for another agent.
public final class AgentService: Service, Sendable {
    /// What this agent was started with.
    public let settings: AgentSettings
    let bus: AgentBusSettings
    private let executor: TaskExecutor
    private let context: ZMQContext
    private let logger: Logger
    let running = RunningTasks()
    /// What `status(now:)` reports besides the running tasks.
    let board = AgentStatusBoard()
    private let helpResponder: HelpResponder
    /// Asks the broker, as a client, whether a task is still this agent's before a push.
    private let brokerClient: ClusterClient

    public init(settings: AgentSettings, bus: AgentBusSettings, context: ZMQContext, logger: Logger) throws {
        var logger = logger
        logger[metadataKey: "agent"] = "\(settings.name)"
        self.settings = settings
        self.bus = bus
        self.context = context
        self.logger = logger
        let brokerClient = ClusterClient(
            bus: try BusClient(
                context: context, endpoints: bus.endpoints,
                options: .init(timeout: .seconds(3), attempts: 2, security: bus.security)),
            events: nil)
        self.brokerClient = brokerClient
        let agent = settings.name
        self.executor = try TaskExecutor(
            settings: settings, logger: logger,
            holdCheck: { taskID, attempt in
                do {
                    return TaskHold.judge(try await brokerClient.task(id: taskID)?.task, agent: agent, attempt: attempt)
                } catch {
                    return .unknown("\(error)")
                }
            })
        self.helpResponder = HelpResponder(executor: executor)
    }

    public func run() async throws {
        var problem = executor.runnerProblem() ?? executor.loginProblem()
        do {
            try await executor.prepare()
        } catch {
            let text = "the workspace could not be prepared: \(error)"
            logger.error("\(text)")
            problem = [problem, text].compactMap { $0 }.joined(separator: "; ")
        }
        if let problem { logger.warning("\(problem)") }
        board.recordRunnerProblem(problem)
        let info = AgentInfo(
            name: settings.name, specialties: [settings.specialty], capacity: bus.maxConcurrentTasks,
            version: ClusterVersion.current, host: ProcessInfo.processInfo.hostName,
            runnerAvailable: problem == nil, runnerProblem: problem, account: settings.account)
        let connection = try AgentConnection(
            context: context,
            session: .init(endpoints: bus.endpoints, service: settings.specialty, info: info,
                           heartbeatInterval: bus.heartbeatInterval, liveness: bus.liveness),
            subscribeEndpoints: bus.subscribe,
            topics: Topic.agentSubscriptions(name: settings.name, specialties: [settings.specialty]),
            security: bus.security,
            link: BrokerLink(endpoint: bus.endpoints.first ?? ""),
            logger: logger)
        board.attach(connection.link)
        logger.info("agent \(settings.name) (\(settings.specialty)) started; broker \(bus.endpoints.joined(separator: ", "))")

        let reporter = Task { await reportLoad(to: connection) }
        await withGracefulShutdownHandler {
            for await event in connection.events {
                handle(event, connection: connection)
            }
        } onGracefulShutdown: { [self] in
            Task { await self.shutDown(connection) }
        }
        reporter.cancel()
        running.cancelAll()
        await running.waitForAll()
        brokerClient.close()
    }

    private func shutDown(_ connection: AgentConnection) async {
        if running.count > 0 {
            logger.info("shutting down: waiting up to \(bus.shutdownGrace) for \(running.count) running task(s)")
            let deadline = ContinuousClock.now + bus.shutdownGrace
            while running.count > 0, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        if running.count > 0 {
            logger.info("stopping \(running.count) task(s); the broker requeues them")
            running.cancelAll()
            await running.waitForAll()
        }
        await connection.close()
    }

    private func handle(_ event: AgentConnectionEvent, connection: AgentConnection) {
        switch event {
        case .request(let envelope, let body):
            handleRequest(envelope: envelope, body: body, connection: connection)
        case .published(let message):
            handleBroadcast(message)
        }
    }

    private func handleRequest(envelope: [Frame], body: [Frame], connection: AgentConnection) {
        let request: AgentRequest
        do {
            request = try AgentRequest(body: body)
        } catch {
            logger.warning("answered an unreadable request with an error: \(error)")
            let answer = HelpAnswer(id: "", from: settings.name, answer: "\(settings.name) cannot read this request: \(error)", ok: false)
            connection.reply(.final(envelope: envelope, body: [JSONWire.encode(answer)]))
            return
        }
        switch request {
        case .assignment(let assignment):
            startTask(assignment, envelope: envelope, connection: connection)
        case .cancel(let cancellation):
            if running.cancel(cancellation.taskID, attempt: cancellation.attempt) {
                logger.info("cancelling task \(cancellation.taskID)\(cancellation.reason.map { ": \($0)" } ?? "")")
            }
        case .help(let question):
            let responder = helpResponder
            let executor = executor
            let logger = logger
            Task {
                logger.info("\(question.from) asks \(question.specialty): \(question.question.prefix(120))")
                await executor.fireHook(HookEvent(event: .collaborationRequest, message: question.question,
                                                  data: ["from": question.from, "request_id": question.id]))
                let answer = await responder.answer(question)
                connection.reply(.final(envelope: envelope, body: [JSONWire.encode(answer)]))
            }
        }
    }

    private func startTask(_ assignment: TaskAssignment, envelope: [Frame], connection: AgentConnection) {
        let agent = settings.name
        let executor = executor
        let running = running
        let board = board
        if running.count >= bus.maxConcurrentTasks, !running.contains(assignment.taskID) {
            let result = TaskResult(outcome: .failed, summary: "\(agent) is already running \(running.count) task(s), its limit",
                                    error: "agent at capacity")
            connection.reply(.final(envelope: envelope, body: [JSONWire.encode(TaskCompletion(taskID: assignment.taskID, attempt: assignment.attempt, agent: agent, result: result))]))
            return
        }
        let started = running.start(assignment.taskID, attempt: assignment.attempt) {
            let result = await executor.execute(assignment) { update in
                connection.reply(.partial(envelope: envelope, body: [JSONWire.encode(update)]))
            }
            running.remove(assignment.taskID)
            board.recordResult(result, now: Date())
            // A task stopped by shutdown is not over: the broker requeues it.
            guard !(running.resultsSuppressed && result.outcome == .cancelled) else { return }
            let completion = TaskCompletion(taskID: assignment.taskID, attempt: assignment.attempt, agent: agent, result: result)
            connection.reply(.final(envelope: envelope, body: [JSONWire.encode(completion)]))
        }
        if !started {
            logger.info("task \(assignment.taskID) is already running here; ignored the repeated assignment")
        }
    }

    private func handleBroadcast(_ message: PublishedMessage) {
        guard message.topic.hasPrefix("broadcast."), let broadcast = try? JSONWire.decode(Broadcast.self, from: message.body) else { return }
        let executor = executor
        // The bridge forwards GitHub events that start no task as broadcasts from
        // "github" whose message is a JSON summary with a `github_event` member.
        if broadcast.from == "github", let summary = GitHubEventBroadcast(message: broadcast.message) {
            logger.info("GitHub event \(summary.event) forwarded by the bridge")
            Task {
                await executor.fireHook(HookEvent(event: .githubEvent, at: broadcast.sentAt, message: broadcast.message,
                                                  data: summary.fields))
            }
            return
        }
        logger.info("broadcast from \(broadcast.from): \(broadcast.message.prefix(200))")
        Task {
            await executor.fireHook(HookEvent(event: .agentMessage, at: broadcast.sentAt, message: broadcast.message,
                                              data: ["from": broadcast.from, "topic": message.topic]))
        }
    }

    /// Samples the process tree each heartbeat interval and sends it with heartbeats;
    /// over a limit, fires on-resource-limit (once per crossing) and flags the load so the
    /// broker raises an alert.
    private func reportLoad(to connection: AgentConnection) async {
        var sampler = ProcessTreeSampler()
        let policy = ResourceLimitPolicy(maxCPUPercent: bus.maxCPUPercent, maxResidentBytes: bus.maxMemoryBytes.map { UInt64($0) })
        var wasOver = false
        while !Task.isCancelled {
            let sample = sampler.sample(at: .now)
            let breaches = policy.breaches(in: sample)
            let load = AgentLoad(
                runningTaskIDs: running.ids, cpuPercent: sample.cpuPercent, rssBytes: Int(sample.residentBytes),
                overCPULimit: breaches.contains { $0.resource == "cpu" },
                overMemoryLimit: breaches.contains { $0.resource == "memory" })
            connection.updateLoad(load)
            board.recordLoad(cpuPercent: sample.cpuPercent, memoryBytes: Int(sample.residentBytes))
            if !breaches.isEmpty, !wasOver {
                let text = breaches.map(\.description).joined(separator: "; ")
                logger.warning("over a resource limit: \(text)")
                await executor.fireHook(HookEvent(event: .resourceLimit, message: text))
            }
            wasOver = !breaches.isEmpty
            try? await Task.sleep(for: bus.heartbeatInterval)
        }
    }
}
