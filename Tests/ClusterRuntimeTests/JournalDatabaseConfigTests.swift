@testable import Broker
import Foundation
import Testing
import TestSupport

@testable import ClusterRuntime

@Suite("Config: broker.journal on PostgreSQL")
struct JournalDatabaseConfigTests {
    private func load(_ journal: String) throws -> ClusterConfiguration {
        try ConfigurationLoader.parse("cluster: {name: team}\nbroker:\n  journal: \(journal)\n", file: "c.yaml", environment: [:])
    }

    @Test func theShortFormNamesTheDatabaseAndKeepsTheDefaults() throws {
        let configuration = try load("postgres://cluster@db.internal:5433/journal")
        let section = try #require(configuration.broker).journal
        #expect(section.url == "postgres://cluster@db.internal:5433/journal")
        #expect(section.retainDays == nil && section.progressMaxLines == 200)
        let settings = try #require(try JournalDatabaseAssembly.settings(section, environment: [:]))
        #expect(settings.url.description == "postgres://cluster@db.internal:5433/journal")
        #expect(settings.password == nil)
        let broker = try BrokerAssembly.settings(configuration, section: try #require(configuration.broker))
        #expect(broker.postgresJournal?.url == settings.url)
    }

    @Test func withoutAURLTheJournalStaysSQLite() throws {
        let configuration = try load("{retain_days: 3}")
        let broker = try BrokerAssembly.settings(configuration, section: try #require(configuration.broker))
        #expect(broker.postgresJournal == nil)
    }

    @Test func thePasswordComesFromTheNamedVariable() throws {
        let section = try #require(try load("{url: 'postgres://cluster@db/journal', password_env: JOURNAL_PW, retain_days: 9}").broker).journal
        #expect(section.retainDays == 9)
        let settings = try JournalDatabaseAssembly.settings(section, environment: ["JOURNAL_PW": "from-env"])
        #expect(settings?.password == JournalPassword("from-env"))
        #expect(throws: JournalPasswordError.unsetVariable("JOURNAL_PW")) {
            _ = try JournalDatabaseAssembly.settings(section, environment: [:])
        }
    }

    @Test func thePasswordFileMustBeTheOwnersAlone() throws {
        let directory = try TestEnvironment.temporaryDirectory("journal-password")
        let file = directory.appendingPathComponent("pw")
        try Data("from-file\nignored\n".utf8).write(to: file)
        let section = modified(JournalSection()) { $0.url = "postgres://cluster@db/journal"; $0.passwordFile = file.path }
        chmod(file.path, 0o644)
        #expect(throws: JournalPasswordError.exposedFile(file.path, mode: 0o644)) {
            _ = try JournalDatabaseAssembly.settings(section, environment: [:])
        }
        chmod(file.path, 0o600)
        #expect(try JournalDatabaseAssembly.settings(section, environment: [:])?.password == JournalPassword("from-file"))
        let missing = modified(JournalSection()) { $0.url = "postgres://cluster@db/journal"; $0.passwordFile = directory.appendingPathComponent("none").path }
        #expect(throws: JournalPasswordError.self) { _ = try JournalDatabaseAssembly.settings(missing, environment: [:]) }
    }

    @Test func badSettingsAreRefusedWhenTheFileIsLoaded() {
        let cases: [(String, String)] = [
            ("postgres://cluster:hunter2@db/journal", "broker.journal.url"),
            ("{url: 'http://db/journal'}", "broker.journal.url"),
            ("{url: 'postgres://c@db/j', password_env: A, password_file: /b}", "broker.journal"),
            ("{password_env: A}", "broker.journal"),
        ]
        for (journal, key) in cases {
            let error = #expect(throws: ConfigurationError.self, "\(journal)") { _ = try load(journal) }
            #expect(error?.key == key, "\(journal)")
            #expect(error?.description.contains("hunter2") == false)
        }
    }
}
