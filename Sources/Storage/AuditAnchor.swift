import Crypto
package import Foundation

// The audit chain proves only that the log agrees with itself: anyone who can write the database
// can change an entry, recompute every hash after it and update `audit_head`. A checkpoint is the
// head (sequence number and hash) signed with a key kept in a file outside the database and
// appended to a file outside it; `audit verify` then checks that the entry at every checkpoint's
// sequence still has the checkpointed hash. See docs/RELIABILITY.md for what this does and does
// not protect against.

/// A problem with the anchor's files: what is wrong, naming the file, and how to fix it.
package struct AnchorFileError: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}

/// The secret that signs checkpoints (HMAC-SHA256). It lives in a file of its own, readable by
/// its owner only, so someone who can rewrite the database cannot sign a checkpoint of the result.
///
/// SAFETY: the key's bytes are copied out of `withUnsafeBytes` into a `Data` before the closure
/// returns.
package struct AuditKey: Sendable {
    package let path: String
    /// Kept as bytes, which are Sendable; `SymmetricKey` is made for each signature.
    private let bytes: Data
    var secret: SymmetricKey { SymmetricKey(data: bytes) }
    /// A fingerprint carried in each checkpoint, so one signed with another key (a wrong
    /// `--audit-key`) is told apart from a forged one. It reveals nothing of the secret.
    package let id: String

    init(path: String, bytes: Data) {
        self.path = path
        self.bytes = bytes
        id = String(Digest.sha256Hex(Data("wagefile.audit-key-id/v1|".utf8) + bytes).prefix(16))
    }

    /// The key at `path`, or nil when there is no file there. A key others can read or write is
    /// refused: whoever can read it can sign checkpoints of a rewritten log.
    package static func load(path: String) throws(AnchorFileError) -> AuditKey? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw AnchorFileError("audit key \(path): \(String(cString: strerror(errno)))")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw AnchorFileError(
                "audit key \(path) can be read or written by other users (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`"
            )
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let bytes = Hex.bytes(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32
        else {
            throw AnchorFileError(
                "audit key \(path): expected 64 hexadecimal digits (a key `wagefile audit checkpoint` created)")
        }
        return AuditKey(path: path, bytes: bytes)
    }

    /// The key at `path`, made the first time: 32 random bytes as hex, mode 0600. It is written
    /// whole under a temporary name and linked into place, so two processes starting at once
    /// end up with the same key and neither reads half a file.
    package static func loadOrCreate(path: String) throws(AnchorFileError) -> AuditKey {
        if let key = try load(path: path) { return key }
        try PrivateFiles.makeDirectory(containing: path)
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let temporary = "\(path).\(UUID().uuidString).tmp"
        try PrivateFiles.writeNew(temporary, Data((Hex.string(fresh) + "\n").utf8))
        defer { unlink(temporary) }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw AnchorFileError("audit key \(path): cannot create it: \(String(cString: strerror(errno)))")
        }
        guard let key = try load(path: path) else {
            throw AnchorFileError("audit key \(path): vanished as it was created")
        }
        return key
    }
}

