import ArgumentParser
import Foundation
import Logging
import Storage

/// `wagefile audit verify|checkpoint`: the audit log's hash chain, checked against the signed
/// checkpoints kept outside the database.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit log and anchor it outside the database.",
        subcommands: [AuditVerifyCommand.self, AuditCheckpointCommand.self])
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify that no audit entry was changed or deleted (exit 0 intact, 1 broken, 2 bad input).",
        discussion: """
            Re-computes the hash chain, then checks every signed checkpoint in the checkpoint file (and each \
            --expect-head) against it: the entry at a checkpoint's number must still have the checkpointed hash, so a \
            log rewritten with recomputed hashes is reported. Prints the head to keep elsewhere.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var anchorOptions: AuditAnchorOptions
    @Option(
        name: .customLong("expect-head"),
        help: ArgumentHelp(
            "A head kept outside the server, as SEQ:HASH (what verify and checkpoint print); repeatable.",
            valueName: "seq:hash"))
    var expectHead: [String] = []

    func run() async throws {
        let expected = try ExpectedHead.parse(expectHead)
        let anchor = try anchorOptions.open(for: try database.url(), create: false)
        let result = try await database.withStore(logger: Logger(label: "wagefile.audit")) { store in
            try await StoreErrors.mapped {
                if let anchor { return try await anchor.verify(store.audit, expecting: expected) }
                return try await store.audit.verify(expecting: expected)
            }
        }
        guard result.intact else {
            AuditReport.printBroken(result)
            throw Outcome.blockingFindings
        }
        print(
            "Audit log intact: \(result.entries) entries, last \(result.lastSeq), head \(result.lastHash.prefix(16))…")
        AuditReport.printAnchoring(result, anchor: anchor)
        AuditReport.printHead(result, signedBy: anchor?.key)
    }
}

struct AuditCheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract:
            "Verify the audit log, then sign its head and append it to the checkpoint file (exit 0 written, 1 broken, 2 bad input).",
        discussion:
            "Makes the audit key on first use (mode 0600). `wagefile serve` also writes checkpoints while it runs.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var anchorOptions: AuditAnchorOptions

    func run() async throws {
        let url = try database.url()
        guard let anchor = try anchorOptions.open(for: url, create: true) else {
            Diagnostics.print(["--audit-checkpoints: an in-memory database has no place for checkpoints; name a file"])
            throw Outcome.badInput
        }
        let (result, written) = try await database.withStore(logger: Logger(label: "wagefile.audit")) { store in
            try await StoreErrors.mapped {
                do {
                    return try await anchor.checkpoint(store.audit, now: Date())
                } catch let error as AnchorFileError {
                    Diagnostics.print([error.description])
                    throw Outcome.badInput
                }
            }
        }
        switch written {
        case .refused:
            AuditReport.printBroken(result)
            print("No checkpoint written: a broken log is not signed.")
            throw Outcome.blockingFindings
        case .current(nil):
            print("The audit log is empty; there is nothing to anchor yet.")
        case .current(let newest?):
            print(
                "Audit log intact: \(result.entries) entries; the checkpoint of entry \(newest.seq) (\(newest.at)) already covers the head."
            )
            AuditReport.printHead(result, signedBy: anchor.key)
        case .written(let checkpoint):
            print(
                "Audit log intact: \(result.entries) entries. Checkpoint of entry \(checkpoint.seq) appended to \(anchor.checkpoints.path)."
            )
            AuditReport.printHead(result, signedBy: anchor.key)
        }
    }
}

/// The lines `audit verify` and `audit checkpoint` print.
enum AuditReport {
    static func printBroken(_ result: AuditChain.Verification) {
        print("Audit log BROKEN (\(result.breaks.count) problem(s) in \(result.entries) entries):")
        for line in result.breaks { print("  - \(line)") }
    }

    static func printAnchoring(_ result: AuditChain.Verification, anchor: AuditAnchor?) {
        guard let anchor else {
            print("No checkpoint file for an in-memory database: only the chain was checked.")
            return
        }
        if result.checkpoints == 0 {
            print(
                "No checkpoints yet in \(anchor.checkpoints.path): only the chain was checked (`wagefile audit checkpoint` or `serve` writes them)."
            )
        } else {
            print(
                "\(result.checkpoints) checkpoint(s) match; the log is anchored through entry \(result.anchoredThrough) (\(anchor.checkpoints.path))."
            )
        }
    }

    /// The head in the form `--expect-head` takes and, with a key, signed: for the operator to keep
    /// somewhere the server cannot write.
    static func printHead(_ result: AuditChain.Verification, signedBy key: AuditKey?) {
        guard result.lastSeq > 0 else { return }
        print("Keep this head outside the server; `wagefile audit verify --expect-head` checks it later:")
        print("  \(result.lastSeq):\(result.lastHash)")
        if let key {
            print("  \(AuditCheckpoint.sign(seq: result.lastSeq, hash: result.lastHash, at: Date(), with: key).line)")
        }
    }
}
