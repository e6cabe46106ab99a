import ReferenceData
import WorkModel

/// How well the pay line reproduces its own evidence: each benchmark priced back from its own
/// profile in its own market against its sourced P50, and each rate card's benchmark midpoint
/// against the card's published range. `wagefile reference calibration` prints it.
public struct CalibrationReport: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var benchmark: String
        public var market: String
        public var points: Double
        public var p50USD: Double
        public var pricedMidUSD: Double
        /// priced / P50 - 1.
        public var residual: Double
        public var source: String
        public var asOf: String
    }

    public struct CardCheck: Sendable, Hashable, Codable {
        public var category: String
        public var lowUSD: Double
        public var highUSD: Double
        public var benchmark: String
        public var pricedMidUSD: Double
        public var inside: Bool
    }

    public var method: String
    public var slope: Double
    public var rSquared: Double
    public var rows: [Row]
    public var cards: [CardCheck]
    public var largestResidual: Double

    public init(pricer: Pricer) {
        let line = pricer.payLine, reference = pricer.reference
        let calibration = pricer.calibration
        rows = calibration.map { entry in
            Row(
                benchmark: entry.benchmark.id, market: entry.benchmark.market, points: entry.benchmark.points,
                p50USD: Format.round(entry.benchmark.p50HourlyUSD, places: 2),
                pricedMidUSD: Format.round(entry.pricedMidUSD, places: 2),
                residual: Format.round(entry.residual, places: 4), source: entry.benchmark.ref.source,
                asOf: entry.benchmark.ref.asOf)
        }
        let priced = Dictionary(
            calibration.map { ($0.benchmark.id, $0.pricedMidUSD) }, uniquingKeysWith: { first, _ in first })
        cards = reference.categories.compactMap { card in
            guard
                let benchmark = reference.pricedBenchmarks.first(where: {
                    $0.category == card.id && $0.market == "US" && $0.locality == nil
                }),
                let mid = priced[benchmark.id],
                let rate = reference.exchangeRate(card.currency)?.perUSD
            else { return nil }
            let low = card.rateLow / rate, high = card.rateHigh / rate
            return CardCheck(
                category: card.id, lowUSD: Format.round(low, places: 2), highUSD: Format.round(high, places: 2),
                benchmark: benchmark.id,
                pricedMidUSD: Format.round(mid, places: 2), inside: mid >= low && mid <= high)
        }
        method =
            "monotone pay line through \(line.knots.count) benchmark knots (ln P50 net of premiums and market differential), interpolated in log space between neighbouring benchmarks, extended beyond them at the least-squares slope; a market with its own benchmarks for a job is priced on them"
        slope = Format.round(line.slope, places: 8)
        rSquared = Format.round(line.rSquared, places: 4)
        largestResidual = calibration.map { abs($0.residual) }.max() ?? 0
    }

    public var text: String {
        var out = "Pay line: \(method).\n"
        out +=
            "Least-squares slope \(Format.number(slope, maxPlaces: 6)) ln(USD/h) per point (R² \(Format.number(rSquared, maxPlaces: 3)) for one straight line alone).\n\n"
        let idWidth = max(26, rows.map(\.benchmark.count).max() ?? 0),
            marketWidth = max(7, rows.map(\.market.count).max() ?? 0)
        out +=
            pad("benchmark", idWidth) + " " + pad("market", marketWidth)
            + " points   P50 USD/h  priced mid  residual  source (as of)\n"
        for row in rows {
            out +=
                pad(row.benchmark, idWidth) + " " + pad(row.market, marketWidth) + " "
                + left(Format.number(row.points), 6) + " "
                + left(Format.money(row.p50USD), 11) + " " + left(Format.money(row.pricedMidUSD), 11) + " "
                + left(Format.percent(row.residual, places: 1), 9) + "  \(row.source) (\(row.asOf))\n"
        }
        out += "\nLargest residual: \(Format.percent(largestResidual, places: 1)) (the issue's bar: 3%).\n\n"
        out += "rate card                  published USD/h   benchmark midpoint  inside\n"
        for card in cards {
            out +=
                pad(card.category, 26) + " " + pad("\(Format.money(card.lowUSD))-\(Format.money(card.highUSD))", 17)
                + " "
                + pad("\(Format.money(card.pricedMidUSD)) (\(card.benchmark))", 38) + " " + (card.inside ? "yes" : "NO")
                + "\n"
        }
        return out
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
    private func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
