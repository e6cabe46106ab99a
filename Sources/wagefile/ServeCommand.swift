import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ReferenceData
import ServiceLifecycle
import Storage
import WebApp

/// `wagefile serve`: the web application and JSON API.
///
/// With no options it runs on an embedded SQLite file and, on first start, loads the example
/// specs as demo data and creates a demo admin and a demo reviewer, whose passwords it prints once.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the Wagefile server (JSON API under /api/v1, OpenAPI at /openapi.yaml).")

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var reference: ReferenceOptions
    @Option(help: ArgumentHelp("Directory of specs loaded as demo data into an empty database.", valueName: "dir"))
    var demo = "examples"
    @Flag(help: "Do not load demo data, even into an empty database.") var noDemo = false
    @Option(help: "Log format: text or json (one JSON object per line).") var logFormat = "text"
    @Flag(help: "Drop the Secure flag on the session cookie (plain HTTP on a host other than localhost).")
    var insecureCookies = false
    @Option(
        help: ArgumentHelp(
            "Smallest group whose pooled pay roles without individual pay access may see in aggregates.", valueName: "n"
        ))
    var minimumGroupSize = 5
    @OptionGroup var anchorOptions: AuditAnchorOptions
    @Option(
        help: ArgumentHelp(
            "Seconds between signed audit checkpoints while the log grows (1 to 86400).", valueName: "seconds"))
    var auditCheckpointInterval = 60

    func run() async throws {
        guard ["text", "json"].contains(logFormat) else {
            Diagnostics.print(["--log-format: expected text or json, found '\(logFormat)'"])
            throw Outcome.badInput
        }
        guard (1...65535).contains(port) else {
            Diagnostics.print(["--port: expected 1 to 65535, found \(port)"])
            throw Outcome.badInput
        }
        guard (2...1000).contains(minimumGroupSize) else {
            Diagnostics.print(["--minimum-group-size: expected 2 to 1000, found \(minimumGroupSize)"])
            throw Outcome.badInput
        }
        guard (1...86_400).contains(auditCheckpointInterval) else {
            Diagnostics.print([
                "--audit-checkpoint-interval: expected 1 to 86400 seconds, found \(auditCheckpointInterval)"
            ])
            throw Outcome.badInput
        }
        // The key is made (or refused) before anything listens, so a bad --audit-key is exit 2.
        let anchor = try anchorOptions.open(for: try database.url(), create: true)
        let json = logFormat == "json"
        LoggingSystem.bootstrap { label in
            json ? JSONLogHandler(label: label) as any LogHandler : StreamLogHandler.standardError(label: label)
        }
        var logger = Logger(label: "wagefile")
        logger.logLevel = .info
        let pricer = try reference.pricer()
        let store = try await database.open(logger: logger)
        let environment = ServerEnvironment(
            store: store, pricer: pricer, referenceDirectories: reference.directories.map { URL(fileURLWithPath: $0) },
            secureCookies: !insecureCookies, minimumGroupSize: minimumGroupSize, auditAnchor: anchor)
        let checkpoints = try anchor.map { anchor in
            AuditCheckpointService(
                checkpointer: try AuditCheckpointer(anchor: anchor, log: store.audit, now: { Date() }),
                interval: .seconds(auditCheckpointInterval), logger: logger)
        }
        var app = Application(
            router: buildRouter(environment).router,
            server: ServerLimits.http1,
            configuration: .init(address: .hostname(hostname, port: port), serverName: "Wagefile"),
            logger: logger)
        if let postgres = store.database as? PostgresStore { app.addServices(PoolService(store: postgres)) }
        // Added after the pool: services stop in reverse order, so the last checkpoint is signed
        // once requests have stopped and before the pool closes.
        if let checkpoints { app.addServices(checkpoints) }
        // Runs with the pool already up and before the first request is accepted.
        let (seed, demoLogger) = (self, logger)
        app.beforeServerStarts {
            let applied = try await store.migrations.run()
            if !applied.isEmpty {
                demoLogger.info("migrations applied", metadata: ["ids": .string(applied.joined(separator: ","))])
            }
            // Market data stored earlier prices from the first request on.
            try await environment.pricing.rebuild(from: store)
            try await seed.seedIfEmpty(environment, logger: demoLogger)
            await checkpoints?.checkpoint()
            demoLogger.info(
                "serving",
                metadata: [
                    "address": .string("http://\(seed.hostname):\(seed.port)"),
                    "database": .string(store.database.displayName),
                ])
        }
        // SIGTERM or SIGINT: stop accepting, finish requests in flight, then close the database.
        do {
            try await app.runService()
        } catch let error as StorageError {
            await store.database.close()
            Diagnostics.print(["\(store.database.displayName): \(error)"])
            throw Outcome.badInput
        }
        await store.database.close()
    }

    /// Demo data goes only into an empty database, and only when asked for or on the embedded default.
    private func seedIfEmpty(_ environment: ServerEnvironment, logger: Logger) async throws {
        guard !noDemo, try await environment.store.accounts.userCount() == 0,
            try await environment.store.specs.list(page: .init(limit: 1)).total == 0
        else { return }
        let directory = URL(fileURLWithPath: demo)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            logger.warning("no demo data: directory not found", metadata: ["dir": .string(demo)])
            return
        }
        let documents = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.compactMap {
            name -> (String, String)? in
            (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
        let portfolio = directory.appendingPathComponent("portfolio")
        let people = (try? String(contentsOf: portfolio.appendingPathComponent("people.csv"), encoding: .utf8)).flatMap
        { csv in
            (try? String(contentsOf: portfolio.appendingPathComponent("people-mapping.yaml"), encoding: .utf8)).map {
                (csv: csv, mapping: $0)
            }
        }
        let result = try await DemoData.load(specs: documents, people: people, environment: environment)
        var signIns = ""
        for account in DemoData.accounts {
            let password = DemoData.password()
            let hash = try await PasswordHashing.hash(password, cost: 12)
            _ = try await environment.store.accounts.createUser(
                User(
                    id: UUID().uuidString.lowercased(), email: account.email, name: account.name, role: account.role,
                    passwordHash: hash),
                by: .system)
            let note =
                account.role == .admin
                ? "admin; shown once; add real users with `wagefile user add`, the first admin with --role admin"
                : "\(account.role.rawValue); approves what the admin sends for review: no one approves their own"
            signIns += "Demo sign-in: \(account.email) / \(password)   (\(note))\n"
        }
        logger.info(
            "demo data loaded",
            metadata: [
                "specs": .stringConvertible(result.specs), "decisionFiles": .stringConvertible(result.decisionFiles),
            ])
        // Printed once, to the terminal that started the server; not logged.
        // Written straight to the file descriptor: print's buffer would hold it back when
        // stdout is a file or pipe.
        FileHandle.standardOutput.write(Data(signIns.utf8))
    }
}

