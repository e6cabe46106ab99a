/// How much a shipped or user-supplied figure can be leaned on.
/// `low` marks figures that are unverified, secondary-only or a Wagefile policy assumption:
/// they are used, but every decision file that uses one says so.
public enum Confidence: String, Sendable, Codable, CaseIterable, Comparable {
    case high, medium, low

    private var rank: Int {
        switch self {
        case .high: 2
        case .medium: 1
        case .low: 0
        }
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// Where a reference record came from: a key into the source ledger, the date the figure
/// describes, and how sure we are of it.
public struct SourceRef: Sendable, Hashable, Codable {
    public var source: String
    public var asOf: String
    public var confidence: Confidence

    public init(source: String, asOf: String, confidence: Confidence) {
        self.source = source
        self.asOf = asOf
        self.confidence = confidence
    }
}

/// One traced figure in a decision file: which number, its value, and either the sourced
/// record it came from or the spec input and the formula that produced it.
public struct Provenance: Sendable, Hashable, Codable {
    /// JSON path of the figure in the decision file, e.g. `band.hourly.mid`.
    public var figure: String
    public var value: Double?
    public var unit: String?
    /// Source ledger key, or `spec` for a figure taken from the user's file, or `computed`.
    public var source: String
    public var asOf: String?
    public var confidence: Confidence?
    /// The formula or reasoning that turned inputs into this figure.
    public var derivation: String

    public init(
        figure: String, value: Double?, unit: String? = nil, source: String,
        asOf: String? = nil, confidence: Confidence? = nil, derivation: String
    ) {
        self.figure = figure
        self.value = value
        self.unit = unit
        self.source = source
        self.asOf = asOf
        self.confidence = confidence
        self.derivation = derivation
    }

    public init(figure: String, value: Double?, unit: String? = nil, ref: SourceRef, derivation: String) {
        self.init(
            figure: figure, value: value, unit: unit, source: ref.source,
            asOf: ref.asOf, confidence: ref.confidence, derivation: derivation)
    }
}
