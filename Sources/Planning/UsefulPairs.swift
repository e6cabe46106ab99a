import Foundation

/// When a preference pair is worth paying for: its judges agree at the target.
///
/// Each judge independently picks the better response with probability q; two judges then agree
/// with probability a = q^2 + (1 - q)^2, so a tier's measured pairwise agreement gives
/// q = (1 + sqrt(2a - 1)) / 2. A pair judged by k people is useful when the larger side holds at
/// least `target` of the k votes; a pair judged once is useful when that judge is right (q).
public enum UsefulPairs {
    public static func judgeAccuracy(agreement: Double) -> Double {
        (1 + (max(0, 2 * min(agreement, 1) - 1)).squareRoot()) / 2
    }

    public static func share(judges k: Int, agreement: Double, target: Double) -> Double {
        let q = judgeAccuracy(agreement: agreement)
        guard k > 1 else { return q }
        let needed = Int((target * Double(k) - 1e-9).rounded(.up))
        var total = 0.0
        for m in max(needed, (k + 2) / 2)...k {
            let ways = binomial(k, m)
            total += ways * pow(q, Double(m)) * pow(1 - q, Double(k - m))
            // The other side can hold the majority too; a tie (m = k - m) is counted once.
            if m != k - m { total += ways * pow(1 - q, Double(m)) * pow(q, Double(k - m)) }
        }
        return min(1, total)
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        var result = 1.0
        for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
        return result
    }
}
