package import ReferenceData
import WorkModel

/// Fills each tier's hourly rate from its source: a public rate card (low to high around the
/// geometric midpoint, as the pricing core reads rate cards), the organization's band for a role
/// spec, or the figure given. Every resolved rate says where it came from.
package struct RateResolver: Sendable {
    package struct Band: Sendable {
        package var min: Double
        package var mid: Double
        package var max: Double
        package var currency: String
        /// The wage file's labour market, for the rate's provenance.
        package var market: String?
        /// Loaded cost over gross pay when the role is an employee's (on-costs and paid leave), so
        /// staffed hours cost what an employee costs; nil for a contract rate.
        package var loadFactor: Double?
        package init(
            min: Double, mid: Double, max: Double, currency: String, market: String? = nil, loadFactor: Double? = nil
        ) {
            self.min = min
            self.mid = mid
            self.max = max
            self.currency = currency
            self.market = market
            self.loadFactor = loadFactor
        }
    }

    package let reference: ReferenceSet
    /// The band of a role spec's newest wage file, hourly, when the caller has one.
    package let band: @Sendable (String) -> Band?

    package init(reference: ReferenceSet, band: @escaping @Sendable (String) -> Band? = { _ in nil }) {
        self.reference = reference
        self.band = band
    }

    /// The spec with every rate filled, and where each came from; a problem per tier that cannot be priced.
    package func resolve(_ spec: ProgramSpec) -> (spec: ProgramSpec, sources: [String: String], problems: [String]) {
        var resolved = spec
        var sources: [String: String] = [:]
        var problems: [String] = []
        for index in resolved.tiers.indices {
            let tier = resolved.tiers[index]
            switch tier.rateSource {
            case .given:
                sources[tier.id] = "the program spec"
            case .card(let id):
                guard let category = reference.category(id) else {
                    problems.append(
                        "tiers.\(tier.id).rate.card: no rate card '\(id)'; known: \(reference.categories.map(\.id).joined(separator: ", "))"
                    )
                    continue
                }
                guard let low = reference.convert(category.rateLow, from: category.currency, to: spec.currency),
                    let high = reference.convert(category.rateHigh, from: category.currency, to: spec.currency)
                else {
                    problems.append(
                        "tiers.\(tier.id).rate.card: no exchange rate from \(category.currency) to \(spec.currency)")
                    continue
                }
                resolved.tiers[index].rate = Estimate((low * high).squareRoot(), low: low, high: high)
                sources[tier.id] =
                    "rate card \(category.id) (\(category.ref.source), \(category.ref.asOf), \(category.ref.confidence.rawValue)): most likely its geometric midpoint, the benchmark the pricer's band for the category runs through; low and high the card's range"
            case .band(let specId):
                guard let band = band(specId) else {
                    problems.append("tiers.\(tier.id).rate.band: no wage file for role spec '\(specId)'")
                    continue
                }
                guard let low = reference.convert(band.min, from: band.currency, to: spec.currency),
                    let mid = reference.convert(band.mid, from: band.currency, to: spec.currency),
                    let high = reference.convert(band.max, from: band.currency, to: spec.currency)
                else {
                    problems.append(
                        "tiers.\(tier.id).rate.band: no exchange rate from \(band.currency) to \(spec.currency)")
                    continue
                }
                resolved.tiers[index].rate = Estimate(mid, low: low, high: high)
                var source =
                    "band of role spec \(specId) (min, mid, max of its newest wage file\(band.market.map { ", priced in \($0)" } ?? ""))"
                if let factor = band.loadFactor, factor > 1 {
                    resolved.tiers[index].staffedLoadFactor = factor
                    source +=
                        "; staffed hours at the loaded cost of employee pay, x \(Format.fixed(factor, places: 4)) (the wage file's on-costs)"
                }
                sources[tier.id] = source
            }
        }
        return (resolved, sources, problems)
    }
}
