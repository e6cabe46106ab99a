/// Krippendorff's coincidence matrix: o[c][k] is the number of pairable (c, k) value pairs,
/// each unit's pairs weighted 1/(m_u - 1). It is the sufficient statistic of alpha at every
/// level: coincidences of unit-disjoint parts of the data add up to those of the whole.
///
/// SAFETY: `addUnit` only reads `codes` and `counts` at indices below their `count`; callers pass
/// buffers borrowed from arrays for the length of the call.
public struct Coincidences: Sendable, Hashable {
    /// V, the size of the value domain: the matrix is V x V over codes.
    public let valueCount: Int
    /// Dense row-major V x V for small domains; sparse (c * V + k -> weight) above 1,024 values.
    private var dense: [Double]
    private var sparse: [Int: Double]

    static let denseLimit = 1024

    /// An empty matrix over `valueCount` codes.
    public init(valueCount: Int) {
        self.valueCount = valueCount
        dense = valueCount <= Self.denseLimit ? [Double](repeating: 0, count: valueCount * valueCount) : []
        sparse = [:]
    }

    /// Whether the matrix is stored densely (at most 1,024 values) rather than as sparse cells.
    var isDense: Bool { valueCount <= Self.denseLimit }

    /// o[c][k]: the weighted number of (c, k) pairs; 0 for a pair never seen.
    public subscript(c: Int, k: Int) -> Double {
        isDense ? dense[c * valueCount + k] : sparse[c * valueCount + k, default: 0]
    }

    @inline(__always)
    mutating func add(_ c: Int, _ k: Int, _ weight: Double) {
        if isDense {
            dense[c * valueCount + k] += weight
        } else {
            sparse[c * valueCount + k, default: 0] += weight
        }
    }

    /// Adds one unit given its distinct value codes and their counts (m = total >= 2).
    mutating func addUnit(
        codes: UnsafeBufferPointer<Int32>, counts: UnsafeBufferPointer<Int32>, total m: Int, weight: Double = 1
    ) {
        let scale = weight / Double(m - 1)
        for i in 0..<codes.count {
            let c = Int(codes[i]), nc = Double(counts[i])
            add(c, c, nc * (nc - 1) * scale)
            for j in 0..<codes.count where j != i {
                add(c, Int(codes[j]), nc * Double(counts[j]) * scale)
            }
        }
    }

    /// Adds `weight` units sharing one value pattern (`UnitPatterns.pattern`): distinct codes
    /// and their counts, at least two values in all.
    mutating func addPattern(codes: [Int32], counts: [Int32], weight: Double) {
        let m = counts.reduce(0) { $0 + Int($1) }
        codes.withUnsafeBufferPointer { c in
            counts.withUnsafeBufferPointer { n in addUnit(codes: c, counts: n, total: m, weight: weight) }
        }
    }

    /// The non-zero cells, for the SQL comparison and the bundle.
    public var cells: [(c: Int, k: Int, weight: Double)] {
        if isDense {
            var result: [(Int, Int, Double)] = []
            for c in 0..<valueCount {
                for k in 0..<valueCount where dense[c * valueCount + k] != 0 {
                    result.append((c, k, dense[c * valueCount + k]))
                }
            }
            return result
        }
        return sparse.filter { $0.value != 0 }.map { ($0.key / valueCount, $0.key % valueCount, $0.value) }.sorted {
            ($0.0, $0.1) < ($1.0, $1.1)
        }
    }

    /// n_c: how many pairable values each code has (the row sums).
    public var marginals: [Double] {
        var n = [Double](repeating: 0, count: valueCount)
        if isDense {
            for c in 0..<valueCount {
                var sum = 0.0
                for k in 0..<valueCount { sum += dense[c * valueCount + k] }
                n[c] = sum
            }
        } else {
            for (key, weight) in sparse { n[key / valueCount] += weight }
        }
        return n
    }

    /// The coincidences of both parts together (same domain; parts over different units).
    public static func + (lhs: Coincidences, rhs: Coincidences) -> Coincidences {
        var result = lhs
        result.merge(rhs)
        return result
    }

    /// Adds another matrix over the same domain (a precondition).
    public mutating func merge(_ other: Coincidences) {
        precondition(other.valueCount == valueCount, "coincidences over different value domains")
        if isDense {
            for i in dense.indices { dense[i] += other.dense[i] }
        } else {
            for (key, weight) in other.sparse { sparse[key, default: 0] += weight }
        }
    }

    /// Builds a matrix from cells (the SQL aggregate's rows).
    public init(valueCount: Int, cells: [(c: Int, k: Int, weight: Double)]) {
        self.init(valueCount: valueCount)
        for cell in cells { add(cell.c, cell.k, cell.weight) }
    }
}
