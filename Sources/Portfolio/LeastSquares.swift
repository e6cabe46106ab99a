/// Ordinary least squares for the handful of columns a pay regression has, with columns that
/// add nothing (constant within the group, or a combination of earlier ones) dropped and named
/// rather than letting the fit blow up.
struct LeastSquares {
    struct Fit {
        /// Coefficient per kept column, by the column's index in the input.
        var coefficients: [Int: Double]
        var standardErrors: [Int: Double]
        var dropped: [Int]
        var residualDegrees: Int
        var rSquared: Double
    }

    /// `columns[j][i]` is column j for observation i.
    static func fit(columns: [[Double]], response y: [Double]) -> Fit? {
        let n = y.count
        guard n > 0, columns.allSatisfy({ $0.count == n }) else { return nil }
        // Modified Gram-Schmidt in order: a column whose remainder is negligible against its own
        // size is a linear combination of those before it.
        var basis: [[Double]] = []
        var kept: [Int] = []
        var dropped: [Int] = []
        for (index, column) in columns.enumerated() {
            var remainder = column
            for q in basis {
                let projection = zip(q, remainder).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<n { remainder[i] -= projection * q[i] }
            }
            let norm = remainder.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let scale = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm <= 1e-9 * max(scale, 1) {
                dropped.append(index)
                continue
            }
            basis.append(remainder.map { $0 / norm })
            kept.append(index)
        }
        let k = kept.count
        guard k > 0, n > k else { return nil }
        // Normal equations on the kept columns, solved with their inverse for standard errors.
        var gram = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var xty = [Double](repeating: 0, count: k)
        for a in 0..<k {
            let ca = columns[kept[a]]
            xty[a] = zip(ca, y).reduce(0) { $0 + $1.0 * $1.1 }
            for b in a..<k {
                let value = zip(ca, columns[kept[b]]).reduce(0) { $0 + $1.0 * $1.1 }
                gram[a][b] = value
                gram[b][a] = value
            }
        }
        guard let inverse = invert(gram) else { return nil }
        var beta = [Double](repeating: 0, count: k)
        for a in 0..<k { beta[a] = (0..<k).reduce(0) { $0 + inverse[a][$1] * xty[$1] } }
        var rss = 0.0
        let mean = y.reduce(0, +) / Double(n)
        var tss = 0.0
        for i in 0..<n {
            let predicted = (0..<k).reduce(0) { $0 + beta[$1] * columns[kept[$1]][i] }
            rss += (y[i] - predicted) * (y[i] - predicted)
            tss += (y[i] - mean) * (y[i] - mean)
        }
        let sigma2 = rss / Double(n - k)
        var coefficients: [Int: Double] = [:]
        var errors: [Int: Double] = [:]
        for a in 0..<k {
            coefficients[kept[a]] = beta[a]
            errors[kept[a]] = (max(0, sigma2 * inverse[a][a])).squareRoot()
        }
        return Fit(
            coefficients: coefficients, standardErrors: errors, dropped: dropped, residualDegrees: n - k,
            rSquared: tss > 0 ? 1 - rss / tss : 1)
    }

    /// Gauss-Jordan with partial pivoting; nil when singular.
    static func invert(_ matrix: [[Double]]) -> [[Double]]? {
        let k = matrix.count
        var a = matrix
        var inverse = (0..<k).map { row in (0..<k).map { $0 == row ? 1.0 : 0.0 } }
        for column in 0..<k {
            guard let pivot = (column..<k).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-300
            else { return nil }
            a.swapAt(column, pivot)
            inverse.swapAt(column, pivot)
            let scale = a[column][column]
            for j in 0..<k {
                a[column][j] /= scale
                inverse[column][j] /= scale
            }
            for row in 0..<k where row != column {
                let factor = a[row][column]
                guard factor != 0 else { continue }
                for j in 0..<k {
                    a[row][j] -= factor * a[column][j]
                    inverse[row][j] -= factor * inverse[column][j]
                }
            }
        }
        return inverse
    }
}
