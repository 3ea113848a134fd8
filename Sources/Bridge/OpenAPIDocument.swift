/// The OpenAPI 3.1 description of every endpoint, served at `GET /openapi.yaml`.
///
/// Kept by hand next to the routes; a test compares its `paths` with the router's.
enum OpenAPIDocument {
    /// The document, with the bridge's version filled in.
    static func yaml(version: String) -> String {
        template.replacing("{{VERSION}}", with: version)
    }

    private static let template = #"""
openapi: 3.1.0
info:
  title: Claude Code Cluster bridge
  version: "{{VERSION}}"
  summary: The HTTP face of the cluster. Tasks, agents, broadcasts, GitHub webhooks.
  description: |
    Every endpoint but /health, /ui and /webhook requires `Authorization: Bearer <token>`
    when the bridge has a token configured. /webhook authenticates GitHub deliveries by
    their X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the webhook secret), and
    the original's {type, source, data} messages by that signature or the bearer token.
    Errors are RFC 9457 problem documents (application/problem+json). A method a path
    does not take is answered 405 with an Allow header listing the ones it does.
  license:
    name: MIT
servers:
  - url: http://127.0.0.1:8888
security:
  - bearerAuth: []
tags:
  - name: service
  - name: tasks
  - name: agents
  - name: webhooks
