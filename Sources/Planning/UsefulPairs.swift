/// When a preference pair is worth paying for: its judges agree at the target.
///
/// Each judge independently picks the better response with probability q; two judges then agree
/// with probability a = q^2 + (1 - q)^2, so a tier's measured pairwise agreement gives
/// q = (1 + sqrt(2a - 1)) / 2. A pair judged by k people is useful when the larger side holds at
/// least `target` of the k votes; a pair judged once is useful when that judge is right (q).
package enum UsefulPairs {
    package static func judgeAccuracy(agreement: Double) -> Double {
        (1 + (max(0, 2 * min(agreement, 1) - 1)).squareRoot()) / 2
    }

    package static func share(judges k: Int, agreement: Double, target: Double) -> Double {
        share(judges: k, agreement: agreement, smallestMajority: smallestMajority(judges: k, target: target))
    }

    /// The fewest votes the larger side needs: at least the target share, and more than half.
    static func smallestMajority(judges k: Int, target: Double) -> Int {
        max(Int((target * Double(k) - 1e-9).rounded(.up)), (k + 2) / 2)
    }

    /// The fewest votes the larger side needs under a rule. A posterior rule depends on the judges'
    /// accuracy q: with m of k votes for one side, the chance that side is right is
    /// q^m p^(k-m) / (q^m p^(k-m) + p^m q^(k-m)) = 1 / (1 + (p/q)^(2m-k)), rising with m.
    /// Returns k + 1 when no split qualifies (no pair is useful).
    static func smallestMajority(_ rule: UsefulPairRule, judges k: Int, accuracy q: Double) -> Int {
        switch rule {
        case .unanimous: return k
        case .majority: return k / 2 + 1
        case .share(let target): return smallestMajority(judges: k, target: target)
        case .posterior(let level):
            let odds = q >= 1 ? 0 : (1 - q) / q
            for m in (k / 2 + 1)...max(k, k / 2 + 1) where 1 / (1 + power(odds, 2 * m - k)) >= level - 1e-12 {
                return m
            }
            return k + 1
        }
    }

    /// The share of pairs judged by k people that are useful under a rule, at pairwise agreement a.
    package static func share(judges k: Int, agreement: Double, rule: UsefulPairRule) -> Double {
        let q = judgeAccuracy(agreement: agreement)
        if k == 1 {
            // One judge: useful when that judge is right, which a posterior rule accepts only if q itself reaches it.
            if case .posterior(let level) = rule, q < level - 1e-12 { return 0 }
            return q
        }
        let needed = smallestMajority(rule, judges: k, accuracy: q)
        return needed > k ? 0 : share(judges: k, agreement: agreement, smallestMajority: needed)
    }

    /// The Monte Carlo's inner loop: powers by multiplication, the majority threshold precomputed.
    @inline(__always)
    static func share(judges k: Int, agreement: Double, smallestMajority needed: Int) -> Double {
        let q = judgeAccuracy(agreement: agreement)
        guard k > 1 else { return q }
        let p = 1 - q
        var total = 0.0
        var ways = binomial(k, needed)
        for m in needed...k {
            let right = power(q, m) * power(p, k - m)
            let wrong = power(p, m) * power(q, k - m)
            // The other side can hold the majority too; a tie (m = k - m) is counted once.
            total += ways * (m != k - m ? right + wrong : right)
            ways = ways * Double(k - m) / Double(m + 1)
        }
        return min(1, total)
    }

    @inline(__always)
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        var result = 1.0
        for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
        return result
    }
}