/// Keeps the PostgreSQL pool running under the application's service group, so it shuts down
/// after the server has stopped taking requests.
struct PoolService: Service {
    let store: PostgresStore
    func run() async throws {
        await withGracefulShutdownHandler {
            await store.run()
        } onGracefulShutdown: {
        }
    }
}

/// Signs the audit head every `interval` while the log grows, once at start (after the demo data)
/// and once more on shutdown. Each checkpoint is appended to the checkpoint file and logged, so a
/// log shipped elsewhere holds the heads too. A log that no longer extends its newest checkpoint
/// is reported as an error and not signed.
struct AuditCheckpointService: Service {
    let checkpointer: AuditCheckpointer
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { break }
                await checkpoint()
            }
        }
        await checkpoint()
    }

    func checkpoint() async {
        do {
            switch try await checkpointer.extend() {
            case .written(let checkpoint):
                logger.info(
                    "audit checkpoint",
                    metadata: [
                        "seq": .stringConvertible(checkpoint.seq), "hash": .string(checkpoint.hash),
                        "mac": .string(checkpoint.mac),
                    ])
            case .current:
                break
            case .refused(_, again: true):
                break
            case .refused(let problems, again: false):
                logger.error(
                    "audit log does not extend its last checkpoint; nothing signed; run `wagefile audit verify`",
                    metadata: ["problems": .string(problems.joined(separator: "; "))])
            }
        } catch {
            logger.error("audit checkpoint failed", metadata: ["error": .string(String(describing: error))])
        }
    }
}
