import ClusterHarness
import Foundation

/// The HA run's journal: a database on a throwaway PostgreSQL server, read back with `psql`
/// once the brokers have stopped.
struct ThrowawayHADatabase: HADatabase {
    let server: PostgresServer
    let name: String
    let passwordFile: URL

    static func make(on server: PostgresServer) async throws -> ThrowawayHADatabase {
        let name = "ha_bench"
        _ = try await server.createDatabase(name)
        let passwordFile = server.folder.appendingPathComponent("journal-password")
        try Data(server.password.utf8).write(to: passwordFile)
        // The broker refuses a password file others can read.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
        return ThrowawayHADatabase(server: server, name: name, passwordFile: passwordFile)
    }

    var journalYAML: String {
        """
            url: \(server.url(database: name))
            password_file: \(passwordFile.path)
        """
    }

    func audit(ids: [String], unacknowledgedKeys: [String]) async throws -> JournalAudit.Findings {
        var findings = JournalAudit.Findings()
        let tasks = try await rows("SELECT id, state, coalesce(idempotency_key, '') FROM tasks")
        var stateByID: [String: String] = [:]
        var idByKey: [String: String] = [:]
        for row in tasks where row.count == 3 {
            stateByID[row[0]] = row[1]
            if !row[2].isEmpty { idByKey[row[2]] = row[0] }
        }
        var resultCount: [String: Int] = [:]
        var resultText: [String: String] = [:]
        for row in try await rows("SELECT task_id, result::text FROM results") where row.count == 2 {
            resultCount[row[0], default: 0] += 1
            resultText[row[0]] = row[1]
        }
        var markerByID: [String: String] = [:]
        for (key, id) in idByKey where key.hasPrefix("ha-") {
            if let index = Int(key.dropFirst(3)) { markerByID[id] = HASuite.marker(index) }
        }
        var all = ids
        for key in unacknowledgedKeys {
            if let id = idByKey[key] {
                all.append(id)
                findings.storedUnacknowledged += 1
            }
        }
        for id in all {
            guard let state = stateByID[id], ["succeeded", "failed", "timed_out", "cancelled", "dead_lettered"].contains(state) else {
                findings.lost.append(id)
                continue
            }
            findings.finished += 1
            if state == "succeeded" {
                findings.succeeded += 1
            } else {
                findings.notSucceeded.append("\(id): \(state)")
            }
            let count = resultCount[id, default: 0]
            if count > 1 { findings.recordedTwice.append(id) }
            if count == 0 { findings.missingResult.append(id) }
            if state == "succeeded", let marker = markerByID[id], let text = resultText[id], !text.contains(marker) {
                findings.mismatched.append("\(id): \(text.prefix(120))")
            }
        }
        return findings
    }

    /// Rows of a query, fields split on `|` (psql's unaligned output).
    private func rows(_ query: String) async throws -> [[String]] {
        let output = try await server.sql(query, database: name)
        return output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }
}
