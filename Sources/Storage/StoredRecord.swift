/// A row the generic repository can list, read, create, update and delete.
///
/// Property names are camelCase and columns snake_case; SQLKit's encoders convert between
/// them, so adding a field is one property here and one column in a migration.
package protocol StoredRecord: Codable, Sendable, Equatable {
    /// The table holding the rows.
    static var table: String { get }
    /// The name used in audit entries, URLs and messages ("person", "vendor").
    static var entity: String { get }
    /// Columns a list may filter on with equality, as (query name, column).
    static var filters: [String: String] { get }
    /// The column lists are ordered by, then by id.
    static var sortColumn: String { get }

    var id: String { get set }
    var revision: Int { get set }
    var createdAt: String { get set }
    var updatedAt: String { get set }

    /// What is wrong with the values, field by field; empty when the record can be stored.
    func problems() -> [FieldProblem]
}

/// One invalid field: the JSON field name and what was expected.
package struct FieldProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    package var field: String
    package var message: String

    package init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    package var description: String { "\(field): \(message)" }
}

/// A page of a list: the rows, the total matching the filters, and where the page starts.
package struct Page<Item: Sendable & Codable>: Sendable, Codable {
    package var items: [Item]
    package var total: Int
    package var limit: Int
    package var offset: Int

    package init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }

    package func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), total: total, limit: limit, offset: offset)
    }
}

/// Limit and offset, clamped so one request cannot ask for the whole table.
package struct PageRequest: Sendable, Equatable {
    package static let maximumLimit = 500
    package var limit: Int
    package var offset: Int

    package init(limit: Int = 50, offset: Int = 0) {
        self.limit = min(max(limit, 1), PageRequest.maximumLimit)
        self.offset = max(offset, 0)
    }
}

/// Who made a change, as recorded in the audit log.
package struct Principal: Sendable, Equatable, Codable {
    package var userId: String
    package var email: String

    package init(userId: String, email: String) {
        self.userId = userId
        self.email = email
    }

    /// Changes made by Wagefile itself: migrations, demo data.
    package static let system = Principal(userId: "system", email: "system")
}
