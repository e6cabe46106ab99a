public import WorkModel

/// One grade of the job architecture: a midpoint in US dollars per hour in the US market and a
/// range spread, from which its band follows as every band in Wagefile does.
public struct JobGrade: Sendable, Hashable {
    public var id: String
    public var name: String
    /// USD per hour, in the US market, before any location differential.
    public var midUSDHourly: Double
    /// (max - min) / min, stated against the minimum.
    public var rangeSpread: Double
    /// What usually sits in this grade; roles are placed by their midpoint, never by this.
    public var typical: String?
    public var ref: SourceRef

    public init(
        id: String, name: String, midUSDHourly: Double, rangeSpread: Double, typical: String? = nil, ref: SourceRef
    ) {
        self.id = id
        self.name = name
        self.midUSDHourly = midUSDHourly
        self.rangeSpread = rangeSpread
        self.typical = typical
        self.ref = ref
    }

    /// min = mid / (1 + spread / 2).
    public var minUSDHourly: Double { midUSDHourly / (1 + rangeSpread / 2) }
    /// max = min x (1 + spread).
    public var maxUSDHourly: Double { minUSDHourly * (1 + rangeSpread) }
}

/// The relations between neighbouring grades that a pay structure is judged by
/// (pay-structure-practice; FACTS section 7).
public enum GradeStructure {
    /// Midpoint progression from `lower` to `upper`: mid(upper) / mid(lower) - 1.
    public static func progression(from lower: JobGrade, to upper: JobGrade) -> Double {
        lower.midUSDHourly > 0 ? upper.midUSDHourly / lower.midUSDHourly - 1 : 0
    }

    /// Range overlap of two neighbours: (max(lower) - min(upper)) / (max(upper) - min(upper)).
    /// Positive when the ranges share pay; negative is a gap between them.
    public static func overlap(lower: JobGrade, upper: JobGrade) -> Double {
        let width = upper.maxUSDHourly - upper.minUSDHourly
        return width > 0 ? (lower.maxUSDHourly - upper.minUSDHourly) / width : 0
    }
}

extension ReferenceSet {
    /// The grade with `id`, if the structure has one.
    public func grade(_ id: String) -> JobGrade? { grades.first { $0.id == id } }
}
