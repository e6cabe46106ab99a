package import Foundation
import SQLKit

/// Where a decision file stands in review.
package enum ReviewStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case inReview = "in-review"
    case approved
    case rejected

    /// The moves review allows: submit a draft, decide on a file in review, resubmit a rejected
    /// one. An approved file is final; a new spec version gets a new file.
    package func canMove(to next: ReviewStatus) -> Bool {
        switch (self, next) {
        case (.draft, .inReview), (.inReview, .approved), (.inReview, .rejected), (.rejected, .inReview): true
        default: false
        }
    }
}

/// A decision file computed for one spec version: its summary (review state and the band
/// copied out for lists) and the `wagefile.decision/v1` document exactly as computed.
///
/// The row is the summary's columns plus `document`; summary fields read through, so
/// `file.status` is `file.summary.status`.
@dynamicMemberLookup
package struct StoredDecisionFile: Sendable, Codable, Equatable {
    package var summary: DecisionFileSummary
    package var document: String

    package init(
        id: String, specId: String, specVersion: Int, evaluatedOn: String, layer: String, currency: String,
        bandMinMinor: Int64, bandMidMinor: Int64, bandMaxMinor: Int64, blocking: Bool, document: String
    ) {
        summary = DecisionFileSummary(
            id: id, specId: specId, specVersion: specVersion, status: ReviewStatus.draft.rawValue,
            evaluatedOn: evaluatedOn,
            layer: layer, currency: currency, bandMinMinor: bandMinMinor, bandMidMinor: bandMidMinor,
            bandMaxMinor: bandMaxMinor, blocking: blocking, createdBy: "", createdAt: "", revision: 1)
        self.document = document
    }

    package subscript<T>(dynamicMember keyPath: WritableKeyPath<DecisionFileSummary, T>) -> T {
        get { summary[keyPath: keyPath] }
        set { summary[keyPath: keyPath] = newValue }
    }

    package subscript<T>(dynamicMember keyPath: KeyPath<DecisionFileSummary, T>) -> T { summary[keyPath: keyPath] }

    private enum DocumentKey: String, CodingKey { case document }

    // Flat, as the table is: the summary's fields and `document` side by side.
    package init(from decoder: any Decoder) throws {
        summary = try DecisionFileSummary(from: decoder)
        document = try decoder.container(keyedBy: DocumentKey.self).decode(String.self, forKey: .document)
    }

    package func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: DocumentKey.self)
        try container.encode(document, forKey: .document)
    }
}

