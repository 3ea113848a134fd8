import Broker

extension ConfigurationValidator {
    /// Checks `broker.journal.url` and where its password comes from; the password itself is
    /// read only when the broker starts (`JournalDatabaseAssembly`).
    static func validateJournalDatabase(_ journal: JournalSection, fail: (String, String) -> ConfigurationError) throws(ConfigurationError) {
        guard let url = journal.url else {
            if journal.passwordEnv != nil || journal.passwordFile != nil {
                throw fail("broker.journal", "password_env and password_file need url (the PostgreSQL journal); the SQLite journal has no password")
            }
            return
        }
        do {
            _ = try PostgresJournalURL(parsing: url)
        } catch {
            throw fail("broker.journal.url", error.description)
        }
        if journal.passwordEnv != nil && journal.passwordFile != nil {
            throw fail("broker.journal", "give password_env or password_file, not both")
        }
        if let name = journal.passwordEnv, name.isEmpty { throw fail("broker.journal.password_env", "must name an environment variable") }
        if let path = journal.passwordFile, path.isEmpty { throw fail("broker.journal.password_file", "must name a file") }
    }
}
