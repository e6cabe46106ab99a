import ArgumentParser
import Foundation
import Storage

/// `--audit-key` and `--audit-checkpoints`: where the audit log is anchored outside the database.
struct AuditAnchorOptions: ParsableArguments {
    @Option(
        name: .customLong("audit-key"),
        help: ArgumentHelp(
            "The file holding the key that signs audit checkpoints, created on first use with mode 0600 (default: $WAGEFILE_AUDIT_KEY, else audit.key beside an SQLite database, .wagefile/audit.key for PostgreSQL). Keep it where the database's users cannot read it.",
            valueName: "file"))
    var auditKey: String?

    @Option(
        name: .customLong("audit-checkpoints"),
        help: ArgumentHelp(
            "The append-only file of signed audit checkpoints (default: $WAGEFILE_AUDIT_CHECKPOINTS, else NAME-audit-checkpoints.jsonl beside an SQLite database NAME.sqlite, .wagefile/postgres-HOST-PORT-DATABASE-audit-checkpoints.jsonl for PostgreSQL).",
            valueName: "file"))
    var auditCheckpoints: String?

    private var environment: [String: String] { ProcessInfo.processInfo.environment }
    private var keyOption: String? { auditKey ?? environment["WAGEFILE_AUDIT_KEY"].flatMap { $0.isEmpty ? nil : $0 } }
    private var checkpointsOption: String? {
        auditCheckpoints ?? environment["WAGEFILE_AUDIT_CHECKPOINTS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the key's place was named (an option or the environment) rather than defaulted.
    var keyNamed: Bool { keyOption != nil }

    /// The two paths for `url`; nil for an in-memory database with no checkpoint file named.
    func paths(for url: DatabaseURL) -> (key: String, checkpoints: String)? {
        let defaults = AuditAnchor.defaultPaths(for: url)
        guard let checkpoints = checkpointsOption ?? defaults?.checkpoints else { return nil }
        let key =
            keyOption ?? defaults?.key
            ?? ((checkpoints as NSString).deletingLastPathComponent as NSString).appendingPathComponent("audit.key")
        return (key, checkpoints)
    }

    /// Opens the anchor, making the key on first use when `create` is set. A key that cannot be
    /// read, is not a key, or others can read is bad input (exit 2), as is a named key that is not there.
    func open(for url: DatabaseURL, create: Bool) throws -> AuditAnchor? {
        guard let paths = paths(for: url) else { return nil }
        let anchor: AuditAnchor
        do {
            anchor = try AuditAnchor.open(keyPath: paths.key, checkpointsPath: paths.checkpoints, create: create)
        } catch {
            Diagnostics.print(["--audit-key: \(error.description)"])
            throw Outcome.badInput
        }
        if anchor.key == nil && keyNamed {
            Diagnostics.print(["--audit-key: no key at \(paths.key)"])
            throw Outcome.badInput
        }
        return anchor
    }
}

/// `--expect-head SEQ:HASH`: a head an operator kept outside the server, to be checked against the log.
enum ExpectedHead {
    static func parse(_ values: [String]) throws -> [AuditChain.Expectation] {
        try values.map { value in
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            // ASCII only: Character.isHexDigit would also take fullwidth digits.
            guard parts.count == 2, let seq = Int(parts[0]), seq >= 1, parts[1].utf8.count == 64,
                parts[1].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
            else {
                Diagnostics.print([
                    "--expect-head: expected SEQ:HASH (an entry number from 1, a colon, 64 lowercase hexadecimal digits), found '\(value)'"
                ])
                throw Outcome.badInput
            }
            return AuditChain.Expectation(
                seq: seq, hash: String(parts[1]), source: "--expect-head \(seq):\(parts[1].prefix(16))…")
        }
    }
}
