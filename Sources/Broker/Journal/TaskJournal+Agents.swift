import Foundation
import GRDB
import Wire

extension TaskJournal {
    /// The operators' pauses of agents, by lowercased agent name: what a starting broker
    /// takes back.
    func agentPauses() throws(JournalError) -> [String: OperatorPause] {
        try read("the agent pauses") { db in
            var pauses: [String: OperatorPause] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT agent_key, agent, drain, since FROM agent_pauses")
            while let row = try rows.next() {
                pauses[try row.decode(String.self, atIndex: 0)] = OperatorPause(
                    agent: try row.decode(String.self, atIndex: 1), drain: try row.decode(Bool.self, atIndex: 2),
                    since: Date(journalSeconds: try row.decode(Double.self, atIndex: 3)))
            }
            return pauses
        }
    }

    /// The agent's last finished tasks, newest first (by when they ended).
    func recentTasks(ofAgent agent: String, limit: Int) throws(JournalError) -> [TaskRecord] {
        try read("the recent tasks of agent \(agent)") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT record FROM tasks INDEXED BY tasks_agent_finished
                WHERE agent = ? AND terminal = 1 ORDER BY updated_at DESC LIMIT ?
                """)
            return try String.fetchAll(statement, arguments: [agent, limit]).map { try decodeRecord($0) }
        }
    }

    /// What every attempt the agent ran cost, in US dollars (0 when none reported one).
    func totalCost(ofAgent agent: String) throws(JournalError) -> Double {
        try read("the cost of agent \(agent)") { db in
            let statement = try db.cachedStatement(sql: "SELECT TOTAL(cost_usd) FROM attempts WHERE agent = ?")
            return try Double.fetchOne(statement, arguments: [agent]) ?? 0
        }
    }
}