package struct DecisionFileRepository: Sendable {
    let database: any Database
    let now: @Sendable () -> Date
    static let summaryColumns = [
        "id", "spec_id", "spec_version", "status", "evaluated_on", "layer", "currency",
        "band_min_minor", "band_mid_minor", "band_max_minor", "blocking", "created_by",
        "created_at", "submitted_by", "status_by", "status_at", "status_comment", "revision",
    ]

    package init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// The list leaves out the document itself; fetch one file to read it.
    package func list(
        specId: String? = nil, status: String? = nil, layer: String? = nil,
        page: PageRequest = PageRequest()
    ) async throws -> Page<DecisionFileSummary> {
        let conditions = [("spec_id", specId), ("status", status), ("layer", layer)]
            .compactMap { column, value in value.map { (column: column, value: $0) } }
        return try await database.read { sql in
            try await PagedSelect.fetch(
                sql, from: "decision_files", columns: DecisionFileRepository.summaryColumns, equal: conditions,
                orderBy: [("created_at", .descending), ("id", .ascending)], page: page, as: DecisionFileSummary.self)
        }
    }

    /// The newest file of each spec's newest computed version: what the portfolio views read.
    package func latestPerSpec() async throws -> [StoredDecisionFile] {
        let rows = try await database.read { sql in
            try await sql.raw(
                """
                SELECT * FROM decision_files d
                WHERE d.spec_version = (SELECT MAX(spec_version) FROM decision_files e WHERE e.spec_id = d.spec_id)
                ORDER BY d.spec_id, d.created_at DESC, d.id
                """
            ).all(decoding: StoredDecisionFile.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        var seen: Set<String> = []
        return rows.filter { seen.insert($0.specId).inserted }
    }

    package func get(_ id: String) async throws -> StoredDecisionFile {
        try await database.read { sql in
            guard let file = try await DecisionFileRepository.fetch(id, sql) else {
                throw StorageError.notFound(entity: "decision file", id: id)
            }
            return file
        }
    }

    package func create(_ file: StoredDecisionFile, by principal: Principal) async throws -> StoredDecisionFile {
        let stamp = Timestamp.string(now())
        var stored = file
        stored.status = ReviewStatus.draft.rawValue
        stored.createdBy = principal.email
        stored.createdAt = stamp
        stored.revision = 1
        let created = stored
        return try await database.transaction { sql in
            let inserted = try await sql.insert(into: "decision_files").model(
                created, keyEncodingStrategy: .convertToSnakeCase
            )
            .ignoringConflicts(with: "id").returning("id").all()
            guard !inserted.isEmpty else { throw StorageError.duplicate(entity: "decision file", key: created.id) }
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "compute", entity: "decision-file",
                entityId: created.id, before: nil, after: try AuditJSON.encode(created.summary))
            return created
        }
    }

    /// Moves the file through review if it is still at `expectedRevision` and the move is allowed.
    package func transition(
        _ id: String, to next: ReviewStatus, comment: String?, expectedRevision: Int,
        by principal: Principal
    ) async throws -> StoredDecisionFile {
        let stamp = Timestamp.string(now())
        return try await database.transaction { sql in
            guard let current = try await DecisionFileRepository.fetch(id, sql) else {
                throw StorageError.notFound(entity: "decision file", id: id)
            }
            guard current.revision == expectedRevision else {
                throw StorageError.conflict(entity: "decision file", id: id, current: current.revision)
            }
            guard let status = current.reviewStatus, status.canMove(to: next) else {
                throw StorageError.invalid("a decision file that is \(current.status) cannot become \(next.rawValue)")
            }
            var updated = current
            updated.status = next.rawValue
            updated.statusBy = principal.email
            updated.statusAt = stamp
            updated.statusComment = comment
            if next == .inReview { updated.submittedBy = principal.email }
            updated.revision += 1
            let changed = try await sql.update("decision_files")
                .set("status", to: updated.status).set("status_by", to: updated.statusBy)
                .set("status_at", to: updated.statusAt).set("status_comment", to: updated.statusComment)
                .set("submitted_by", to: updated.submittedBy).set("revision", to: updated.revision)
                .where("id", .equal, id).where("revision", .equal, expectedRevision).returning("id").all()
            guard !changed.isEmpty else {
                throw StorageError.conflict(entity: "decision file", id: id, current: expectedRevision + 1)
            }
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: next == .inReview ? "submit" : next.rawValue,
                entity: "decision-file", entityId: id,
                before: try AuditJSON.encode(current.summary),
                after: try AuditJSON.encode(updated.summary))
            return updated
        }
    }

    static func fetch(_ id: String, _ sql: any SQLDatabase) async throws -> StoredDecisionFile? {
        try await sql.select().column("*").from("decision_files").where("id", .equal, id)
            .first(decoding: StoredDecisionFile.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

/// A decision file without its document: for lists and audit entries.
package struct DecisionFileSummary: Sendable, Codable, Equatable {
    package var id: String
    package var specId: String
    package var specVersion: Int
    package var status: String
    package var evaluatedOn: String
    package var layer: String
    package var currency: String
    package var bandMinMinor: Int64
    package var bandMidMinor: Int64
    package var bandMaxMinor: Int64
    package var blocking: Bool
    package var createdBy: String
    package var createdAt: String
    package var submittedBy: String?
    package var statusBy: String?
    package var statusAt: String?
    package var statusComment: String?
    package var revision: Int

    package var reviewStatus: ReviewStatus? { ReviewStatus(rawValue: status) }
}