/// One signed checkpoint: the audit head at a moment, as a line of the checkpoint file.
package struct AuditCheckpoint: Sendable, Codable, Equatable {
    package static let format = "wagefile.audit-checkpoint/v1"

    package var format: String
    package var seq: Int
    package var hash: String
    /// When it was signed (UTC, the audit log's timestamp form).
    package var at: String
    /// The signing key's fingerprint (`AuditKey.id`).
    package var key: String
    /// HMAC-SHA256 over the fields above, as hex.
    package var mac: String

    package static func sign(seq: Int, hash: String, at: Date, with key: AuditKey) -> AuditCheckpoint {
        var checkpoint = AuditCheckpoint(
            format: format, seq: seq, hash: hash, at: Timestamp.string(at), key: key.id, mac: "")
        checkpoint.mac = Hex.string(Data(HMAC<SHA256>.authenticationCode(for: checkpoint.material, using: key.secret)))
        return checkpoint
    }

    /// Whether `key` made this signature (compared in constant time).
    package func isSigned(by key: AuditKey) -> Bool {
        guard let code = Hex.bytes(mac) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: material, using: key.secret)
    }

    /// The signed bytes: every field but the signature, each length-prefixed like the chain's own hash.
    var material: Data {
        Data([format, String(seq), hash, at, key].map { "\($0.utf8.count):\($0)|" }.joined().utf8)
    }

    /// The checkpoint as one line of JSON, keys sorted.
    package var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and an integer cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// `SEQ:HASH`, the form `--expect-head` takes.
    package var head: String { "\(seq):\(hash)" }

    /// A line of the checkpoint file, or nil when it is not one.
    package static func parse(_ text: some StringProtocol) -> AuditCheckpoint? {
        guard let checkpoint = try? JSONDecoder().decode(AuditCheckpoint.self, from: Data(text.utf8)),
            checkpoint.format == format, checkpoint.seq >= 1, Hex.isDigest(checkpoint.hash),
            Hex.isDigest(checkpoint.mac)
        else {
            return nil
        }
        return checkpoint
    }
}

/// The append-only file of checkpoints, one JSON line each.
package struct CheckpointFile: Sendable {
    package let path: String

    package init(path: String) { self.path = path }

    package struct Line: Sendable {
        package var number: Int
        package var text: String
        /// Nil when the line is not a checkpoint (damaged, or written by hand).
        package var checkpoint: AuditCheckpoint?
    }

    /// Every non-empty line; none when the file does not exist yet.
    package func read() throws(AnchorFileError) -> [Line] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AnchorFileError("audit checkpoints \(path): cannot read the file")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            line.isEmpty ? nil : Line(number: index + 1, text: String(line), checkpoint: AuditCheckpoint.parse(line))
        }
    }

    /// Adds one line with a single write on a file opened for appending, under an exclusive lock,
    /// then syncs it: a server and `wagefile audit checkpoint` never interleave, and a checkpoint
    /// reported written survives a crash. The file is kept readable and writable by its owner only.
    package func append(_ checkpoint: AuditCheckpoint) throws(AnchorFileError) {
        try PrivateFiles.makeDirectory(containing: path)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw AnchorFileError("audit checkpoints \(path): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0, fchmod(descriptor, 0o600) == 0,
            PrivateFiles.writeAll(descriptor, Data((checkpoint.line + "\n").utf8)), fsync(descriptor) == 0
        else {
            throw AnchorFileError("audit checkpoints \(path): cannot write: \(String(cString: strerror(errno)))")
        }
    }
}

