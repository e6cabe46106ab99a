import Foundation
import SQLKit
import Storage
import Testing
import WorkModel

/// The audit head anchored outside the database: signed checkpoints in a file of their own, with
/// a key in another, so a log rewritten with recomputed hashes no longer passes `audit verify`.
@Suite("Audit checkpoints outside the database")
struct AuditAnchorTests {
    /// A fresh folder for a key and a checkpoint file, removed when the test ends.
    final class Folder: Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wagefile-anchor-tests-\(UUID().uuidString)")
        var keyPath: String { url.appendingPathComponent("keys/audit.key").path }
        var checkpointsPath: String { url.appendingPathComponent("audit-checkpoints.jsonl").path }
        func anchor() throws -> AuditAnchor {
            try AuditAnchor.open(keyPath: keyPath, checkpointsPath: checkpointsPath, create: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// One change per call: a vendor each, so every call writes exactly one audit entry.
    static func change(_ store: Store, _ index: Int) async throws {
        _ = try await store.vendors.create(Samples.vendor("v-\(index)", name: "Vendor \(index)"), by: Principals.alice)
    }

    static func entries(_ store: Store) async throws -> [AuditEntry] {
        try await store.database.read { sql in
            try await sql.select().column("*").from("audit_log").orderBy("seq")
                .all(decoding: AuditEntry.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    /// What an attacker with database access does: change entry `seq`, recompute the hash of it and
    /// of every later entry with the documented recipe (`AuditChain.hash`: SHA-256 over the
    /// length-prefixed fields and the previous hash), and move `audit_head` to the new last hash.
    static func rewriteChain(_ store: Store, at seq: Int, _ change: (inout AuditEntry) -> Void) async throws {
        try await AuditLogTests.dropAppendOnlyTriggers(store)
        var previous = AuditChain.genesis
        for var entry in try await entries(store) {
            if entry.seq == seq { change(&entry) }
            if entry.seq >= seq {
                entry.prevHash = previous
                entry.hash = AuditChain.hash(of: entry)
                try await execute(
                    store,
                    """
                    UPDATE audit_log SET actor = \(bind: entry.actor), after = \(bind: entry.after), \
                    prev_hash = \(bind: entry.prevHash), hash = \(bind: entry.hash) WHERE seq = \(bind: entry.seq)
                    """)
            }
            previous = entry.hash
        }
        try await execute(store, "UPDATE audit_head SET hash = \(bind: previous) WHERE id = 1")
    }

    @Test(arguments: Backend.available)
    func aRewrittenChainWithARecomputedHeadIsCaughtByItsCheckpoint(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let folder = Folder()
            let anchor = try folder.anchor()
            try await Self.change(store, 1)
            let first = try await anchor.checkpoint(store.audit, now: clock.now())
            for index in 2...6 { try await Self.change(store, index) }
            let (_, written) = try await anchor.checkpoint(store.audit, now: clock.now())
            guard case .written(let sixth) = written else {
                throw TimedOut(description: "no checkpoint of entry 6: \(written)")
            }
            #expect(first.0.intact && sixth.seq == 6)
            for index in 7...8 { try await Self.change(store, index) }

            // Entry 2 is made to say someone else created the vendor; everything after is re-hashed.
            try await Self.rewriteChain(store, at: 2) { $0.actor = "mallory@example.com" }

            // The chain alone is fooled: it agrees with itself.
            let chainOnly = try await store.audit.verify()
            #expect(chainOnly.intact, "the hole this closes: \(chainOnly.breaks)")
            // Its checkpoint is not: entry 6 no longer has the hash that was signed.
            let anchored = try await anchor.verify(store.audit)
            #expect(!anchored.intact)
            #expect(anchored.checkpoints == 2 && anchored.anchoredThrough == 1)
            let line = try #require(anchored.breaks.first)
            #expect(anchored.breaks.count == 1, "\(anchored.breaks)")
            #expect(
                line.hasPrefix(
                    "the checkpoint of entry 6 signed \(sixth.at) (\(folder.checkpointsPath) line 2) no longer matches: entry 6 now hashes to "
                ), "\(line)")
            #expect(
                line.hasSuffix(
                    "the log was changed at or before entry 6 and after entry 1, the newest checkpoint that still matches"
                ), "\(line)")

            // A head the operator kept elsewhere catches it too, without any checkpoint file.
            let kept = AuditChain.Expectation(
                seq: 6, hash: sixth.hash, source: "--expect-head 6:\(sixth.hash.prefix(16))…")
            let withKept = try await store.audit.verify(expecting: [kept])
            #expect(
                withKept.breaks.count == 1
                    && withKept.breaks[0].hasPrefix(
                        "--expect-head 6:\(sixth.hash.prefix(16))… no longer matches: entry 6 now hashes to")
            )

            // And nothing more is signed over the rewritten log.
            let (_, again) = try await anchor.checkpoint(store.audit, now: clock.now())
            #expect(again == .refused)
            #expect(try anchor.checkpoints.read().count == 2)
        }
    }

    @Test(arguments: Backend.available)
    func aShortenedLogIsCaughtByACheckpointPastItsEnd(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let folder = Folder()
            let anchor = try folder.anchor()
            for index in 1...6 { try await Self.change(store, index) }
            _ = try await anchor.checkpoint(store.audit, now: clock.now())
            // The last two entries deleted and the head moved back to entry 4: the chain is consistent.
            try await AuditLogTests.dropAppendOnlyTriggers(store)
            let fourth = try #require(try await Self.entries(store).first { $0.seq == 4 })
            try await execute(store, "DELETE FROM audit_log WHERE seq > 4")
            try await execute(store, "UPDATE audit_head SET seq = 4, hash = \(bind: fourth.hash) WHERE id = 1")
            #expect(try await store.audit.verify().intact)

            let anchored = try await anchor.verify(store.audit)
            #expect(anchored.breaks.count == 1)
            #expect(
                anchored.breaks.first?.contains(
                    "no longer matches: the log now ends at entry 4, before entry 6; the entries after 4 were removed")
                    == true,
                "\(anchored.breaks)")
        }
    }

    @Test(arguments: Backend.available)
    func aForgedCheckpointIsReported(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let folder = Folder()
            let anchor = try folder.anchor()
            for index in 1...3 { try await Self.change(store, index) }
            let (_, written) = try await anchor.checkpoint(store.audit, now: clock.now())
            guard case .written(let genuine) = written else { throw TimedOut(description: "no checkpoint: \(written)") }

            // Without the key, a forger can copy a signature but not make one for other content.
            var forged = genuine
            forged.seq = 2
            forged.hash = try #require(try await Self.entries(store).first { $0.seq == 2 }).hash
            // A checkpoint signed with some other key, and a line that is not a checkpoint at all.
            let otherFolder = Folder()
            let other = try otherFolder.anchor()
            let otherKey = try #require(other.key)
            let foreign = AuditCheckpoint.sign(seq: 3, hash: genuine.hash, at: clock.now(), with: otherKey)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.checkpointsPath))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((forged.line + "\n" + foreign.line + "\n{\"seq\": 3}\n").utf8))
            try handle.close()

            let result = try await anchor.verify(store.audit)
            let key = try #require(anchor.key)
            #expect(
                result.breaks == [
                    "\(folder.checkpointsPath) line 2: the checkpoint of entry 2 dated \(genuine.at) is not signed by the audit key (forged)",
                    "\(folder.checkpointsPath) line 3: the checkpoint of entry 3 dated \(foreign.at) is not signed by the audit key (forged; it names key \(otherKey.id), the key at \(folder.keyPath) is \(key.id))",
                    "\(folder.checkpointsPath) line 4 is not a checkpoint (damaged or written by hand)",
                ])
            // The genuine checkpoint still counts; only it was compared with the chain.
            #expect(result.checkpoints == 1 && result.anchoredThrough == 3)
            // The server's checkpointer goes by genuine checkpoints only.
            let checkpointer = try AuditCheckpointer(anchor: anchor, log: store.audit, now: clock.now)
            #expect(try await checkpointer.extend() == .current(3))
        }
    }

    @Test(arguments: Backend.available)
    func withoutItsKeyTheCheckpointsCannotVouchForTheLog(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let folder = Folder()
            try await Self.change(store, 1)
            _ = try await folder.anchor().checkpoint(store.audit, now: clock.now())
            try FileManager.default.removeItem(atPath: folder.keyPath)
            let keyless = try AuditAnchor.open(
                keyPath: folder.keyPath, checkpointsPath: folder.checkpointsPath, create: false)
            #expect(keyless.key == nil)
            #expect(
                try await keyless.verify(store.audit).breaks == [
                    "the audit key \(folder.keyPath) is missing, so the 1 checkpoint(s) in \(folder.checkpointsPath) cannot be checked"
                ])
        }
    }

    @Test(arguments: Backend.available)
    func theServersCheckpointerSignsOnlyALogThatExtendsItsNewestCheckpoint(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let folder = Folder()
            let anchor = try folder.anchor()
            let checkpointer = try AuditCheckpointer(anchor: anchor, log: store.audit, now: clock.now)
            #expect(try await checkpointer.extend() == .current(0), "an empty log has nothing to sign")
            for index in 1...6 { try await Self.change(store, index) }
            guard case .written(let sixth) = try await checkpointer.extend() else {
                throw TimedOut(description: "no checkpoint of entry 6")
            }
            let key = try #require(anchor.key)
            #expect(sixth.seq == 6 && sixth.isSigned(by: key))
            #expect(try await checkpointer.extend() == .current(6))
            try await Self.change(store, 7)
            guard case .written(let seventh) = try await checkpointer.extend() else {
                throw TimedOut(description: "no checkpoint of entry 7")
            }
            #expect(seventh.seq == 7)
            // A new checkpointer (a restarted server) picks up from the file.
            #expect(
                try await AuditCheckpointer(anchor: anchor, log: store.audit, now: clock.now).extend() == .current(7))

            try await Self.rewriteChain(store, at: 3) { $0.actor = "mallory@example.com" }
            try await Self.change(store, 8)
            let refusal = [
                "the checkpoint of entry 7 signed \(seventh.at) no longer matches: entry 7 was changed or removed"
            ]
            #expect(try await checkpointer.extend() == .refused(refusal, again: false))
            #expect(try await checkpointer.extend() == .refused(refusal, again: true), "said once, then quietly")
            #expect(
                try anchor.checkpoints.read().map(\.checkpoint?.seq) == [6, 7], "nothing signed over the rewritten log")
            #expect(!(try await anchor.verify(store.audit).intact))
        }
    }

    @Test(arguments: Backend.available)
    func aRestoredCopyStillMatchesTheOriginalsCheckpoints(backend: Backend) async throws {
        let folder = Folder()
        var lines: [String] = []
        try await withStore(backend) { store, clock async throws in
            for index in 1...5 { try await Self.change(store, index) }
            _ = try await folder.anchor().checkpoint(store.audit, now: clock.now())
            lines = try await DatabaseBackupTests.backup(store).1
        }
        try await withStore(backend) { store, _ async throws in
            _ = try await DatabaseBackup.restore(store.database, lines: lines.map { Substring($0) })
            let result = try await folder.anchor().verify(store.audit)
            #expect(result.intact && result.checkpoints == 1 && result.anchoredThrough == 5, "\(result.breaks)")
        }
    }

    // MARK: The files

    @Test func theKeyIsMadeOnceReadableByItsOwnerOnly() throws {
        let folder = Folder()
        #expect(try AuditKey.load(path: folder.keyPath) == nil)
        let key = try AuditKey.loadOrCreate(path: folder.keyPath)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.keyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(
            atPath: folder.url.appendingPathComponent("keys").path)
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
        let text = try String(contentsOfFile: folder.keyPath, encoding: .utf8)
        #expect(text.count == 65 && text.hasSuffix("\n"))
        #expect(try AuditKey.loadOrCreate(path: folder.keyPath).id == key.id, "made once, then read")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("keys").path) == [
                "audit.key"
            ])

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.keyPath)
        #expect(throws: AnchorFileError.self) { try AuditKey.load(path: folder.keyPath) }
        do {
            _ = try AuditKey.load(path: folder.keyPath)
        } catch {
            #expect(
                error.description
                    == "audit key \(folder.keyPath) can be read or written by other users (mode 644); run `chmod 600 \(folder.keyPath)`"
            )
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.keyPath)
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: folder.keyPath))
        do {
            _ = try AuditKey.load(path: folder.keyPath)
            Issue.record("a file that is not a key was taken as one")
        } catch {
            #expect(error.description.contains("expected 64 hexadecimal digits"))
        }
    }

    @Test func theCheckpointFileIsAppendedToAndKeptPrivate() throws {
        let folder = Folder()
        let anchor = try folder.anchor()
        let key = try #require(anchor.key)
        let clock = TestClock()
        let first = AuditCheckpoint.sign(seq: 1, hash: String(repeating: "a", count: 64), at: clock.now(), with: key)
        let second = AuditCheckpoint.sign(seq: 2, hash: String(repeating: "b", count: 64), at: clock.now(), with: key)
        try anchor.checkpoints.append(first)
        try anchor.checkpoints.append(second)
        #expect(try anchor.checkpoints.read().map(\.checkpoint) == [first, second])
        #expect(try anchor.checkpoints.read().map(\.number) == [1, 2])
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.checkpointsPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try anchor.recorded().newest == second)
    }

    @Test func aCheckpointSignsEveryField() throws {
        let folder = Folder()
        let key = try #require(try folder.anchor().key)
        let checkpoint = AuditCheckpoint.sign(
            seq: 7, hash: String(repeating: "c", count: 64), at: TestClock.start, with: key)
        #expect(checkpoint.format == "wagefile.audit-checkpoint/v1" && checkpoint.key == key.id)
        #expect(
            checkpoint.at == "2026-03-01T09:00:00.000Z" && checkpoint.head == "7:" + String(repeating: "c", count: 64))
        #expect(checkpoint.isSigned(by: key))
        #expect(AuditCheckpoint.parse(checkpoint.line) == checkpoint)
        let changes: [(inout AuditCheckpoint) -> Void] = [
            { $0.seq = 8 }, { $0.hash = String(repeating: "d", count: 64) }, { $0.at = "2026-03-01T09:00:01.000Z" },
            { $0.key = "0000000000000000" }, { $0.mac = String(repeating: "0", count: 64) },
        ]
        for change in changes {
            var changed = checkpoint
            change(&changed)
            #expect(!changed.isSigned(by: key), "\(changed)")
        }
        #expect(AuditCheckpoint.parse("{}") == nil)
        #expect(AuditCheckpoint.parse(checkpoint.line.replacingOccurrences(of: "\"seq\":7", with: "\"seq\":0")) == nil)
    }

    @Test func theDefaultPlacesKeepDatabasesApart() throws {
        let cases: [(url: String, key: String, checkpoints: String)] = [
            ("sqlite:.wagefile/wagefile.sqlite", ".wagefile/audit.key", ".wagefile/wagefile-audit-checkpoints.jsonl"),
            ("sqlite:/srv/data/restored.sqlite", "/srv/data/audit.key", "/srv/data/restored-audit-checkpoints.jsonl"),
            ("sqlite:db.sqlite", "audit.key", "db-audit-checkpoints.jsonl"),
            (
                "postgres://wagefile:secret@127.0.0.1:5432/wagefile_smoke", ".wagefile/audit.key",
                ".wagefile/postgres-127.0.0.1-5432-wagefile_smoke-audit-checkpoints.jsonl"
            ),
        ]
        for expected in cases {
            let paths = try #require(AuditAnchor.defaultPaths(for: try DatabaseURL.parse(expected.url)))
            #expect(paths.key == expected.key && paths.checkpoints == expected.checkpoints, "\(expected.url): \(paths)")
        }
        #expect(
            AuditAnchor.defaultPaths(for: try DatabaseURL.parse("sqlite::memory:")) == nil,
            "nothing to anchor an in-memory database to")
    }
}
