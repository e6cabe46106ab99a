public import ReferenceData
import WorkModel

/// One factor's contribution to an axis score.
public struct FactorScore: Sendable, Hashable, Codable {
    public var axis: String
    public var factor: String
    public var level: String
    public var points: Double
    /// True when the spec left the factor out and the table's default level was used.
    public var assumed: Bool?

    public init(axis: String, factor: String, level: String, points: Double, assumed: Bool? = nil) {
        self.axis = axis
        self.factor = factor
        self.level = level
        self.points = points
        self.assumed = assumed
    }
}

/// Point-factor scores on the job-value axes: task complexity (skills: what the worker does),
/// responsibility for consequences (what happens if the work is wrong), and effort and working
/// conditions (what the work costs the worker). Market factors score nothing; they only
/// trigger premiums.
public struct PointScore: Sendable, Hashable {
    public var complexity: Double
    public var consequence: Double
    public var conditions: Double
    public var factors: [FactorScore]

    public var total: Double { complexity + consequence + conditions }

    /// Scores `levels` against the factor tables. Levels must already be valid (the spec
    /// reader checks them); a factor left out takes its table's default, and an unknown level
    /// scores nothing rather than crashing.
    public static func score(_ levels: [String: String], tables: [EvaluationFactor], assumed: [String] = [])
        -> PointScore
    {
        var complexity = 0.0, consequence = 0.0, conditions = 0.0
        var factors: [FactorScore] = []
        factors.reserveCapacity(tables.count)
        for table in tables {
            let stated = levels[table.id]
            guard let id = stated ?? table.defaultLevel, let level = table.level(id) else { continue }
            switch table.axis {
            case .complexity: complexity += level.points
            case .consequence: consequence += level.points
            case .conditions: conditions += level.points
            case .market: break
            }
            let wasAssumed = stated == nil || assumed.contains(table.id)
            factors.append(
                FactorScore(
                    axis: table.axis.rawValue, factor: table.id, level: id,
                    points: table.axis == .market ? 0 : level.points, assumed: wasAssumed ? true : nil))
        }
        return PointScore(complexity: complexity, consequence: consequence, conditions: conditions, factors: factors)
    }
}
