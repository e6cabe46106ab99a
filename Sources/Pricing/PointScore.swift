import WorkModel
public import ReferenceData

/// One factor's contribution to an axis score.
public struct FactorScore: Sendable, Hashable, Codable {
    public var axis: String
    public var factor: String
    public var level: String
    public var points: Double
}

/// Point-factor scores on the two axes: task complexity (what the worker does) and
/// responsibility for consequences (what happens if the work is wrong).
public struct PointScore: Sendable, Hashable {
    public var complexity: Double
    public var consequence: Double
    public var factors: [FactorScore]

    public var total: Double { complexity + consequence }

    /// Scores `levels` against the factor tables. Levels must already be valid (the spec
    /// reader checks them); an unknown level scores nothing rather than crashing.
    public static func score(_ levels: [String: String], tables: [EvaluationFactor]) -> PointScore {
        var complexity = 0.0, consequence = 0.0
        var factors: [FactorScore] = []
        factors.reserveCapacity(tables.count)
        for table in tables {
            guard let id = levels[table.id], let level = table.level(id) else { continue }
            switch table.axis {
            case .complexity: complexity += level.points
            case .consequence: consequence += level.points
            }
            factors.append(FactorScore(axis: table.axis.rawValue, factor: table.id, level: id, points: level.points))
        }
        return PointScore(complexity: complexity, consequence: consequence, factors: factors)
    }
}
