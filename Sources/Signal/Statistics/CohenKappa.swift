/// Cohen's kappa for two reviewers on the items both judged: unweighted, and with linear or
/// quadratic disagreement weights over the category order (|i - j| / (K - 1), squared for
/// quadratic), as scikit-learn's `cohen_kappa_score` and statsmodels' `cohens_kappa` define it.
public struct CohenKappaResult: Sendable, Codable, Hashable {
    public var reviewers: [String]
    public var items: Int
    public var unweighted: Double?
    public var linear: Double?
    public var quadratic: Double?
}

public enum CohenKappa {
    public enum Weighting: Sendable { case none, linear, quadratic }

    /// The K x K table (row: first reviewer, column: second) of the two reviewers' values.
    public struct Table: Sendable, Hashable {
        public let size: Int
        public var cells: [Double]
        public init(size: Int) {
            self.size = size
            cells = [Double](repeating: 0, count: size * size)
        }
        public mutating func add(_ first: Int, _ second: Int) { cells[first * size + second] += 1 }
        public mutating func merge(_ other: Table) { for i in cells.indices { cells[i] += other.cells[i] } }
        public var total: Double { cells.reduce(0, +) }
    }

    public static func kappa(_ table: Table, weighting: Weighting) -> Double? {
        let k = table.size
        let n = table.total
        guard n > 0, k > 1 else { return nil }
        var rows = [Double](repeating: 0, count: k), columns = rows
        for i in 0..<k {
            for j in 0..<k {
                rows[i] += table.cells[i * k + j]
                columns[j] += table.cells[i * k + j]
            }
        }
        var observed = 0.0, expected = 0.0
        for i in 0..<k {
            for j in 0..<k {
                let w: Double
                switch weighting {
                case .none: w = i == j ? 0 : 1
                case .linear: w = Double(abs(i - j)) / Double(k - 1)
                case .quadratic: w = Double((i - j) * (i - j)) / Double((k - 1) * (k - 1))
                }
                observed += w * table.cells[i * k + j] / n
                expected += w * rows[i] * columns[j] / (n * n)
            }
        }
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }

    /// The table of a two-reviewer set over its value domain (the values either used, in order).
    public static func table(_ set: JudgmentSet, first: Int = 0, second: Int = 1) -> (table: Table, items: Int) {
        var table = Table(size: set.domain.count)
        var items = 0
        for shard in set.shards {
            UnitGroups.forEachUnit(shard) { _, members in
                var a: Int32 = -1, b: Int32 = -1
                for j in members {
                    let r = Int(shard.reviewer[Int(j)]), v = shard.value[Int(j)]
                    if r == first, v >= 0 { a = v }
                    if r == second, v >= 0 { b = v }
                }
                if a >= 0 && b >= 0 {
                    table.add(Int(a), Int(b))
                    items += 1
                }
            }
        }
        return (table, items)
    }

    public static func compute(_ set: JudgmentSet) -> CohenKappaResult? {
        guard set.reviewers.count == 2 else { return nil }
        let (table, items) = table(set)
        // scikit-learn's weights use the positions among the labels present; drop unused codes.
        let used = (0..<table.size).filter { c in (0..<table.size).contains { table.cells[c * table.size + $0] > 0 || table.cells[$0 * table.size + c] > 0 } }
        var compact = Table(size: used.count)
        for (i, c) in used.enumerated() {
            for (j, d) in used.enumerated() { compact.cells[i * used.count + j] = table.cells[c * table.size + d] }
        }
        return CohenKappaResult(
            reviewers: set.reviewers, items: items, unweighted: kappa(compact, weighting: .none),
            linear: kappa(compact, weighting: .linear), quadratic: kappa(compact, weighting: .quadratic))
    }
}
