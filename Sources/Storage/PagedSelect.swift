import Foundation
import SQLKit

/// One page of a filtered list and the total the filter matches. Both queries are built from
/// the same conditions, so the total always describes the rows being paged through.
enum PagedSelect {
    static func fetch<Row: Decodable & Sendable & Codable>(
        _ sql: any SQLDatabase, from table: String, columns: [String]? = nil,
        equal conditions: [(column: String, value: String)], search: (column: String, text: String)? = nil,
        orderBy order: [(column: String, direction: SQLDirection)], page: PageRequest, as row: Row.Type
    ) async throws -> Page<Row> {
        func filtered(_ builder: SQLSelectBuilder) -> SQLSelectBuilder {
            var builder = builder
            for condition in conditions {
                builder = builder.where(SQLIdentifier(condition.column), .equal, SQLBind(condition.value))
            }
            if let search, !search.text.isEmpty {
                builder = builder.where(Search.contains(column: search.column, search.text))
            }
            return builder
        }
        let total =
            try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        var select = columns.map { sql.select().columns($0.map { SQLIdentifier($0) }) } ?? sql.select().column("*")
        select = filtered(select.from(table))
        for (column, direction) in order { select = select.orderBy(column, direction) }
        let items = try await select.limit(page.limit).offset(page.offset)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Page(items: items, total: total, limit: page.limit, offset: page.offset)
    }
}

/// Case-insensitive substring search that both databases run the same way.
enum Search {
    /// `LOWER(column) LIKE '%text%' ESCAPE '!'`, with `%`, `_` and `!` typed by the user matched
    /// as themselves rather than as wildcards.
    static func contains(column: String, _ text: String) -> any SQLExpression {
        let escaped = text.lowercased().replacingOccurrences(of: "!", with: "!!")
            .replacingOccurrences(of: "%", with: "!%").replacingOccurrences(of: "_", with: "!_")
        return SQLQueryString("LOWER(\(ident: column)) LIKE \(bind: "%" + escaped + "%") ESCAPE '!'")
    }
}
