import Foundation
import TestSupport
import Testing
import Wire
@testable import Broker
@testable import ClusterRuntime

/// Key files, the keys directory checks, and how each role finds its keys.
@Suite struct SecurityKeyTests {
    static func temporaryDirectory() throws -> String {
        let url = try TestEnvironment.temporaryDirectory("keys-test")
        chmod(url.path, 0o700)
        return url.path
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int ?? -1) & 0o777
    }

    static func curveConfiguration(keys: String, brokerPublicKey: String? = nil) -> ClusterConfiguration {
        modified(ClusterConfiguration()) { $0.security.curve = true; $0.security.keysDir = keys; $0.security.brokerPublicKey = brokerPublicKey }
    }

    @Test func keygenWritesASecretOnlyItsOwnerCanRead() throws {
        let root = try Self.temporaryDirectory()
        let directory = "\(root)/keys"
        let previous = umask(0)  // the secret must be 0600 whatever the umask
        defer { umask(previous) }
        let pair = try KeyFiles.generate(name: "CC01", in: directory)
        #expect(Self.mode(directory) == 0o700)
        #expect(Self.mode("\(directory)/CC01.key") == 0o600)
        #expect(Self.mode("\(directory)/CC01.pub") == 0o644)
        #expect(try KeyFiles.readKeyPair(name: "CC01", in: directory) == pair)
        #expect(try KeyFiles.readKey(at: "\(directory)/CC01.pub") == pair.publicKey)
        #expect(throws: KeyFiles.Failure.self) { try KeyFiles.generate(name: "CC01", in: directory) }
        #expect(try KeyFiles.readKeyPair(name: "CC01", in: directory) == pair, "a refused keygen must not touch the old pair")
        for name in ["../escape", "", ".hidden", "a/b"] {
            #expect(throws: KeyFiles.Failure.self) { try KeyFiles.generate(name: name, in: directory) }
        }
    }

    @Test func authorizeCopiesThePublicKeyOnce() throws {
        let directory = try Self.temporaryDirectory()
        let pair = try KeyFiles.generate(name: "bridge", in: directory)
        let path = try KeyFiles.authorize(name: "bridge", in: directory)
        #expect(path == "\(directory)/authorized/bridge.pub")
        #expect(try KeyFiles.readKey(at: path) == pair.publicKey)
        #expect(Self.mode("\(directory)/authorized") == 0o700)
        #expect(try KeyFiles.authorize(name: "bridge", in: directory) == path)
        try KeyFiles.generate(name: "other", in: directory)
        try KeyFiles.generate(name: "third", in: directory)
        try FileManager.default.copyItem(atPath: "\(directory)/third.pub", toPath: "\(directory)/authorized/other.pub")
        #expect(throws: KeyFiles.Failure.self, "a different key under the same name is not replaced silently") {
            try KeyFiles.authorize(name: "other", in: directory)
        }
    }

    @Test func aSecretReadableByOthersIsRefused() throws {
        let directory = try Self.temporaryDirectory()
        try KeyFiles.generate(name: "client", in: directory)
        chmod("\(directory)/client.key", 0o644)
        let error = try #require(throws: KeyFiles.Failure.self) { try KeyFiles.readKeyPair(name: "client", in: directory) }
        #expect(error.description.contains("chmod 600"))
        let missing = try #require(throws: KeyFiles.Failure.self) { try KeyFiles.readKeyPair(name: "CC09", in: directory) }
        #expect(missing.description.contains("claude-cluster keygen --name CC09"))
    }

    @Test(arguments: [
        (0o040700, 0, nil), (0o040755, 1000, nil), (0o040750, 1000, nil),
        (0o040770, 1000, "writable"), (0o040777, 1000, "writable"), (0o040702, 1000, "writable"),
        (0o100600, 1000, "not a directory"), (0o040700, 4242, "belongs to uid 4242"),
    ] as [(Int, Int, String?)])
    func keyDirectoryDecision(mode: Int, owner: Int, problem: String?) {
        let found = KeyDirectory.problem(path: "/k", mode: UInt32(mode), owner: UInt32(owner), currentUID: 1000)
        if let problem {
            #expect(found?.description.contains(problem) == true, "\(String(describing: found))")
        } else {
            #expect(found == nil)
        }
    }

    @Test func aKeysDirectoryWritableByOthersIsRejectedEverywhere() throws {
        let directory = try Self.temporaryDirectory()
        try KeyFiles.generate(name: "broker", in: directory)
        try KeyFiles.generate(name: "client", in: directory)
        try KeyFiles.authorize(name: "client", in: directory)
        chmod(directory, 0o777)
        let configuration = Self.curveConfiguration(keys: directory)
        #expect(throws: KeyDirectoryError.writableByOthers(path: directory, mode: UInt32(0o040777))) {
            try ClientKeys.load(for: configuration)
        }
        #expect(throws: KeyDirectoryError.self) { try BrokerAssembly.security(configuration) }
        #expect(throws: KeyDirectoryError.self) { try KeyFiles.generate(name: "late", in: directory) }
        chmod(directory, 0o755)
        chmod("\(directory)/authorized", 0o775)
        let authorized = try #require(throws: KeyDirectoryError.self) { try BrokerAssembly.security(configuration) }
        #expect(authorized.description.contains("authorized"))
        #expect(authorized.description.contains("chmod go-w"))
        chmod("\(directory)/authorized", 0o755)
        #expect(try BrokerAssembly.security(configuration)?.authorizedKeysDirectory.path == "\(directory)/authorized")
    }

    @Test func theBrokerNeedsItsAuthorisedKeysDirectory() throws {
        let directory = try Self.temporaryDirectory()
        try KeyFiles.generate(name: "broker", in: directory)
        let error = try #require(throws: KeyDirectoryError.self) { try BrokerAssembly.security(Self.curveConfiguration(keys: directory)) }
        #expect(error.description.contains("\(directory)/authorized does not exist"))
        #expect(try BrokerAssembly.security(ClusterConfiguration()) == nil, "CURVE off: no broker keys")
    }

    @Test func clientsFindTheirPairAndTheBrokersPublicKey() throws {
        let directory = try Self.temporaryDirectory()
        let broker = try CurveKeyPair.generate()
        let client = try KeyFiles.generate(name: "client", in: directory)
        let agent = try KeyFiles.generate(name: "CC01", in: directory)
        #expect(try ClientKeys.load(for: ClusterConfiguration()) == nil)

        let missing = try #require(throws: KeyFiles.Failure.self) { try ClientKeys.load(for: Self.curveConfiguration(keys: directory)) }
        #expect(missing.description.contains("copy the broker's broker.pub"))

        let inline = try ClientKeys.load(for: Self.curveConfiguration(keys: directory, brokerPublicKey: broker.publicKey.z85))
        #expect(inline == BusClientSecurity(keyPair: client, serverKey: broker.publicKey))

        try (broker.publicKey.z85 + "\n").write(toFile: "\(directory)/broker.pub", atomically: true, encoding: .utf8)
        let fromFile = try ClientKeys.load(for: Self.curveConfiguration(keys: directory), name: "CC01")
        #expect(fromFile == BusClientSecurity(keyPair: agent, serverKey: broker.publicKey))

        // What an agent hands its runner, so `claude-cluster ask` can join the bus too.
        let environment = try ClientKeys.environment(for: Self.curveConfiguration(keys: directory), name: "CC01")
        #expect(environment[ClientKeys.Variable.keyName] == "CC01")
        #expect(!environment.values.contains(agent.secretKey.z85), "the secret stays in its file")
        #expect(try ClientKeys.load(environment: environment) == fromFile)
        #expect(try ClientKeys.load(environment: [:]) == nil)
    }
}
