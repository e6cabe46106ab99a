import Foundation
import Hummingbird
import Storage

/// The five routes of a stored record (list, create, read, replace, delete) for people,
/// vendors, datasets and market data.
struct RecordController<Record: StoredRecord> {
    let repository: RecordRepository<Record>
    let path: String
    let writePermission: Permission
    /// What the user may see of a record (pay removed for most roles).
    let redact: @Sendable (Record, User) -> Record
    /// Checks the whole set of records a write would leave (market data must still give a pay
    /// line), before anything is written; throws a problem to refuse the write.
    var check: (@Sendable (_ proposed: [Record]) throws -> Void)? = nil
    /// Runs after a write is committed (the pricer is rebuilt from new market data).
    var changed: (@Sendable () async throws -> Void)? = nil
    /// Fields the server owns: ignored in what the client sends.
    static var serverFields: Set<String> { ["revision", "createdAt", "updatedAt"] }

    func register(_ registry: EndpointRegistry, _ router: Router<AppRequestContext>) {
        let repository = self.repository
        let redact = self.redact
        let check = self.check, changed = self.changed
        @Sendable func proposed(_ change: (inout [Record]) -> Void) async throws {
            guard let check else { return }
            var records = try await repository.all()
            change(&records)
            try check(records)
        }
        registry.add(router, .get, path, .read) { request, context in
            let query = ListQuery(request: request)
            var filters: [String: String] = [:]
            for name in Record.filters.keys { if let value = query.string(name) { filters[name] = value } }
            let page = try await repository.list(filters: filters, search: query.string("q"), page: try query.page)
            let user = try context.signedInUser
            return try JSONBody.response(page.map { redact($0, user) })
        }
        registry.add(router, .post, path, writePermission) { request, context in
            let user = try context.signedInUser
            var object = try await JSONBody.object(request, context)
            if object["id"] == nil { object["id"] = UUID().uuidString.lowercased() }
            let record = try RecordController.decode(object)
            try await proposed { $0.append(record) }
            let created = try await repository.create(record, by: user.principal)
            try await changed?()
            return try JSONBody.response(
                redact(created, user), status: .created, etag: created.revision,
                headers: [.location: "\(path)/\(PathSegment.encode(created.id))"])
        }
        registry.add(router, .get, path + "/{id}", .read) { _, context in
            let record = try await repository.get(try context.path("id"))
            return try JSONBody.response(redact(record, try context.signedInUser), etag: record.revision)
        }
        registry.add(router, .put, path + "/{id}", writePermission) { request, context in
            let user = try context.signedInUser
            let id = try context.path("id")
            let expected = try ETag.expectedRevision(request, what: Record.entity)
            var object = try await JSONBody.object(request, context)
            if let bodyID = object["id"] as? String, bodyID != id {
                throw Problem.unprocessable(
                    "the id in the body differs from the URL",
                    errors: [.init(field: "id", message: "must be '\(id)' or left out")])
            }
            object["id"] = id
            let record = try RecordController.decode(object)
            try await proposed { records in records = records.map { $0.id == id ? record : $0 } }
            let updated = try await repository.update(record, expectedRevision: expected, by: user.principal)
            try await changed?()
            return try JSONBody.response(redact(updated, user), etag: updated.revision)
        }
        registry.add(router, .delete, path + "/{id}", writePermission) { request, context in
            let user = try context.signedInUser
            let expected = try ETag.expectedRevision(request, what: Record.entity)
            let id = try context.path("id")
            try await proposed { records in records.removeAll { $0.id == id } }
            try await repository.delete(id, expectedRevision: expected, by: user.principal)
            try await changed?()
            return Response(status: .noContent)
        }
    }

    /// Decodes a record from what the client sent, refusing fields the record does not have so
    /// a misspelt field is an error rather than silently dropped.
    static func decode(_ input: [String: Any]) throws -> Record {
        var object = input
        for field in serverFields { object.removeValue(forKey: field) }
        object["revision"] = 0
        object["createdAt"] = ""
        object["updatedAt"] = ""
        let record = try JSONBody.decode(Record.self, from: object)
        let known = Set(Mirror(reflecting: record).children.compactMap(\.label))
        let unknown = input.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw Problem.unprocessable(
                "the body has fields a \(Record.entity) does not have",
                errors: unknown.map { .init(field: $0, message: "is not a field of \(Record.entity)") })
        }
        return record
    }
}