/// The key and the checkpoint file of one database, and what they say about its log.
package struct AuditAnchor: Sendable {
    package let keyPath: String
    /// Nil when there is no key file yet (only `verify` opens an anchor without making one).
    package let key: AuditKey?
    package let checkpoints: CheckpointFile

    package init(keyPath: String, key: AuditKey?, checkpointsPath: String) {
        self.keyPath = keyPath
        self.key = key
        checkpoints = CheckpointFile(path: checkpointsPath)
    }

    /// Opens the key (making it when `create` is set; `verify` never makes one).
    package static func open(keyPath: String, checkpointsPath: String, create: Bool) throws(AnchorFileError)
        -> AuditAnchor
    {
        let key = create ? try AuditKey.loadOrCreate(path: keyPath) : try AuditKey.load(path: keyPath)
        return AuditAnchor(keyPath: keyPath, key: key, checkpointsPath: checkpointsPath)
    }

    /// Where a database's key and checkpoints live unless told otherwise: beside an SQLite file
    /// (`audit.key`, and `NAME-audit-checkpoints.jsonl` after the database's file name, so two
    /// databases in one folder keep apart), and under `.wagefile/` for PostgreSQL, named after the
    /// server and database. An in-memory database has nothing to anchor to: nil.
    package static func defaultPaths(for url: DatabaseURL) -> (key: String, checkpoints: String)? {
        switch url {
        case .sqlite(path: nil):
            return nil
        case .sqlite(path: let path?):
            let folder = (path as NSString).deletingLastPathComponent as NSString
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            return (
                folder.appendingPathComponent("audit.key"),
                folder.appendingPathComponent("\(name)-audit-checkpoints.jsonl")
            )
        case .postgres(let settings):
            let name = [settings.host, String(settings.port), settings.database ?? settings.username]
                .map { $0.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" } }
                .map { String($0) }.joined(separator: "-")
            return (".wagefile/audit.key", ".wagefile/postgres-\(name)-audit-checkpoints.jsonl")
        }
    }

    /// What the checkpoint file vouches for: an expectation per checkpoint the key signed, and a
    /// problem per line that is not one, is signed otherwise, or cannot be checked for want of the key.
    package struct Recorded: Sendable {
        package var expectations: [AuditChain.Expectation] = []
        package var problems: [String] = []
        /// The signed checkpoint with the highest sequence number.
        package var newest: AuditCheckpoint?
    }

    package func recorded() throws(AnchorFileError) -> Recorded {
        let lines = try checkpoints.read()
        var recorded = Recorded()
        guard let key else {
            if !lines.isEmpty {
                recorded.problems.append(
                    "the audit key \(keyPath) is missing, so the \(lines.count) checkpoint(s) in \(checkpoints.path) cannot be checked"
                )
            }
            return recorded
        }
        for line in lines {
            let place = "\(checkpoints.path) line \(line.number)"
            guard let checkpoint = line.checkpoint else {
                recorded.problems.append("\(place) is not a checkpoint (damaged or written by hand)")
                continue
            }
            guard checkpoint.isSigned(by: key) else {
                let signer =
                    checkpoint.key == key.id
                    ? "" : "; it names key \(checkpoint.key), the key at \(keyPath) is \(key.id)"
                recorded.problems.append(
                    "\(place): the checkpoint of entry \(checkpoint.seq) dated \(checkpoint.at) is not signed by the audit key (forged\(signer))"
                )
                continue
            }
            recorded.expectations.append(
                .init(
                    seq: checkpoint.seq, hash: checkpoint.hash,
                    source: "the checkpoint of entry \(checkpoint.seq) signed \(checkpoint.at) (\(place))"))
            if checkpoint.seq > recorded.newest?.seq ?? 0 { recorded.newest = checkpoint }
        }
        return recorded
    }

    /// The chain, every signed checkpoint and `extra` (heads an operator kept) checked together.
    /// Problems with the checkpoint file are reported among the breaks: a log that cannot be
    /// checked against its anchor is not shown intact.
    package func verify(_ log: AuditLog, expecting extra: [AuditChain.Expectation] = []) async throws
        -> AuditChain.Verification
    {
        let recorded: Recorded
        do {
            recorded = try self.recorded()
        } catch {
            recorded = Recorded(problems: [error.description])
        }
        var result = try await log.verify(expecting: recorded.expectations + extra)
        result.breaks = recorded.problems + result.breaks
        return result
    }

    /// What `checkpoint` did.
    package enum Written: Sendable, Equatable {
        /// A new checkpoint was appended.
        case written(AuditCheckpoint)
        /// The newest checkpoint already covers the head (or the log is empty): nothing to add.
        case current(AuditCheckpoint?)
        /// The log does not verify; nothing was signed.
        case refused
    }

    /// Verifies the whole log against its checkpoints and, only when intact, signs its head and
    /// appends the checkpoint. Never signs a log that fails a check.
    package func checkpoint(_ log: AuditLog, now: Date) async throws -> (AuditChain.Verification, Written) {
        guard let key else { throw AnchorFileError("audit key \(keyPath) is missing") }
        let verification = try await verify(log)
        guard verification.intact else { return (verification, .refused) }
        let newest = try recorded().newest
        guard verification.lastSeq > 0, newest?.seq != verification.lastSeq else {
            return (verification, .current(newest))
        }
        let checkpoint = AuditCheckpoint.sign(
            seq: verification.lastSeq, hash: verification.lastHash, at: now, with: key)
        try checkpoints.append(checkpoint)
        return (verification, .written(checkpoint))
    }
}

/// Keeps a running server's checkpoints: each call signs the head when the log has grown, after
/// checking only the entries since the newest checkpoint (so it can run every minute on a long
/// log) and never when the log no longer extends that checkpoint.
package actor AuditCheckpointer {
    let anchor: AuditAnchor
    let key: AuditKey
    let log: AuditLog
    let now: @Sendable () -> Date
    private var newest: AuditChain.Expectation?
    private var loaded = false
    private var refusal: [String]?

    package init(anchor: AuditAnchor, log: AuditLog, now: @escaping @Sendable () -> Date) throws(AnchorFileError) {
        guard let key = anchor.key else { throw AnchorFileError("audit key \(anchor.keyPath) is missing") }
        self.anchor = anchor
        self.key = key
        self.log = log
        self.now = now
    }

    package enum Outcome: Sendable, Equatable {
        case written(AuditCheckpoint)
        /// Nothing new since the newest checkpoint (sequence number given).
        case current(Int)
        /// The log no longer extends the newest checkpoint, or fails its own chain: nothing signed.
        /// `again` when the same problems were reported by the call before, so a server says it once.
        case refused([String], again: Bool)
    }

    package func extend() async throws -> Outcome {
        if !loaded {
            // The newest checkpoint this key signed; forged lines are left to `verify` to report.
            newest = try anchor.recorded().newest.map { checkpoint in
                AuditChain.Expectation(
                    seq: checkpoint.seq, hash: checkpoint.hash,
                    source: "the checkpoint of entry \(checkpoint.seq) signed \(checkpoint.at)")
            }
            loaded = true
        }
        let head = try await log.extensionCheck(from: newest)
        guard head.breaks.isEmpty else {
            defer { refusal = head.breaks }
            return .refused(head.breaks, again: refusal == head.breaks)
        }
        refusal = nil
        guard head.seq > newest?.seq ?? 0 else { return .current(head.seq) }
        let checkpoint = AuditCheckpoint.sign(seq: head.seq, hash: head.hash, at: now(), with: key)
        try anchor.checkpoints.append(checkpoint)
        newest = AuditChain.Expectation(
            seq: checkpoint.seq, hash: checkpoint.hash,
            source: "the checkpoint of entry \(checkpoint.seq) signed \(checkpoint.at)")
        return .written(checkpoint)
    }
}

/// Hexadecimal text for keys, signatures and digests.
enum Hex {
    static func string(_ bytes: Data) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes(_ text: String) -> Data? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes = Data(capacity: digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    /// 64 lowercase hex digits: a SHA-256 digest or an HMAC-SHA256 code.
    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Files only their owner may read or write, in folders only their owner may enter.
///
/// SAFETY: `writeAll` passes `write(2)` the buffer's own base address plus an offset below its count,
/// inside `withUnsafeBytes`.
enum PrivateFiles {
    /// Makes the folder a file goes in, mode 0700, when it is not there yet.
    static func makeDirectory(containing path: String) throws(AnchorFileError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AnchorFileError("cannot create the folder \(folder): \(error.localizedDescription)")
        }
    }

    /// Creates `path` (it must not exist) with mode 0600 whatever the umask, writes `data` and syncs it.
    static func writeNew(_ path: String, _ data: Data) throws(AnchorFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw AnchorFileError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0, writeAll(descriptor, data), fsync(descriptor) == 0 else {
            unlink(path)
            throw AnchorFileError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    static func writeAll(_ descriptor: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }
}
