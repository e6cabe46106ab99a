package import Foundation
import SQLKit

/// The append-only, hash-chained record of every change.
///
/// Entries are written inside the transaction of the change they describe. The one-row
/// `audit_head` is updated first: its row lock makes concurrent PostgreSQL writers take turns,
/// so the chain never forks.
package struct AuditLog: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    package init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// Appends one entry within the caller's transaction.
    static func append(
        _ sql: any SQLDatabase, at: String, actor: Principal, action: String, entity: String, entityId: String,
        before: String?, after: String?
    ) async throws {
        // Bump the head first: it takes the row lock before the previous hash is read.
        try await sql.raw("UPDATE audit_head SET seq = seq + 1 WHERE id = 1").run()
        guard let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
            throw StorageError.unavailable("audit head row is missing; run `wagefile migrate`")
        }
        let seq = try head.decode(column: "seq", as: Int.self)
        let previous = try head.decode(column: "hash", as: String.self)
        var entry = AuditEntry(
            seq: seq, at: at, actor: actor.email, action: action, entity: entity, entityId: entityId,
            before: before, after: after, prevHash: previous, hash: "")
        entry.hash = AuditChain.hash(of: entry)
        try await sql.insert(into: "audit_log").model(entry, keyEncodingStrategy: .convertToSnakeCase).run()
        try await sql.raw("UPDATE audit_head SET hash = \(bind: entry.hash) WHERE id = 1").run()
    }

    /// One change for `appendBatch`.
    struct Change {
        var action: String
        var entity: String
        var entityId: String
        var before: String?
        var after: String?
    }

    /// Appends many entries within the caller's transaction with one lock of the head: the
    /// sequence numbers are taken at once, the chain is computed here, and the entries go in
    /// a few hundred per statement. A large import would otherwise spend four round trips on
    /// every line.
    static func appendBatch(_ sql: any SQLDatabase, at: String, actor: Principal, _ changes: [Change]) async throws {
        guard !changes.isEmpty else { return }
        try await sql.raw("UPDATE audit_head SET seq = seq + \(bind: changes.count) WHERE id = 1").run()
        guard let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
            throw StorageError.unavailable("audit head row is missing; run `wagefile migrate`")
        }
        var seq = try head.decode(column: "seq", as: Int.self) - changes.count
        var previous = try head.decode(column: "hash", as: String.self)
        var entries: [AuditEntry] = []
        entries.reserveCapacity(changes.count)
        for change in changes {
            seq += 1
            var entry = AuditEntry(
                seq: seq, at: at, actor: actor.email, action: change.action, entity: change.entity,
                entityId: change.entityId,
                before: change.before, after: change.after, prevHash: previous, hash: "")
            entry.hash = AuditChain.hash(of: entry)
            previous = entry.hash
            entries.append(entry)
        }
        for start in stride(from: 0, to: entries.count, by: 200) {
            try await sql.insert(into: "audit_log").models(
                Array(entries[start..<min(start + 200, entries.count)]),
                keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil
            ).run()
        }
        try await sql.raw("UPDATE audit_head SET hash = \(bind: previous) WHERE id = 1").run()
    }

    package struct Query: Sendable, Equatable {
        package var entity: String?
        package var entityId: String?
        package var actor: String?
        package init(entity: String? = nil, entityId: String? = nil, actor: String? = nil) {
            self.entity = entity
            self.entityId = entityId
            self.actor = actor
        }
    }

    /// Newest first.
    package func list(_ query: Query = Query(), page: PageRequest = PageRequest()) async throws -> Page<AuditEntry> {
        let conditions = [("entity", query.entity), ("entity_id", query.entityId), ("actor", query.actor)]
            .compactMap { column, value in value.map { (column: column, value: $0) } }
        return try await database.read { sql in
            try await PagedSelect.fetch(
                sql, from: "audit_log", equal: conditions, orderBy: [("seq", .descending)],
                page: page, as: AuditEntry.self)
        }
    }

    /// Re-computes every hash in order, a thousand entries at a time, and compares the entries
    /// `expectations` name (checkpoints kept outside the database) with what they must still be.
    package func verify(expecting expectations: [AuditChain.Expectation] = []) async throws -> AuditChain.Verification {
        try await database.read { sql in
            var verifier = AuditChain.Verifier(expecting: expectations)
            try await Self.walk(sql, after: 0, through: nil) { verifier.check($0) }
            let head = try await Self.head(sql)
            return verifier.finish(headSeq: head.seq, headHash: head.hash)
        }
    }

    /// Whether the log still extends `anchor` (the newest checkpoint): the entry at its sequence
    /// keeps its hash and every entry after it, up to the head, links on and matches its hash.
    /// Only the entries after the anchor are read, so the server can check before each checkpoint.
    /// Returns the head to sign next and the problems found; the head is not to be signed unless
    /// there are none.
    package func extensionCheck(from anchor: AuditChain.Expectation?) async throws -> (
        seq: Int, hash: String, breaks: [String]
    ) {
        try await database.read { sql in
            // The head first: entries up to it were committed with it, and later appends only add.
            let head = try await Self.head(sql)
            var verifier = AuditChain.Verifier()
            if let anchor {
                guard anchor.seq <= head.seq else {
                    return (
                        head.seq, head.hash,
                        [
                            "\(anchor.source) no longer matches: the log now ends at entry \(head.seq), before entry \(anchor.seq)"
                        ]
                    )
                }
                let entry = try await sql.select().column("*").from("audit_log").where("seq", .equal, anchor.seq)
                    .first(decoding: AuditEntry.self, keyDecodingStrategy: .convertFromSnakeCase)
                guard let entry, entry.hash == anchor.hash, AuditChain.hash(of: entry) == entry.hash else {
                    return (
                        head.seq, head.hash,
                        ["\(anchor.source) no longer matches: entry \(anchor.seq) was changed or removed"]
                    )
                }
                verifier = AuditChain.Verifier(resumingAfter: anchor.seq, hash: anchor.hash)
            }
            try await Self.walk(sql, after: verifier.lastSeq, through: head.seq) { verifier.check($0) }
            return (head.seq, head.hash, verifier.finish(headSeq: head.seq, headHash: head.hash).breaks)
        }
    }

    /// Reads entries after `after` (through `through`, when given) in order, a thousand at a time.
    private static func walk(_ sql: any SQLDatabase, after: Int, through: Int?, _ body: (AuditEntry) -> Void)
        async throws
    {
        var after = after
        while true {
            var query = sql.select().column("*").from("audit_log").where("seq", .greaterThan, after)
            if let through { query = query.where("seq", .lessThanOrEqual, through) }
            let batch = try await query.orderBy("seq").limit(1000)
                .all(decoding: AuditEntry.self, keyDecodingStrategy: .convertFromSnakeCase)
            for entry in batch { body(entry) }
            guard let last = batch.last else { break }
            after = last.seq
        }
    }

    private static func head(_ sql: any SQLDatabase) async throws -> (seq: Int, hash: String) {
        guard let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
            throw StorageError.unavailable("audit head row is missing; run `wagefile migrate`")
        }
        return (try head.decode(column: "seq", as: Int.self), try head.decode(column: "hash", as: String.self))
    }
}
