/// Krippendorff's alpha, 1 - D_o / D_e, from a coincidence matrix (Krippendorff 2011,
/// "Computing Krippendorff's Alpha-Reliability"), at the four levels of measurement.
///
/// Defined cases: no unit with two values, or every pairable value the same (D_e = 0), give no
/// alpha and say why; the reference package raises an error for the second case.
public enum KrippendorffAlpha {
    /// Why alpha is undefined; the raw value is the sentence the report gives as `alphaUndefined`.
    public enum Undefined: String, Sendable, Error {
        /// No unit has two or more values (or there is no input).
        case noPairableValues = "no unit has two or more values, so there is nothing to compare"
        /// Every pairable value is the same, so expected disagreement D_e is 0.
        case noVariation = "every pairable value is the same, so agreement cannot be told apart from chance"
    }

    /// Alpha of a coincidence matrix at `level`, at most 1 (1 is perfect agreement, 0 chance, below
    /// 0 systematic disagreement), or why it is undefined. Matches the `krippendorff` package 0.9.0
    /// to 1e-9. `domain` gives the numbers the interval and ratio metrics use.
    public static func alpha(_ o: Coincidences, domain: ValueDomain, level: MeasurementLevel) -> Result<
        Double, Undefined
    > {
        let n = o.marginals
        let total = n.reduce(0, +)
        guard total > 1 else { return .failure(.noPairableValues) }
        let metric = DifferenceMetric(level: level, domain: domain, marginals: n)
        var observed = 0.0
        for cell in o.cells where cell.c != cell.k { observed += cell.weight * metric.squared(cell.c, cell.k) }
        let expected = metric.expectedDisagreement(n)
        guard expected > 0 else { return .failure(.noVariation) }
        return .success(1 - (total - 1) * observed / expected)
    }
}

/// delta squared between two codes at a level; `expectedDisagreement` is sum n_c n_k delta^2.
struct DifferenceMetric {
    let level: MeasurementLevel
    let scalars: [Double]
    /// Cumulative marginals for the ordinal metric: cumulative[i] = n_0 + ... + n_(i-1).
    let cumulative: [Double]
    let marginals: [Double]

    init(level: MeasurementLevel, domain: ValueDomain, marginals: [Double]) {
        self.level = level
        self.marginals = marginals
        scalars = (0..<domain.count).map { domain.scalar($0) }
        var running = 0.0
        var cumulative = [0.0]
        for value in marginals {
            running += value
            cumulative.append(running)
        }
        self.cumulative = cumulative
    }

    @inline(__always)
    func squared(_ c: Int, _ k: Int) -> Double {
        if c == k { return 0 }
        switch level {
        case .nominal: return 1
        case .ordinal:
            let lo = min(c, k), hi = max(c, k)
            let d = (cumulative[hi + 1] - cumulative[lo]) - (marginals[c] + marginals[k]) / 2
            return d * d
        case .interval:
            let d = scalars[c] - scalars[k]
            return d * d
        case .ratio:
            let sum = scalars[c] + scalars[k]
            guard sum != 0 else { return 0 }
            let d = (scalars[c] - scalars[k]) / sum
            return d * d
        }
    }

    func expectedDisagreement(_ n: [Double]) -> Double {
        let used = n.indices.filter { n[$0] > 0 }
        switch level {
        case .nominal:
            let total = n.reduce(0, +)
            return total * total - n.reduce(0) { $0 + $1 * $1 }
        case .interval:
            // sum n_c n_k (x_c - x_k)^2 = 2 (N sum n x^2 - (sum n x)^2), centred for precision.
            let total = n.reduce(0, +)
            let mean = used.reduce(0) { $0 + n[$1] * scalars[$1] } / total
            let squares = used.reduce(0) { $0 + n[$1] * (scalars[$1] - mean) * (scalars[$1] - mean) }
            return 2 * total * squares
        case .ordinal, .ratio:
            var sum = 0.0
            for a in used {
                for b in used where b != a { sum += n[a] * n[b] * squared(a, b) }
            }
            return sum
        }
    }
}
