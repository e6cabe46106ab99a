import WorkModel

/// How values are compared (Krippendorff 2011): labels that only differ, ranks, differences
/// on a scale, or ratios to a true zero.
public enum MeasurementLevel: String, Sendable, CaseIterable, Codable {
    /// `nominal`: labels that are only equal or different; `ordinal`: ranks (needs numbers or an
    /// order); `interval`: differences on a numeric scale; `ratio`: numbers at or above a true zero.
    case nominal, ordinal, interval, ratio

    /// Whether every value must be a number (interval and ratio).
    var needsNumbers: Bool { self == .interval || self == .ratio }
}

/// The distinct values of a judgment set, in the order the level needs: numbers ascending,
/// labels in the order the user gave (`--value-order`) or alphabetically for nominal data.
/// Statistics work on the codes `0..<count`.
public struct ValueDomain: Sendable, Hashable {
    /// The values in code order.
    public let values: [JudgmentValue]
    private let index: [JudgmentValue: Int]

    /// A domain of `values` in the given order: each value's code is its index.
    public init(values: [JudgmentValue]) {
        self.values = values
        var index: [JudgmentValue: Int] = [:]
        for (code, value) in values.enumerated() { index[value] = code }
        self.index = index
    }

    /// How many distinct values (codes are `0..<count`).
    public var count: Int { values.count }

    /// The code of a value; nil when it is not in the domain.
    public func code(of value: JudgmentValue) -> Int? { index[value] }

    /// The number a metric uses for a code: the value itself when numeric, else its rank.
    public func scalar(_ code: Int) -> Double { values[code].number ?? Double(code) }

    /// Orders `raw` for `level`. Throws with the value and where it was first seen when a
    /// value does not fit (a label at the interval level, a label missing from the order).
    static func build(
        raw: [JudgmentValue], level: MeasurementLevel, order: [JudgmentValue]?,
        firstSeen: (JudgmentValue) -> (file: String, line: Int)
    ) throws(InputError) -> ValueDomain {
        let distinct = Array(Set(raw))
        func problem(_ value: JudgmentValue, _ message: String) -> Diagnostic {
            let at = firstSeen(value)
            return Diagnostic(
                file: at.file, location: SourceLocation(line: at.line, column: 1), field: "value", message: message)
        }
        if let order {
            var seen = Set<JudgmentValue>()
            for value in order where !seen.insert(value).inserted {
                throw InputError([
                    Diagnostic(
                        file: "--value-order", location: .start, field: value.description, message: "named twice")
                ])
            }
            let missing = distinct.filter { !seen.contains($0) }.sorted()
            guard missing.isEmpty else {
                throw InputError(
                    missing.prefix(5).map {
                        problem(
                            $0, "'\($0)' is not in --value-order (\(order.map(\.description).joined(separator: ",")))")
                    })
            }
            return ValueDomain(values: order)
        }
        if level != .nominal {
            let labels = distinct.filter { $0.number == nil }.sorted()
            guard labels.isEmpty else {
                let hint =
                    level == .ordinal
                    ? "the ordinal level needs numbers or an order for the labels (--value-order low,mid,high)"
                    : "the \(level.rawValue) level needs numbers"
                throw InputError(labels.prefix(5).map { problem($0, "'\($0)' is not a number; \(hint)") })
            }
        }
        if level == .ratio, let negative = distinct.first(where: { ($0.number ?? 0) < 0 }) {
            throw InputError([
                problem(negative, "'\(negative)' is negative; the ratio level needs values at or above a true zero")
            ])
        }
        return ValueDomain(values: distinct.sorted())
    }
}
