/// A position in a source file, 1-based like every editor shows it.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourceLocation(line: 1, column: 1)
}

/// One problem with an input file, printed as `file:line:column: field: message` so editors
/// and CI annotations can jump to it.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible, Error {
    public var file: String
    public var line: Int
    public var column: Int
    /// Dotted path of the offending field, e.g. `offered.basis` or `tasks[2].share`.
    public var field: String
    public var message: String

    public init(file: String, location: SourceLocation, field: String, message: String) {
        self.file = file
        self.line = location.line
        self.column = location.column
        self.field = field
        self.message = message
    }

    public var location: SourceLocation { SourceLocation(line: line, column: column) }

    public var description: String {
        "\(file):\(line):\(column): \(field.isEmpty ? "(document)" : field): \(message)"
    }
}

/// Thrown when an input has one or more problems; carries all of them, not just the first.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
