import Portfolio
import ReferenceData
import Specs
import Storage
import WorkModel

/// Market survey points stored through `/api/v1/market-data`, as benchmark evidence the pay line
/// runs through. A point prices when its `role` names a benchmark (its id, title or rate-card
/// category), its `location` starts with a jurisdiction code (optionally followed by a locality:
/// `IN-KA Bengaluru`) and its currency has an exchange rate. It adds evidence for its own market
/// (which is then priced at it) without replacing the rate card elsewhere; a whole survey that
/// should replace a card is imported with `wagefile import market-data` instead. Any other
/// point is kept and listed with the reason.
enum MarketEvidence {
    struct Unpriced: Sendable, Encodable, Hashable {
        var id: String
        var role: String
        var reason: String
    }

    static func document(_ points: [MarketPoint], reference: ReferenceSet) -> (
        yaml: String?, priced: [String], unpriced: [Unpriced]
    ) {
        var benchmarks: [BenchmarkRole] = []
        var unpriced: [Unpriced] = []
        var sources: [String: SourceEntry] = [:]
        let hoursPerYear = reference.policy.hours.hoursPerYear
        for point in points.sorted(by: { $0.id < $1.id }) {
            let role = point.role.lowercased()
            guard
                let benchmark = reference.benchmarks.first(where: {
                    $0.id == role || $0.title.lowercased() == role || $0.category == role
                })
            else {
                unpriced.append(
                    Unpriced(
                        id: point.id, role: point.role,
                        reason:
                            "role names no benchmark (use a benchmark id: \(reference.benchmarks.map(\.id).joined(separator: ", ")))"
                    ))
                continue
            }
            let words = point.location.split(separator: " ", maxSplits: 1).map(String.init)
            guard let code = words.first, RoleSpecFormat.isJurisdiction(code) else {
                unpriced.append(
                    Unpriced(
                        id: point.id, role: point.role,
                        reason:
                            "location must start with a jurisdiction code such as US, DE or IN-KA, found '\(point.location)'"
                    ))
                continue
            }
            guard let rate = reference.exchangeRate(point.currency) else {
                unpriced.append(
                    Unpriced(id: point.id, role: point.role, reason: "no exchange rate for \(point.currency)"))
                continue
            }
            let amount = Double(point.p50Minor) / 100
            let hours = point.period == "annual" ? hoursPerYear : 1
            let locality = words.count > 1 ? words[1] : nil
            let ref = SourceRef(source: point.source, asOf: point.asOf, confidence: .medium)
            if reference.source(point.source) == nil && sources[point.source] == nil {
                sources[point.source] = SourceEntry(
                    key: point.source, title: point.source,
                    publisher: "market data entered through /api/v1/market-data",
                    signal: "Survey medians entered by the compensation team.",
                    implication: "The pay line runs through these medians.", ref: ref)
            }
            benchmarks.append(
                BenchmarkRole(
                    id: "market-data-\(point.id)", title: benchmark.title, category: benchmark.category,
                    p50HourlyUSD: amount / hours / rate.perUSD,
                    derivation:
                        "market data \(point.id): P50 \(Format.number(amount)) \(point.currency) per \(point.period == "annual" ? "year / \(Format.number(hours)) h" : "hour")"
                        + (point.currency == "USD" ? "" : " / \(Format.number(rate.perUSD)) \(point.currency) per USD"),
                    factors: benchmark.factors, market: code, locality: locality, ref: ref))
        }
        guard !benchmarks.isEmpty else { return (nil, [], unpriced) }
        let yaml = SurveyImport.referenceYAML(
            sources: sources.values.sorted { $0.key < $1.key }, benchmarks: benchmarks)
        return (yaml, benchmarks.map(\.id), unpriced)
    }
}
