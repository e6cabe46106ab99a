import ArgumentParser
import Foundation
import Logging
import Storage
import Synchronization

/// `wagefile backup -o FILE`: the whole database as JSON Lines, one snapshot, written atomically.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write the whole database to a backup file (wagefile.backup/v1).",
        discussion:
            "The file holds individual pay and password hashes: it is created readable by its owner only. Sessions are left out."
    )

    @Option(
        name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The backup file.", valueName: "file"))
    var output: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let url = URL(fileURLWithPath: output)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = try? FileHandle(forWritingTo: temporary)
        else {
            Diagnostics.print(["--output: cannot create \(output)"])
            throw Outcome.badInput
        }
        let sink = LineSink(handle)
        let summary: BackupSummary
        do {
            summary = try await database.withStore(logger: Logger(label: "wagefile.backup")) { store in
                try await StoreErrors.mapped { try await DatabaseBackup.write(store.database) { try sink.write($0) } }
            }
            try sink.close()
            // rename(2) replaces the old backup in one step: a reader sees the old file or the new one.
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        let rows = summary.rows.values.reduce(0, +)
        print(
            "Backed up \(rows) rows from \(summary.rows.filter { $0.value > 0 }.count) tables to \(output) (schema \(summary.migrations.last ?? "none"))."
        )
    }
}

/// `wagefile restore FILE`: a backup into an empty database, all rows or none, then the audit chain checked.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Load a backup into an empty database, in one transaction.",
        discussion: """
            Refuses a database that already holds data. A backup file can be edited like any file: --expect-head checks \
            the restored log against a head kept elsewhere (what `audit verify` prints). Exit codes: 0 restored and the \
            audit chain intact, 2 bad input.
            """)

    @Argument(help: ArgumentHelp("The backup file.", valueName: "file"))
    var file: String

    @OptionGroup var database: DatabaseOptions
    @Option(
        name: .customLong("expect-head"),
        help: ArgumentHelp(
            "A head kept outside the server, as SEQ:HASH, the restored log must still contain; repeatable.",
            valueName: "seq:hash"))
    var expectHead: [String] = []

    func run() async throws {
        let expected = try ExpectedHead.parse(expectHead)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            Diagnostics.print(["\(file): cannot read the backup"])
            throw Outcome.badInput
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let file = self.file
        let (summary, verification) = try await database.withStore(logger: Logger(label: "wagefile.restore")) { store in
            try await StoreErrors.mapped {
                _ = try await store.migrations.run()
                do {
                    let summary = try await DatabaseBackup.restore(store.database, lines: lines)
                    return (summary, try await store.audit.verify(expecting: expected))
                } catch let error as StorageError {
                    Diagnostics.print(["\(file): \(error.description)"])
                    throw Outcome.badInput
                }
            }
        }
        print(
            "Restored \(summary.rows.values.reduce(0, +)) rows; audit log \(verification.intact ? "intact" : "BROKEN"): \(verification.entries) entries."
        )
        for line in verification.breaks { print("  - \(line)") }
        if !verification.intact { throw Outcome.badInput }
    }
}

/// Lines to a file handle, for the backup's stream. The buffer lives in a `Mutex`, so the
/// sink is `Sendable` without an unchecked claim.
final class LineSink: Sendable {
    private let handle: FileHandle
    private let buffer = Mutex(Data())

    init(_ handle: FileHandle) { self.handle = handle }

    func write(_ line: String) throws {
        try buffer.withLock { buffer in
            buffer.append(contentsOf: Array(line.utf8))
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count > 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }

    func close() throws {
        try buffer.withLock { buffer in try handle.write(contentsOf: buffer) }
        try handle.synchronize()
        try handle.close()
    }
}
