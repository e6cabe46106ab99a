import ReferenceData
public import Specs
public import WorkModel

/// Prices many specs, one result per spec, so a bad spec is reported without stopping the rest.
public struct BatchPricing: Sendable {
    /// Prices each spec that reads cleanly, on the builder's evaluation date.
    public let builder: DecisionFileBuilder
    /// Reads specs against the builder's reference vocabulary.
    public let reader: RoleSpecReader

    /// A batch that prices with `builder` and reads with its reference's vocabulary.
    public init(builder: DecisionFileBuilder) {
        self.builder = builder
        self.reader = RoleSpecReader(vocabulary: builder.reference.vocabulary)
    }

    /// One spec's result: its decision file, or every diagnostic that stopped it.
    public enum Outcome: Sendable {
        /// The spec read cleanly and was priced.
        case priced(DecisionFile)
        /// The spec did not read; the error holds a diagnostic per problem, with file, line and column.
        case rejected(InputError)
    }

    /// Prices one document (a YAML file, or one JSON Lines line at `lineOffset`).
    public func price(_ text: String, file: String, lineOffset: Int = 0) -> Outcome {
        switch reader.read(text, file: file, lineOffset: lineOffset) {
        case .success(let spec): .priced(builder.build(spec))
        case .failure(let error): .rejected(error)
        }
    }

    /// Each non-blank line of a JSON Lines stream, with its 0-based line offset.
    public static func lines(of text: String) -> [(offset: Int, text: Substring)] {
        var result: [(Int, Substring)] = []
        // Split on any line break: "\r\n" is one Character in Swift, so splitting on "\n" alone
        // would see a Windows file as a single line.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.contains(where: { !$0.isWhitespace }) { result.append((index, line)) }
        }
        return result
    }
}

/// The JSON Lines record for a spec that could not be priced.
public struct RejectedSpec: Sendable, Codable, Hashable {
    /// The record's schema id, `wagefile.error/v1`, so a JSON Lines reader can tell it from a decision file.
    public var schema = "wagefile.error/v1"
    /// The file of the first diagnostic.
    public var file: String
    /// The line of the first diagnostic (1-based); 0 when it has none.
    public var line: Int
    /// Every problem found in the spec.
    public var diagnostics: [Diagnostic]

    /// The record for a spec `error` stopped, located at its first diagnostic.
    public init(_ error: InputError) {
        let first = error.diagnostics.first
        self.file = first?.file ?? ""
        self.line = first?.line ?? 0
        self.diagnostics = error.diagnostics
    }
}