paths:
  /:
    get:
      tags: [service]
      operationId: getIndex
      summary: Service name, version, agents summary and endpoint list
      responses:
        "200":
          description: What this service is
          content:
            application/json:
              schema: { $ref: "#/components/schemas/ServiceIndex" }
        "401": { $ref: "#/components/responses/Unauthorized" }
  /health:
    get:
      tags: [service]
      operationId: getHealth
      summary: Whether the broker answers within a second
      security: []
      responses:
        "200":
          description: The bridge and the broker are up
          content:
            application/json:
              schema: { $ref: "#/components/schemas/HealthReport" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /agents/status:
    get:
      tags: [agents]
      operationId: getAgentsStatus
      summary: Every agent with its state, heartbeat, running tasks and load
      responses:
        "200":
          description: The agents the broker knows
          content:
            application/json:
              schema: { $ref: "#/components/schemas/AgentsReport" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /task:
    post:
      tags: [tasks]
      operationId: submitTask
      summary: Submit a task
      description: |
        Takes the original cluster's task JSON. Only `title` or `description` is required.
        The task is durable once this answers. The same Idempotency-Key returns the same task.
        A description and requirements over 512 KiB (524288 bytes of UTF-8) together are
        refused with 413, whatever the body limit.
      parameters:
        - $ref: "#/components/parameters/IdempotencyKey"
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/TaskSpec" }
      responses:
        "202":
          description: Accepted; follow the links
          headers:
            Location:
              description: The task's URL
              schema: { type: string }
          content:
            application/json:
              schema: { $ref: "#/components/schemas/TaskAccepted" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "413": { $ref: "#/components/responses/TooLarge" }
        "415": { $ref: "#/components/responses/UnsupportedMediaType" }
        "422": { $ref: "#/components/responses/Unprocessable" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /broadcast:
    post:
      tags: [agents]
      operationId: broadcast
      summary: Send a message to all agents, a specialty, or named agents
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/BroadcastRequest" }
      responses:
        "202":
          description: Published to the agents the target matched
          content:
            application/json:
              schema: { $ref: "#/components/schemas/BroadcastSent" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "413": { $ref: "#/components/responses/TooLarge" }
        "415": { $ref: "#/components/responses/UnsupportedMediaType" }
        "422": { $ref: "#/components/responses/Unprocessable" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /accounts/{name}/resume:
    post:
      tags: [agents]
      operationId: resumeAccount
      summary: Send work again to the agents of an account paused by a usage limit
      description: |
        An account (its agents' `account` setting, or an agent's own name) whose runner hit
        a usage limit is paused until the limit resets. This lifts the pause now: what an
        operator does when `broker.usage_limits.auto_resume` is false, or to resume early.
      parameters:
        - name: name
          in: path
          required: true
          description: The account, matched without regard to case.
          schema: { type: string }
      responses:
        "200":
          description: The pause that was lifted
          content:
            application/json:
              schema: { $ref: "#/components/schemas/AccountPause" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /webhook:
    post:
      tags: [webhooks]
      operationId: webhook
      summary: GitHub deliveries and the original's messages
      description: |
        With X-GitHub-Event, a GitHub delivery, checked against X-Hub-Signature-256 and
        deduplicated by X-GitHub-Delivery. `ping` is answered. A routing label (cc01..ccNN or
        a specialty), an opened issue or a new comment mentioning the trigger phrase
        (default @claude) from a trusted author (OWNER, MEMBER, COLLABORATOR or allow-listed)
        starts a task. Other events are broadcast to agents. Without X-GitHub-Event, the
        original's {type, source, data} message. Message types broadcast, agent_message,
        message and notification are broadcast. Others are tasks.
      security:
        - {}
        - bearerAuth: []
      parameters:
        - name: X-GitHub-Event
          in: header
          schema: { type: string }
        - name: X-GitHub-Delivery
          in: header
          schema: { type: string }
        - name: X-Hub-Signature-256
          in: header
          description: sha256=<hex HMAC-SHA256 of the raw body>
          schema: { type: string, pattern: "^sha256=[0-9a-fA-F]{64}$" }
        - $ref: "#/components/parameters/IdempotencyKey"
      requestBody:
        required: true
        content:
          application/json:
            schema:
              anyOf:
                - { $ref: "#/components/schemas/LegacyMessage" }
                - { type: object, description: A GitHub webhook payload }
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                payload: { type: string, contentMediaType: application/json, description: The JSON payload GitHub would otherwise send as the body }
              required: [payload]
      responses:
        "200":
          description: Answered without new work (ping, ignored, or a repeated delivery)
          content:
            application/json:
              schema: { $ref: "#/components/schemas/WebhookAnswer" }
        "202":
          description: A task was submitted or the event broadcast
          content:
            application/json:
              schema: { $ref: "#/components/schemas/WebhookAnswer" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "413": { $ref: "#/components/responses/TooLarge" }
        "415": { $ref: "#/components/responses/UnsupportedMediaType" }
        "422": { $ref: "#/components/responses/Unprocessable" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /tasks:
    get:
      tags: [tasks]
      operationId: listTasks
      summary: List tasks, newest first
      parameters:
        - name: state
          in: query
          description: Repeat it or give a comma list
          style: form
          explode: true
          schema:
            type: array
            items: { $ref: "#/components/schemas/TaskState" }
        - name: agent
          in: query
          schema: { type: string }
        - name: source
          in: query
          schema: { $ref: "#/components/schemas/TaskSource" }
        - name: limit
          in: query
          schema: { type: integer, minimum: 1, maximum: 500, default: 50 }
        - name: cursor
          in: query
          description: next_cursor of the previous page. One this cluster did not issue is a 400.
          schema: { type: string }
      responses:
        "200":
          description: One page
          content:
            application/json:
              schema: { $ref: "#/components/schemas/TaskPage" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /tasks/{id}:
    parameters:
      - $ref: "#/components/parameters/TaskID"
    get:
      tags: [tasks]
      operationId: getTask
      summary: One task and its recent progress
      responses:
        "200":
          description: The task
          content:
            application/json:
              schema: { $ref: "#/components/schemas/TaskDetail" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "503": { $ref: "#/components/responses/Unavailable" }
    delete:
      tags: [tasks]
      operationId: cancelTask
      summary: Cancel a task
      responses:
        "200":
          description: The task after cancelling
          content:
            application/json:
              schema: { $ref: "#/components/schemas/TaskRecord" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "409": { $ref: "#/components/responses/Conflict" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /tasks/{id}/events:
    parameters:
      - $ref: "#/components/parameters/TaskID"
    get:
      tags: [tasks]
      operationId: streamTaskEvents
      summary: Server-sent events for one task
      description: |
        Opens with `event: state` (the task now), then live `state` and `progress` events.
        After a terminal state, one `event: result` and the stream ends. Each event has an
        `id:` line and a JSON `data:` line. A `: keep-alive` comment comes every 15 seconds.
      responses:
        "200":
          description: The event stream
          content:
            text/event-stream:
              schema:
                type: object
                description: One event; `data` is the JSON of a TaskRecord (state), a ProgressUpdate (progress) or the result
                properties:
                  id: { type: string }
                  event: { type: string, enum: [state, progress, result] }
                  data: { type: string }
                required: [id, event, data]
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /tasks/{id}/log:
    parameters:
      - $ref: "#/components/parameters/TaskID"
    get:
      tags: [tasks]
      operationId: getTaskLog
      summary: The transcript of the task's last attempt
      responses:
        "200":
          description: The transcript
          content:
            text/plain:
              schema: { type: string }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /metrics:
    get:
      tags: [service]
      operationId: getMetrics
      summary: Prometheus metrics of the broker and the bridge (text format 0.0.4)
      responses:
        "200":
          description: The metrics. cluster_bridge_broker_up is 0 when the broker could not be asked.
          content:
            text/plain:
              schema: { type: string }
        "401": { $ref: "#/components/responses/Unauthorized" }
  /openapi.yaml:
    get:
      tags: [service]
      operationId: getOpenAPI
      summary: This document
      responses:
        "200":
          description: OpenAPI 3.1 in YAML
          content:
            application/yaml:
              schema: { type: object, description: This document }
        "401": { $ref: "#/components/responses/Unauthorized" }
  /ui:
    get:
      tags: [service]
      operationId: getStatusPage
      summary: A status page (static HTML. Its script calls the API with the token you enter)
      security: []
      responses:
        "200":
          description: The page
          content:
            text/html:
              schema: { type: string }
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
  parameters:
    TaskID:
      name: id
      in: path
      required: true
      schema: { type: string }
    IdempotencyKey:
      name: Idempotency-Key
      in: header
      description: Submissions with the same key are one task
      schema: { type: string }
  responses:
    BadRequest:
      description: The request cannot be read
      content:
        application/problem+json:
          schema: { $ref: "#/components/schemas/Problem" }
    Unauthorized:
      description: Missing or wrong token or signature
      headers:
        WWW-Authenticate:
          schema: { type: string }
      content:
        application/problem+json:
          schema: { $ref: "#/components/schemas/Problem" }
    NotFound:
      description: No such task
      content:
        application/problem+json:
          schema: { $ref: "#/components/schemas/Problem" }
    Conflict:
      description: The task has already finished
      content:
        application/problem+json:
          schema: { $ref: "#/components/schemas/Problem" }
    TooLarge:
      description: The body is over the limit (25 MB for /webhook, 1 MB elsewhere by default), or a task's description is over 512 KiB
      content:
        application/problem+json:
          schema: { $ref: "#/components/schemas/Problem" }
    UnsupportedMediaType:
      description: The body is not of a type this endpoint reads
      content:
        application/problem+json:
          schema: { $ref: "#/components/schemas/Problem" }
    Unprocessable:
      description: Well-formed but unusable content
      content:
        application/problem+json:
          schema: { $ref: "#/components/schemas/Problem" }
    Unavailable:
      description: The broker could not be reached over the bus, or did not answer in time
      content:
        application/problem+json:
          schema: { $ref: "#/components/schemas/Problem" }
  schemas:
    Problem:
      type: object
      description: RFC 9457 problem details
      properties:
        type: { type: string }
        title: { type: string }
        status: { type: integer }
        detail: { type: string }
        instance: { type: string }
      required: [type, title, status, detail]
    TaskState:
      type: string
      enum: [queued, assigned, running, retrying, succeeded, failed, timed_out, cancelled, dead_lettered]
    TaskSource:
      type: string
      enum: [api, cli, github, agent]
    TaskPriority:
      type: string
      enum: [low, normal, high, urgent]
    TaskSpec:
      type: object
      description: |
        Needs a title or a description; each one given must not be blank. A missing title is
        the start of the description, a missing description the title. The other fields have
        defaults; an optional member that is null counts as absent.
      properties:
        title: { $ref: "#/components/schemas/NonBlankText" }
        description:
          $ref: "#/components/schemas/NonBlankText"
          description: "The instructions; with requirements at most 512 KiB of UTF-8"
        type: { type: [string, "null"], default: general }
        priority:
          oneOf:
            - { $ref: "#/components/schemas/TaskPriority" }
            - { type: "null" }
        requirements: { type: [array, "null"], items: { type: string } }
        labels: { type: [array, "null"], items: { type: string } }
        target: { type: [string, "null"], description: An agent name (CC01) or a specialty (backend) }
        repository: { type: [string, "null"] }
        issue_url: { type: [string, "null"] }
        source:
          oneOf:
            - { $ref: "#/components/schemas/TaskSource" }
            - { type: "null" }
        idempotency_key: { type: [string, "null"] }
        timeout_seconds: { type: [number, "null"] }
        max_attempts: { type: [integer, "null"] }
        metadata: { type: [object, "null"], additionalProperties: { type: string } }
        parent:
          type: [string, "null"]
          description: >-
            The id of a task this one follows up. The follow-up continues that task's branch
            and pull request, goes to its agent while that agent is connected (else to its
            specialty), and resumes its Claude Code session where the agent still has it.
      anyOf:
        - required: [title]
        - required: [description]
    NonBlankText:
      type: string
      description: Text with at least one character that is not Unicode White_Space.
      pattern: '[^\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]'
    TaskResult:
      type: object
      properties:
        outcome: { type: string, enum: [succeeded, failed, timed_out, cancelled] }
        summary: { type: string }
        pr_url: { type: string }
        branch: { type: string }
        changed_files: { type: boolean }
        cost_usd: { type: number }
        duration_ms: { type: integer }
        turns: { type: integer }
        session_id: { type: string }
        model: { type: string }
        usage: { $ref: "#/components/schemas/TokenUsage" }
        exit_status: { type: integer }
        error: { type: string }
        transcript: { type: string }
      required: [outcome, summary, changed_files]
    TaskRecord:
      type: object
      properties:
        id: { type: string }
        spec: { $ref: "#/components/schemas/TaskSpec" }
        state: { $ref: "#/components/schemas/TaskState" }
        attempts: { type: integer }
        max_attempts: { type: integer }
        agent: { type: string }
        specialty: { type: string }
        created_at: { type: string, format: date-time }
        updated_at: { type: string, format: date-time }
        started_at: { type: string, format: date-time }
        finished_at: { type: string, format: date-time }
        not_before: { type: string, format: date-time }
        result: { $ref: "#/components/schemas/TaskResult" }
        error: { type: string }
        total_cost_usd: { type: number, description: What every finished attempt cost, in US dollars }
        total_usage: { $ref: "#/components/schemas/TokenUsage" }
      required: [id, spec, state, attempts, max_attempts, created_at, updated_at]
    TokenUsage:
      type: object
      properties:
        input_tokens: { type: integer }
        output_tokens: { type: integer }
        cache_read_input_tokens: { type: integer }
        cache_creation_input_tokens: { type: integer }
    ProgressUpdate:
      type: object
      properties:
        v: { type: integer }
        task_id: { type: string }
        attempt: { type: integer }
        sequence: { type: integer }
        kind: { type: string, enum: [started, text, tool_use, tool_result, output, step] }
        message: { type: string }
        at: { type: string, format: date-time }
      required: [task_id, attempt, sequence, kind, message, at]
    TaskDetail:
      type: object
      properties:
        task: { $ref: "#/components/schemas/TaskRecord" }
        progress: { type: array, items: { $ref: "#/components/schemas/ProgressUpdate" } }
        attempts: { type: array, items: { $ref: "#/components/schemas/TaskAttempt" } }
      required: [task, progress]
    TaskAttempt:
      type: object
      description: One finished attempt as the broker booked it.
      properties:
        attempt: { type: integer }
        agent: { type: string }
        outcome: { type: string }
        cost_usd: { type: number }
        usage: { $ref: "#/components/schemas/TokenUsage" }
        turns: { type: integer }
        duration_ms: { type: integer }
        model: { type: string }
        session_id: { type: string }
        branch: { type: string }
        ended_at: { type: string, format: date-time }
      required: [attempt, outcome, ended_at]
    TaskPage:
      type: object
      properties:
        tasks: { type: array, items: { $ref: "#/components/schemas/TaskRecord" } }
        next_cursor: { type: string, description: Absent on the last page }
      required: [tasks]
    TaskLinks:
      type: object
      properties:
        self: { type: string }
        events: { type: string }
        log: { type: string }
      required: [self, events, log]
    TaskAccepted:
      type: object
      properties:
        task_id: { type: string }
        state: { $ref: "#/components/schemas/TaskState" }
        agent: { type: string, description: Present once an agent is known }
        links: { $ref: "#/components/schemas/TaskLinks" }
      required: [task_id, state, links]
    AgentLoad:
      type: object
      properties:
        running_task_ids: { type: array, items: { type: string } }
        cpu_percent: { type: number }
        rss_bytes: { type: integer }
        over_cpu_limit: { type: boolean }
        over_memory_limit: { type: boolean }
    AgentStatus:
      type: object
      properties:
        name: { type: string }
        specialty: { type: string }
        specialties: { type: array, items: { type: string } }
        state: { type: string, enum: [healthy, busy, offline] }
        last_heartbeat: { type: string, format: date-time }
        running_tasks: { type: array, items: { type: string } }
        capacity: { type: integer }
        load: { $ref: "#/components/schemas/AgentLoad" }
        runner_problem: { type: string }
        version: { type: string }
        host: { type: string }
        cluster_agent: { type: boolean }
        cost_usd: { type: number, description: What this agent's runs reported costing since the broker started }
        account: { type: string, description: "The account the agent's runner uses (agents of one account share usage limits)" }
        limited_until: { type: string, format: date-time, description: "Set while the account is paused by a usage limit" }
        limit_kind: { type: string, examples: [five_hour, seven_day] }
      required: [name, specialty, state, running_tasks, capacity]
    AccountPause:
      type: object
      properties:
        account: { type: string }
        kind: { type: string, examples: [five_hour] }
        limited_until: { type: string, format: date-time }
        agents: { type: array, items: { type: string } }
      required: [account, kind, limited_until, agents]
    AgentCounts:
      type: object
      properties:
        total: { type: integer }
        healthy: { type: integer }
        busy: { type: integer }
        offline: { type: integer }
      required: [total, healthy, busy, offline]
    AgentsReport:
      type: object
      properties:
        agents: { type: array, items: { $ref: "#/components/schemas/AgentStatus" } }
        counts: { $ref: "#/components/schemas/AgentCounts" }
      required: [agents, counts]
    RouterInfo:
      type: object
      properties:
        version: { type: string }
        started_at: { type: string, format: date-time }
        uptime_seconds: { type: number }
        router_endpoints: { type: array, items: { type: string } }
        publisher_endpoints: { type: array, items: { type: string } }
        agents: { type: integer }
        plain_workers: { type: integer }
        tasks_by_state: { type: object, additionalProperties: { type: integer } }
        requests_in_flight: { type: integer }
        invalid_messages: { type: integer }
    HealthReport:
      type: object
      properties:
        status: { type: string, const: ok }
        bridge:
          type: object
          properties:
            version: { type: string }
        broker: { $ref: "#/components/schemas/RouterInfo" }
      required: [status, bridge, broker]
    ServiceIndex:
      type: object
      properties:
        service: { type: string, const: claude-code-cluster }
        version: { type: string }
        broker:
          type: object
          properties:
            reachable: { type: boolean }
            error: { type: string }
        agents: { $ref: "#/components/schemas/AgentCounts" }
        endpoints:
          type: object
          description: '"METHOD /path" to what it does'
          additionalProperties: { type: string }
      required: [service, version, endpoints]
    BroadcastRequest:
      type: object
      description: |
        `to` is "all" (the default), an agent (cc01), a specialty (frontend) or a list of
        agent names; null means "all". A body without `message` (the original's free-form
        JSON) is broadcast as its JSON text, which must not be blank either.
      properties:
        message: { $ref: "#/components/schemas/NonBlankText" }
        to:
          oneOf:
            - { type: string }
            - { type: array, items: { type: string } }
            - { type: "null" }
        from: { type: string }
    BroadcastTarget:
      type: object
      properties:
        kind: { type: string, enum: [all, specialties, agents] }
        names: { type: array, items: { type: string } }
      required: [kind]
    BroadcastSent:
      type: object
      properties:
        status: { type: string, const: sent }
        recipients: { type: integer }
        target: { $ref: "#/components/schemas/BroadcastTarget" }
      required: [status, recipients, target]
    LegacyMessage:
      type: object
      description: The original cluster's webhook message
      properties:
        type: { type: string, examples: [task, agent_message, broadcast] }
        source: { type: string }
        target:
          oneOf:
            - { type: string }
            - { type: array, items: { type: string } }
        data: { type: object }
    WebhookAnswer:
      type: object
      description: Only the members that apply are present
      properties:
        task_id: { type: string }
        state: { $ref: "#/components/schemas/TaskState" }
        agent: { type: string }
        links: { $ref: "#/components/schemas/TaskLinks" }
        ignored: { type: string, description: Why nothing was done }
        pong: { type: boolean }
        zen: { type: string }
        broadcast: { type: boolean }
        recipients: { type: integer }
        delivery: { type: string }
        duplicate: { type: boolean, description: A repeat of a delivery already handled }
"""#
}
