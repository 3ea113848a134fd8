import Foundation
import Yams

/// Reads, interpolates, parses and validates a cluster configuration file.
public enum ConfigurationLoader {
    /// Loads `path`, with `${VAR}` references taken from `environment`.
    public static func load(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> ClusterConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, problem: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(text, file: path, environment: environment)
    }

    /// Parses configuration text; `file` only names the source in errors.
    public static func parse(
        _ rawText: String,
        file: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> ClusterConfiguration {
        let text: String
        do throws(EnvironmentInterpolation.Failure) {
            text = try EnvironmentInterpolation.apply(to: rawText, environment: environment)
        } catch {
            switch error {
            case .unsetVariable(let name, let line):
                throw ConfigurationError(file: file, problem: "line \(line): environment variable \(name) is not set (write ${\(name):-default} to allow a default)")
            case .unterminated(let line):
                throw ConfigurationError(file: file, problem: "line \(line): '${' without a closing '}'")
            }
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(file: file, problem: "is not valid YAML: \(error)")
        }
        let configuration: ClusterConfiguration
        do {
            let completed = try complete(node ?? Node([(Node, Node)]()), against: .cluster, path: "", file: file)
            configuration = try YAMLDecoder().decode(ClusterConfiguration.self, from: completed)
        } catch let error as ConfigurationError {
            throw error
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch {
            throw ConfigurationError(file: file, problem: "\(error)")
        }
        try ConfigurationValidator.validate(configuration, file: file)
        return configuration
    }

    /// Checks every key against `schema` and fills what a section leaves out (or leaves
    /// empty) from its defaults, so the decoded types need no hand-written decoders.
    private static func complete(_ node: Node, against schema: ConfigurationSchema, path: String, file: String) throws -> Node {
        switch (schema, node) {
        case (.object(let fields, let defaults), .mapping(let mapping)):
            var completed = Node.Mapping([])
            for (keyNode, valueNode) in mapping {
                let key = keyNode.string ?? "\(keyNode)"
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard let child = fields[key] else {
                    let known = fields.keys.sorted().joined(separator: ", ")
                    throw ConfigurationError(file: file, key: childPath, problem: "unknown key (expected one of: \(known))")
                }
                if defaults != nil && isEmpty(valueNode) { continue }
                completed[key] = try complete(valueNode, against: child, path: childPath, file: file)
            }
            if let defaults, case .mapping(let defaultValues)? = try Yams.compose(yaml: YAMLEncoder().encode(defaults)) {
                for (keyNode, valueNode) in defaultValues where completed[keyNode] == nil {
                    completed[keyNode] = valueNode
                }
            }
            return .mapping(completed)
        case (.list(let element), .sequence(let sequence)):
            var items: [Node] = []
            for (index, item) in sequence.enumerated() {
                items.append(try complete(item, against: element, path: "\(path)[\(index)]", file: file))
            }
            return Node(items)
        default:
            // Type mismatches are reported by the decoder with a clearer message.
            return node
        }
    }

    /// `key:`, `key: null` and `key: ""` all mean "not set".
    private static func isEmpty(_ node: Node) -> Bool {
        node.null != nil || node.scalar?.string == ""
    }

    private static func describe(_ error: DecodingError, file: String) -> ConfigurationError {
        func dotted(_ path: [any CodingKey]) -> String {
            path.reduce(into: "") { result, key in
                if let index = key.intValue {
                    result += "[\(index)]"
                } else {
                    result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return ConfigurationError(file: file, key: dotted(context.codingPath), problem: "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return ConfigurationError(file: file, key: dotted(context.codingPath), problem: "is empty; expected \(describe(type))")
        case .keyNotFound(let key, let context):
            return ConfigurationError(file: file, key: dotted(context.codingPath + [key]), problem: "is required")
        case .dataCorrupted(let context):
            return ConfigurationError(file: file, key: dotted(context.codingPath), problem: context.debugDescription)
        @unknown default:
            return ConfigurationError(file: file, problem: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "a string"
        case is [String].Type: "a list of strings"
        default: "a value of type \(type)"
        }
    }
}
