public import Foundation
import SQLKit

/// Where a decision file stands in review.
public enum ReviewStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case inReview = "in-review"
    case approved
    case rejected

    /// The moves review allows: submit a draft, decide on a file in review, resubmit a rejected
    /// one. An approved file is final; a new spec version gets a new file.
    public func canMove(to next: ReviewStatus) -> Bool {
        switch (self, next) {
        case (.draft, .inReview), (.inReview, .approved), (.inReview, .rejected), (.rejected, .inReview): true
        default: false
        }
    }
}

/// A decision file computed for one spec version, with its review state. The document is the
/// `wagefile.decision/v1` JSON exactly as computed; band figures are copied out for lists.
public struct StoredDecisionFile: Sendable, Codable, Equatable {
    public var id: String
    public var specId: String
    public var specVersion: Int
    public var status: String
    public var evaluatedOn: String
    public var layer: String
    public var currency: String
    /// Hourly band in the spec's currency, minor units.
    public var bandMinMinor: Int64
    public var bandMidMinor: Int64
    public var bandMaxMinor: Int64
    public var blocking: Bool
    public var document: String
    public var createdBy: String
    public var createdAt: String
    public var submittedBy: String?
    public var statusBy: String?
    public var statusAt: String?
    public var statusComment: String?
    public var revision: Int

    public init(id: String, specId: String, specVersion: Int, evaluatedOn: String, layer: String, currency: String,
                bandMinMinor: Int64, bandMidMinor: Int64, bandMaxMinor: Int64, blocking: Bool, document: String) {
        self.id = id
        self.specId = specId
        self.specVersion = specVersion
        self.status = ReviewStatus.draft.rawValue
        self.evaluatedOn = evaluatedOn
        self.layer = layer
        self.currency = currency
        self.bandMinMinor = bandMinMinor
        self.bandMidMinor = bandMidMinor
        self.bandMaxMinor = bandMaxMinor
        self.blocking = blocking
        self.document = document
        self.createdBy = ""
        self.createdAt = ""
        self.revision = 1
    }

    public var reviewStatus: ReviewStatus? { ReviewStatus(rawValue: status) }
}

public struct DecisionFileRepository: Sendable {
    let database: any Database
    let now: @Sendable () -> Date
    static let summaryColumns = ["id", "spec_id", "spec_version", "status", "evaluated_on", "layer", "currency",
                                 "band_min_minor", "band_mid_minor", "band_max_minor", "blocking", "created_by",
                                 "created_at", "submitted_by", "status_by", "status_at", "status_comment", "revision"]

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// The list leaves out the document itself; fetch one file to read it.
    public func list(specId: String? = nil, status: String? = nil, layer: String? = nil,
                     page: PageRequest = PageRequest()) async throws -> Page<DecisionFileSummary> {
        try await database.read { sql in
            func filtered(_ builder: SQLSelectBuilder) -> SQLSelectBuilder {
                var builder = builder
                if let specId { builder = builder.where("spec_id", .equal, specId) }
                if let status { builder = builder.where("status", .equal, status) }
                if let layer { builder = builder.where("layer", .equal, layer) }
                return builder
            }
            let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("decision_files")).first()?.decode(column: "n", as: Int.self) ?? 0
            let items = try await filtered(sql.select().columns(DecisionFileRepository.summaryColumns.map { SQLIdentifier($0) })
                .from("decision_files")).orderBy("created_at", .descending).orderBy("id")
                .limit(page.limit).offset(page.offset)
                .all(decoding: DecisionFileSummary.self, keyDecodingStrategy: .convertFromSnakeCase)
            return Page(items: items, total: total, limit: page.limit, offset: page.offset)
        }
    }

    public func get(_ id: String) async throws -> StoredDecisionFile {
        try await database.read { sql in
            guard let file = try await DecisionFileRepository.fetch(id, sql) else {
                throw StorageError.notFound(entity: "decision file", id: id)
            }
            return file
        }
    }

    public func create(_ file: StoredDecisionFile, by principal: Principal) async throws -> StoredDecisionFile {
        let stamp = Timestamp.string(now())
        var stored = file
        stored.status = ReviewStatus.draft.rawValue
        stored.createdBy = principal.email
        stored.createdAt = stamp
        stored.revision = 1
        let created = stored
        return try await database.transaction { sql in
            let inserted = try await sql.insert(into: "decision_files").model(created, keyEncodingStrategy: .convertToSnakeCase)
                .ignoringConflicts(with: "id").returning("id").all()
            guard !inserted.isEmpty else { throw StorageError.duplicate(entity: "decision file", key: created.id) }
            try await AuditLog.append(sql, at: stamp, actor: principal, action: "compute", entity: "decision-file",
                                      entityId: created.id, before: nil, after: try AuditJSON.encode(DecisionFileSummary(created)))
            return created
        }
    }

    /// Moves the file through review if it is still at `expectedRevision` and the move is allowed.
    public func transition(_ id: String, to next: ReviewStatus, comment: String?, expectedRevision: Int,
                           by principal: Principal) async throws -> StoredDecisionFile {
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
            try await AuditLog.append(sql, at: stamp, actor: principal, action: next == .inReview ? "submit" : next.rawValue,
                                      entity: "decision-file", entityId: id,
                                      before: try AuditJSON.encode(DecisionFileSummary(current)),
                                      after: try AuditJSON.encode(DecisionFileSummary(updated)))
            return updated
        }
    }

    static func fetch(_ id: String, _ sql: any SQLDatabase) async throws -> StoredDecisionFile? {
        try await sql.select().column("*").from("decision_files").where("id", .equal, id)
            .first(decoding: StoredDecisionFile.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

/// A decision file without its document: for lists and audit entries.
public struct DecisionFileSummary: Sendable, Codable, Equatable {
    public var id: String
    public var specId: String
    public var specVersion: Int
    public var status: String
    public var evaluatedOn: String
    public var layer: String
    public var currency: String
    public var bandMinMinor: Int64
    public var bandMidMinor: Int64
    public var bandMaxMinor: Int64
    public var blocking: Bool
    public var createdBy: String
    public var createdAt: String
    public var submittedBy: String?
    public var statusBy: String?
    public var statusAt: String?
    public var statusComment: String?
    public var revision: Int

    public init(_ file: StoredDecisionFile) {
        id = file.id
        specId = file.specId
        specVersion = file.specVersion
        status = file.status
        evaluatedOn = file.evaluatedOn
        layer = file.layer
        currency = file.currency
        bandMinMinor = file.bandMinMinor
        bandMidMinor = file.bandMidMinor
        bandMaxMinor = file.bandMaxMinor
        blocking = file.blocking
        createdBy = file.createdBy
        createdAt = file.createdAt
        submittedBy = file.submittedBy
        statusBy = file.statusBy
        statusAt = file.statusAt
        statusComment = file.statusComment
        revision = file.revision
    }
}
