package import Foundation
import SQLKit

/// A role or contract spec: its current state and how many versions it has had.
package struct StoredSpec: Sendable, Codable, Equatable {
    package var id: String
    package var kind: String
    package var title: String
    package var currentVersion: Int
    package var createdBy: String
    package var createdAt: String
    package var updatedAt: String
}

/// One saved version of a spec. Versions are never changed or removed.
package struct SpecVersion: Sendable, Codable, Equatable {
    package var specId: String
    package var version: Int
    /// The spec text as the user wrote it (YAML or JSON).
    package var body: String
    package var comment: String?
    package var createdBy: String
    package var createdAt: String
}

/// Specs and their version history. The caller validates the text; this stores it.
package struct SpecRepository: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    package init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    package func list(kind: String? = nil, search: String? = nil, page: PageRequest = PageRequest()) async throws
        -> Page<StoredSpec>
    {
        try await database.read { sql in
            try await PagedSelect.fetch(
                sql, from: "specs", equal: kind.map { [("kind", $0)] } ?? [], search: search.map { ("title", $0) },
                orderBy: [("id", .ascending)], page: page, as: StoredSpec.self)
        }
    }

    package func get(_ id: String) async throws -> StoredSpec {
        try await database.read { sql in
            guard let spec = try await SpecRepository.fetch(id, sql) else {
                throw StorageError.notFound(entity: "spec", id: id)
            }
            return spec
        }
    }

    package func version(_ id: String, _ version: Int) async throws -> SpecVersion {
        try await database.read { sql in
            guard
                let found = try await sql.select().column("*").from("spec_versions")
                    .where("spec_id", .equal, id).where("version", .equal, version)
                    .first(decoding: SpecVersion.self, keyDecodingStrategy: .convertFromSnakeCase)
            else { throw StorageError.notFound(entity: "spec version", id: "\(id) v\(version)") }
            return found
        }
    }

    /// Every version, oldest first.
    package func versions(_ id: String) async throws -> [SpecVersion] {
        try await database.read { sql in
            guard try await SpecRepository.fetch(id, sql) != nil else {
                throw StorageError.notFound(entity: "spec", id: id)
            }
            return try await sql.select().column("*").from("spec_versions").where("spec_id", .equal, id)
                .orderBy("version").all(decoding: SpecVersion.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    /// Creates the spec with its first version.
    package func create(
        id: String, kind: String, title: String, body: String, comment: String?, by principal: Principal
    )
        async throws -> StoredSpec
    {
        let stamp = Timestamp.string(now())
        let spec = StoredSpec(
            id: id, kind: kind, title: title, currentVersion: 1, createdBy: principal.email,
            createdAt: stamp, updatedAt: stamp)
        let first = SpecVersion(
            specId: id, version: 1, body: body, comment: comment, createdBy: principal.email, createdAt: stamp)
        return try await database.transaction { sql in
            if try await SpecRepository.fetch(id, sql) != nil { throw StorageError.duplicate(entity: "spec", key: id) }
            // A concurrent create of the same id commits between the check and the insert.
            let inserted = try await sql.insert(into: "specs").model(spec, keyEncodingStrategy: .convertToSnakeCase)
                .ignoringConflicts(with: "id").returning("id").all()
            guard !inserted.isEmpty else { throw StorageError.duplicate(entity: "spec", key: id) }
            try await sql.insert(into: "spec_versions").model(first, keyEncodingStrategy: .convertToSnakeCase).run()
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "create", entity: "spec", entityId: id,
                before: nil, after: try AuditJSON.encode(first))
            return spec
        }
    }

    /// Saves a new version if the spec is still at `expectedVersion`; a stale editor gets a
    /// conflict and their text is not stored over someone else's.
    package func addVersion(
        id: String, expectedVersion: Int, kind: String, title: String, body: String, comment: String?,
        by principal: Principal
    ) async throws -> (StoredSpec, SpecVersion) {
        let stamp = Timestamp.string(now())
        return try await database.transaction { sql in
            guard var spec = try await SpecRepository.fetch(id, sql) else {
                throw StorageError.notFound(entity: "spec", id: id)
            }
            guard spec.currentVersion == expectedVersion else {
                throw StorageError.conflict(entity: "spec", id: id, current: spec.currentVersion)
            }
            let previous = try await sql.select().column("*").from("spec_versions")
                .where("spec_id", .equal, id).where("version", .equal, expectedVersion)
                .first(decoding: SpecVersion.self, keyDecodingStrategy: .convertFromSnakeCase)
            let next = SpecVersion(
                specId: id, version: expectedVersion + 1, body: body, comment: comment,
                createdBy: principal.email, createdAt: stamp)
            let moved = try await sql.update("specs").set("current_version", to: next.version).set("kind", to: kind)
                .set("title", to: title).set("updated_at", to: stamp)
                .where("id", .equal, id).where("current_version", .equal, expectedVersion).returning("id").all()
            guard !moved.isEmpty else {
                throw StorageError.conflict(entity: "spec", id: id, current: expectedVersion + 1)
            }
            try await sql.insert(into: "spec_versions").model(next, keyEncodingStrategy: .convertToSnakeCase).run()
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "new-version", entity: "spec", entityId: id,
                before: try previous.map { try AuditJSON.encode($0) }, after: try AuditJSON.encode(next))
            spec.currentVersion = next.version
            spec.kind = kind
            spec.title = title
            spec.updatedAt = stamp
            return (spec, next)
        }
    }

    static func fetch(_ id: String, _ sql: any SQLDatabase) async throws -> StoredSpec? {
        try await sql.select().column("*").from("specs").where("id", .equal, id)
            .first(decoding: StoredSpec.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
