public import WorkModel
public import Specs
import ReferenceData

/// Prices many specs, one result per spec, so a bad spec is reported without stopping the rest.
public struct BatchPricing: Sendable {
    public let builder: DecisionFileBuilder
    public let reader: RoleSpecReader

    public init(builder: DecisionFileBuilder) {
        self.builder = builder
        self.reader = RoleSpecReader(vocabulary: builder.reference.vocabulary)
    }

    public enum Outcome: Sendable {
        case priced(DecisionFile)
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
    public var schema = "wagefile.error/v1"
    public var file: String
    public var line: Int
    public var diagnostics: [Diagnostic]

    public init(_ error: InputError) {
        let first = error.diagnostics.first
        self.file = first?.file ?? ""
        self.line = first?.line ?? 0
        self.diagnostics = error.diagnostics
    }
}
