/// Cohen's kappa for two reviewers on the items both judged: unweighted, and with linear or
/// quadratic disagreement weights over the category order (|i - j| / (K - 1), squared for
/// quadratic), as scikit-learn's `cohen_kappa_score` and statsmodels' `cohens_kappa` define it.
public struct CohenKappaResult: Sendable, Codable, Hashable {
    /// The two reviewers, in code order (the first is the table's rows).
    public var reviewers: [String]
    /// Items both reviewers gave a value, each counted once.
    public var items: Int
    /// Unweighted kappa, at most 1; nil when undefined (no common item, fewer than two values in
    /// use, or chance disagreement 0).
    public var unweighted: Double?
    /// Kappa with linear weights |i - j| / (K - 1) over the positions of the values used; nil when
    /// undefined, as for `unweighted`.
    public var linear: Double?
    /// Kappa with quadratic weights ((i - j) / (K - 1))^2; nil when undefined, as for `unweighted`.
    public var quadratic: Double?
}

/// Cohen's kappa from a two-reviewer table; see `CohenKappaResult` for the definition and the
/// reference packages (scikit-learn `cohen_kappa_score`, statsmodels `cohens_kappa`).
public enum CohenKappa {
    /// How disagreements between categories i and j of K are weighted.
    /// `none`: 1 for any disagreement; `linear`: |i - j| / (K - 1); `quadratic`: ((i - j) / (K - 1))^2.
    public enum Weighting: Sendable { case none, linear, quadratic }

    /// The K x K table (row: first reviewer, column: second) of the two reviewers' values.
    public struct Table: Sendable, Hashable {
        /// K, the number of categories (rows and columns).
        public let size: Int
        /// Counts in row-major order: cells[i * size + j] items the first reviewer put in category i
        /// and the second in j.
        public var cells: [Double]
        /// An empty K x K table.
        public init(size: Int) {
            self.size = size
            cells = [Double](repeating: 0, count: size * size)
        }
        /// Counts one item with the first reviewer's category `first` and the second's `second`.
        public mutating func add(_ first: Int, _ second: Int) { cells[first * size + second] += 1 }
        /// Adds another table of the same size.
        public mutating func merge(_ other: Table) { for i in cells.indices { cells[i] += other.cells[i] } }
        /// Items counted in the table.
        public var total: Double { cells.reduce(0, +) }
    }

    /// Kappa of a table, 1 - sum w_ij o_ij / sum w_ij e_ij with o the observed and e the chance
    /// shares. Nil when undefined: an empty table, fewer than two categories, or no expected
    /// disagreement (every item in one category).
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

    /// Cohen's kappa of a set with exactly two reviewers (nil otherwise), over the items both gave
    /// a value; the weights use the positions of the values present in the table, as scikit-learn
    /// does.
    public static func compute(_ set: JudgmentSet) -> CohenKappaResult? {
        guard set.reviewers.count == 2 else { return nil }
        let (table, items) = table(set)
        // scikit-learn's weights use the positions among the labels present; drop unused codes.
        let used = (0..<table.size).filter { c in
            (0..<table.size).contains { table.cells[c * table.size + $0] > 0 || table.cells[$0 * table.size + c] > 0 }
        }
        var compact = Table(size: used.count)
        for (i, c) in used.enumerated() {
            for (j, d) in used.enumerated() { compact.cells[i * used.count + j] = table.cells[c * table.size + d] }
        }
        return CohenKappaResult(
            reviewers: set.reviewers, items: items, unweighted: kappa(compact, weighting: .none),
            linear: kappa(compact, weighting: .linear), quadratic: kappa(compact, weighting: .quadratic))
    }
}
