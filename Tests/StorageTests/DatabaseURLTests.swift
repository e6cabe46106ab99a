import Storage
import Testing
import WorkModel

@Suite("DatabaseURL")
struct DatabaseURLTests {
    func postgres(_ text: String) throws -> DatabaseURL.Postgres {
        guard case .postgres(let settings) = try DatabaseURL.parse(text) else {
            Issue.record("\(text) did not parse as PostgreSQL")
            throw StorageError.invalid("not postgres")
        }
        return settings
    }

    func refusal(_ text: String) -> String? {
        do {
            let parsed = try DatabaseURL.parse(text)
            Issue.record("\(text) was accepted as \(parsed)")
            return nil
        } catch {
            return invalidMessage(error)
        }
    }

    @Test func sqliteURLsAndBarePathsNameAFile() throws {
        #expect(try DatabaseURL.parse("sqlite:data/wagefile.sqlite") == .sqlite(path: "data/wagefile.sqlite"))
        #expect(
            try DatabaseURL.parse("sqlite:/var/lib/wagefile/db.sqlite") == .sqlite(path: "/var/lib/wagefile/db.sqlite"))
        #expect(try DatabaseURL.parse("wagefile.sqlite") == .sqlite(path: "wagefile.sqlite"))
        #expect(try DatabaseURL.parse("/srv/wagefile.sqlite") == .sqlite(path: "/srv/wagefile.sqlite"))
    }

    @Test func memoryDatabasesHaveNoPath() throws {
        #expect(try DatabaseURL.parse(":memory:") == .sqlite(path: nil))
        #expect(try DatabaseURL.parse("sqlite::memory:") == .sqlite(path: nil))
    }

    @Test func sqliteWithoutAPathIsRefused() {
        #expect(refusal("sqlite:")?.contains("needs a file path") == true)
    }

    @Test func aFullPostgresURLSetsEverything() throws {
        let settings = try postgres("postgres://wagefile:s3cret@db.internal:6543/wagefile_prod?sslmode=require&pool=25")
        #expect(settings.host == "db.internal")
        #expect(settings.port == 6543)
        #expect(settings.username == "wagefile")
        #expect(settings.password == "s3cret")
        #expect(settings.database == "wagefile_prod")
        #expect(settings.requireTLS)
        #expect(settings.maximumConnections == 25)
    }

    @Test func postgresDefaults() throws {
        let settings = try postgres("postgresql://reporter@localhost/wagefile")
        #expect(settings.port == 5432)
        #expect(settings.password == nil)
        #expect(settings.database == "wagefile")
        #expect(!settings.requireTLS)
        #expect(settings.maximumConnections == 10)
        #expect(try postgres("postgres://reporter@localhost").database == nil)
        #expect(try postgres("postgres://reporter@localhost/").database == nil)
    }

    @Test(arguments: [("disable", false), ("prefer", false), ("require", true), ("verify-full", true)])
    func sslModes(mode: String, requiresTLS: Bool) throws {
        #expect(try postgres("postgres://u@h/db?sslmode=\(mode)").requireTLS == requiresTLS)
    }

    @Test func anUnknownSSLModeIsRefused() {
        #expect(refusal("postgres://u@h/db?sslmode=always")?.contains("sslmode 'always' is not one of") == true)
    }

    @Test func poolSizesFromOneToTwoHundred() throws {
        #expect(try postgres("postgres://u@h/db?pool=1").maximumConnections == 1)
        #expect(try postgres("postgres://u@h/db?pool=200").maximumConnections == 200)
        for bad in ["0", "201", "-3", "ten", ""] {
            #expect(
                refusal("postgres://u@h/db?pool=\(bad)")?.contains("pool must be a whole number from 1 to 200") == true,
                "pool=\(bad)")
        }
    }

    @Test func percentEncodedCredentialsAreDecodedOnce() throws {
        #expect(try postgres("postgres://u:p%40ss%2Fword@h/db").password == "p@ss/word")
        // "%2541" is an encoded "%41", which must not be decoded a second time into "A".
        #expect(try postgres("postgres://u:pa%2541ss@h/db").password == "pa%41ss")
        #expect(try postgres("postgres://u:100%25@h/db").password == "100%")
        #expect(try postgres("postgres://first.last%40corp@h/db").username == "first.last@corp")
    }

    @Test func otherSchemesAreRefusedWithoutShowingThePassword() throws {
        let message = try #require(refusal("mysql://root:hunter2@db/wagefile"))
        #expect(message.contains("must start with postgres:// or sqlite:"))
        #expect(!message.contains("hunter2"))
        #expect(message.contains("mysql://root:***@db/wagefile"))
    }

    @Test func malformedPostgresURLsAreRefusedWithoutShowingThePassword() throws {
        let noHost = try #require(refusal("postgres://u:hunter2@/db"))
        #expect(!noHost.contains("hunter2"))
        let noUser = try #require(refusal("postgres://:hunter2@h/db"))
        #expect(noUser.contains("names no user"))
        #expect(!noUser.contains("hunter2"))
        // A password with a character URLs do not allow unencoded: the URL does not parse,
        // and the message still must not carry the password.
        let unparsable = try #require(refusal("postgres://u:hun#ter2@h/db"))
        #expect(!unparsable.contains("ter2"))
        #expect(!unparsable.contains("hun#"))
    }

    @Test func redactionHidesOnlyThePassword() {
        #expect(
            DatabaseURL.redacted("postgres://wagefile:s3cret@db:5432/wagefile?sslmode=require")
                == "postgres://wagefile:***@db:5432/wagefile?sslmode=require")
        #expect(DatabaseURL.redacted("postgres://wagefile@db/wagefile") == "postgres://wagefile@db/wagefile")
        #expect(DatabaseURL.redacted("sqlite:wagefile.sqlite") == "sqlite:wagefile.sqlite")
        #expect(DatabaseURL.redacted("postgres://u:p#ss@h/db") == "postgres://u:***@h/db")
    }
}
