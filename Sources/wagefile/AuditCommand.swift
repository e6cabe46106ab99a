import ArgumentParser
import Logging
import Storage

/// `wagefile audit verify`: re-computes the audit log's hash chain. Exit 1 when it is broken.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit log.", subcommands: [AuditVerifyCommand.self])
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify that no audit entry was changed or deleted (exit 0 intact, 1 broken, 2 bad input).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let result = try await database.withStore(logger: Logger(label: "wagefile.audit")) { store in
            try await StoreErrors.mapped { try await store.audit.verify() }
        }
        if result.intact {
            print("Audit log intact: \(result.entries) entries, last \(result.lastSeq), head \(result.lastHash.prefix(16))…")
        } else {
            print("Audit log BROKEN (\(result.breaks.count) problem(s) in \(result.entries) entries):")
            for line in result.breaks { print("  - \(line)") }
            throw Outcome.blockingFindings
        }
    }
}
