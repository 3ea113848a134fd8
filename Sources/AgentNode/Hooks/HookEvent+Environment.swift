import Foundation

extension HookEvent {
    /// Longest value put in one environment variable; the JSON on stdin has everything.
    static let maxEnvironmentValue = 4096

    /// The `CLUSTER_*` variables a hook gets. Unset fields give no variable.
    ///
    /// `CLUSTER_EVENT`, `CLUSTER_AGENT`, `CLUSTER_SPECIALTY`, `CLUSTER_AT`; for task events
    /// `CLUSTER_TASK_ID`, `CLUSTER_TASK_ATTEMPT`, `CLUSTER_TASK_TITLE`, `CLUSTER_TASK_TYPE`,
    /// `CLUSTER_TASK_PRIORITY`, `CLUSTER_TASK_SOURCE`, `CLUSTER_TASK_ISSUE_URL`; for progress
    /// `CLUSTER_PROGRESS_KIND`, `CLUSTER_PROGRESS_SEQUENCE`, `CLUSTER_PROGRESS_MESSAGE`; for
    /// results `CLUSTER_OUTCOME`, `CLUSTER_SUMMARY`, `CLUSTER_ERROR`, `CLUSTER_PR_URL`,
    /// `CLUSTER_BRANCH`, `CLUSTER_COST_USD`; `CLUSTER_MESSAGE`; and `CLUSTER_DATA_<KEY>` per
    /// data entry (key upper-cased, other characters as `_`).
    var environment: [String: String] {
        var values: [String: String] = [
            "CLUSTER_EVENT": event.rawValue,
            "CLUSTER_AGENT": agent,
            "CLUSTER_SPECIALTY": specialty,
            "CLUSTER_AT": ISO8601DateFormatter().string(from: at),
        ]
        if let task {
            values["CLUSTER_TASK_ID"] = task.id
            values["CLUSTER_TASK_ATTEMPT"] = String(task.attempt)
            values["CLUSTER_TASK_TITLE"] = task.spec.title
            values["CLUSTER_TASK_TYPE"] = task.spec.type
            values["CLUSTER_TASK_PRIORITY"] = task.spec.priority.rawValue
            values["CLUSTER_TASK_SOURCE"] = task.spec.source.rawValue
            values["CLUSTER_TASK_ISSUE_URL"] = task.spec.issueURL
        }
        if let progress {
            values["CLUSTER_PROGRESS_KIND"] = progress.kind.rawValue
            values["CLUSTER_PROGRESS_SEQUENCE"] = String(progress.sequence)
            values["CLUSTER_PROGRESS_MESSAGE"] = progress.message
        }
        if let result {
            values["CLUSTER_OUTCOME"] = result.outcome.rawValue
            values["CLUSTER_SUMMARY"] = result.summary
            values["CLUSTER_ERROR"] = result.error
            values["CLUSTER_PR_URL"] = result.pullRequestURL
            values["CLUSTER_BRANCH"] = result.branch
            values["CLUSTER_COST_USD"] = result.costUSD.map { String($0) }
        }
        values["CLUSTER_MESSAGE"] = message
        for (key, value) in data {
            values["CLUSTER_DATA_" + Self.environmentKey(key)] = value
        }
        return values.mapValues(Self.environmentValue)
    }

    static func environmentKey(_ key: String) -> String {
        String(key.uppercased().unicodeScalars.map { scalar -> Character in
            let allowed = (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
            return allowed ? Character(scalar) : "_"
        })
    }

    /// NUL cannot travel in the environment; very long values are cut.
    static func environmentValue(_ value: String) -> String {
        var clean = value.replacingOccurrences(of: "\0", with: "")
        if clean.utf8.count > maxEnvironmentValue {
            clean = String(decoding: clean.utf8.prefix(maxEnvironmentValue - 3), as: UTF8.self) + "…"
        }
        return clean
    }
}
