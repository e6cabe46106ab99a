/// A row the generic repository can list, read, create, update and delete.
///
/// Property names are camelCase and columns snake_case; SQLKit's encoders convert between
/// them, so adding a field is one property here and one column in a migration.
public protocol StoredRecord: Codable, Sendable, Equatable {
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
public struct FieldProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// A page of a list: the rows, the total matching the filters, and where the page starts.
public struct Page<Item: Sendable & Codable>: Sendable, Codable {
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }

    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), total: total, limit: limit, offset: offset)
    }
}

/// Limit and offset, clamped so one request cannot ask for the whole table.
public struct PageRequest: Sendable, Equatable {
    public static let maximumLimit = 500
    public var limit: Int
    public var offset: Int

    public init(limit: Int = 50, offset: Int = 0) {
        self.limit = min(max(limit, 1), PageRequest.maximumLimit)
        self.offset = max(offset, 0)
    }
}

/// Who made a change, as recorded in the audit log.
public struct Principal: Sendable, Equatable, Codable {
    public var userId: String
    public var email: String

    public init(userId: String, email: String) {
        self.userId = userId
        self.email = email
    }

    /// Changes made by Wagefile itself: migrations, demo data.
    public static let system = Principal(userId: "system", email: "system")
}
