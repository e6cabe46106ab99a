import Foundation
import Testing

/// Bad input is exit 2 with the place named (file:line:column, or the option), and a refused
/// command leaves nothing behind: no half-written wage file, no database.
@Suite("CLI: bad input")
struct BadInputCheckTests {
    /// The RLHF example with its scope made invalid (line 16) and its id changed.
    private static func brokenSpec() throws -> String {
        try readRepositoryFile("examples/rlhf-specialist.yaml")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                line == "scope: task-set"
                    ? "scope: galaxy" : line == "id: rlhf-specialist-us" ? "id: broken" : String(line)
            }
            .joined(separator: "\n")
    }

    @Test("check: exit 2 and file:line:column: field: message")
    func checkNamesThePlace() async throws {
        let scratch = try Scratch()
        let broken = try scratch.write("broken.yaml", try Self.brokenSpec())
        let run = try await WagefileCLI.run(["check", broken], in: scratch)
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout.contains("broken.yaml:16:8: scope: 'galaxy' is not one of:"), "\(run)")
    }

    @Test("price a folder with one bad spec: exit 2, the good wage file written, nothing half-written")
    func priceWritesOnlyTheGoodFiles() async throws {
        let scratch = try Scratch()
        let input = scratch.url.appendingPathComponent("specs")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: repositoryFile("examples/rlhf-specialist.yaml"),
            toPath: input.appendingPathComponent("good.yaml").path)
        try Data(try Self.brokenSpec().utf8).write(to: input.appendingPathComponent("broken.yaml"))
        let out = scratch.path("out")
        let run = try await WagefileCLI.run(["price", input.path, "--output", out, "--format", "json"], in: scratch)
        #expect(run.status == 2, "\(run)")
        // Only the good file: no broken.json, no temporary or partial files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["rlhf-specialist-us.json"])
    }

    @Test("--as-of 2026-02-30: exit 2, a clear message, nothing on standard output")
    func impossibleEvaluationDate() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(
            ["price", "examples/rlhf-specialist.yaml", "--as-of", "2026-02-30"], in: scratch)
        #expect(run.status == 2, "\(run)")
        #expect(
            run.stderrLines.contains { $0.hasPrefix("--as-of: expected a date as YYYY-MM-DD, found '2026-02-30'") },
            "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    /// A server command refused before it touches anything: exit 2, the option named first on its line.
    private static let refusals: [(message: String, arguments: [String])] = [
        (
            "--database-url: database URL must start with postgres:// or sqlite:",
            ["migrate", "--database-url", "ftp://x/y"]
        ),
        (
            "--database-url: database URL: pool must be a whole number",
            ["audit", "verify", "--database-url", "postgres://u@h/d?pool=0"]
        ),
        (
            "--role: expected one of admin, compensation",
            ["user", "add", "--email", "a@b.c", "--name", "A", "--role", "boss", "--database-url", "sqlite:DB"]
        ),
        ("--port: expected 1 to 65535", ["serve", "--port", "0", "--database-url", "sqlite:DB"]),
        ("--log-format: expected text or json", ["serve", "--log-format", "xml", "--database-url", "sqlite:DB"]),
    ]

    @Test(
        "server commands: bad options are exit 2 with the option named, and no database is created",
        arguments: refusals.indices)
    func serverCommandRefuses(_ index: Int) async throws {
        let scratch = try Scratch()
        let (message, template) = Self.refusals[index]
        let database = scratch.path("db.sqlite")
        let arguments = template.map { $0 == "sqlite:DB" ? "sqlite:\(database)" : $0 }
        let run = try await WagefileCLI.run(arguments, in: scratch)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderrLines.contains { $0.hasPrefix(message) }, "expected '\(message)': \(run)")
        #expect(!FileManager.default.fileExists(atPath: database), "a refused command created the database")
    }

    @Test("user add makes a viewer unless told, says how to make the first admin, and makes an admin on purpose")
    func userAddRoles() async throws {
        let scratch = try Scratch()
        let database = "sqlite:\(scratch.path("users.sqlite"))"
        let first = try await WagefileCLI.run(
            ["user", "add", "--email", "first@b.c", "--name", "First", "--database-url", database], in: scratch,
            input: "a-long-password-1\n")
        #expect(first.status == 0, "\(first)")
        #expect(first.stdoutLines.contains { $0.hasPrefix("Created viewer first@b.c") }, "\(first)")
        #expect(first.stdout.contains("wagefile user add --role admin"), "\(first)")
        let admin = try await WagefileCLI.run(
            ["user", "add", "--email", "boss@b.c", "--name", "Boss", "--role", "admin", "--database-url", database],
            in: scratch, input: "a-long-password-1\n")
        #expect(admin.status == 0, "\(admin)")
        #expect(admin.stdoutLines.contains { $0.hasPrefix("Created admin boss@b.c") }, "\(admin)")
    }
}
