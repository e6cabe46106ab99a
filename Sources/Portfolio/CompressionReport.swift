import DecisionFiles
public import WorkModel

/// The thresholds compression is judged by; each can be changed per organization.
public struct CompressionPolicy: Sendable, Codable, Hashable {
    /// A tenured incumbent within this share above new hires (relative to the band) is compressed.
    public var newHireThreshold: Double = 0.05
    /// A manager should earn at least this much more than the best-paid direct report.
    public var supervisorPremium: Double = 0.10
    /// External hires and contractors this much above an internal person doing the same work.
    public var externalGapThreshold: Double = 0.05
    /// Hired within this many months: a new hire.
    public var newHireMonths: Int = 12
    /// In the work at least this many months: a tenured incumbent.
    public var tenuredMonths: Int = 24

    /// The default policy: 5 % new-hire lead, 10 % supervisor premium, 5 % external gap, new hires under 12 months, tenured from 24.
    public init() {}
}

/// Salary compression and inversion per work layer: internal people placed by the work they do
/// against its band, against new hires and against external hires and contractors doing the same
/// work; the cost to bring each to the band minimum and to parity.
///
/// Comparisons use compa-ratios (pay over the band midpoint of each person's own wage file), so a
/// layer spanning locations compares like with like; costs are in the report currency.
public struct CompressionReport: Sendable, Codable {
    /// The report's schema id, `wagefile.compression/v1`.
    public var schema = "wagefile.compression/v1"
    /// The snapshot date tenure and new-hire status are counted to.
    public var asOf: String
    /// The report currency: every hourly and annual figure is in it (converted at the snapshot's rates).
    public var currency: String
    /// The thresholds the report was judged by.
    public var policy: CompressionPolicy
    /// One summary per work layer, in layer order.
    public var layers: [LayerSummary]
    /// Every internal person placed in a band, by layer then name.
    public var people: [PersonLine]
    /// People doing AI work who could not be placed, each with the reason.
    public var unpriced: [UnpricedPerson]
    /// Counts and costs over everyone placed.
    public var totals: Totals
    /// Every rule a flag may name, with its definition and what fixes it.
    public var rules: [CompressionRule]
    /// Per rule: the people it flags and the annual cost to fix each flag. Rules overlap (one
    /// raise can close several gaps), so these do not add up to the cost to parity.
    public var costByRule: [RuleCost]
    /// How the figures were made, in words.
    public var notes: [String]
    /// Decision support, not legal advice.
    public var disclaimer: String

    /// One rule a person's pay breaks, with the pay that would close it and what that costs a year.
    public struct Flag: Sendable, Codable, Hashable {
        /// inversion, compression, below-external, band-below-market, supervisor-premium, supervisor-inversion, green-circle, red-circle.
        public var kind: String
        /// The id of the rule that fired (`CompressionRule.all`).
        public var rule: String
        /// `warning` for a gap to close; `info` for a red circle.
        public var severity: Severity
        /// The flag in words, with the figures compared.
        public var message: String
        /// Hourly pay that closes this flag alone, in the report currency; nil when nothing is to pay.
        public var targetHourly: Double?
        /// (target - pay) x the person's annual hours, in the report currency; 0 when nothing is to pay.
        public var annualCostToFix: Double
    }

    /// One rule's flags added up: how many people it flags and the annual cost of closing each alone.
    public struct RuleCost: Sendable, Codable, Hashable {
        /// The rule's id (`CompressionRule`).
        public var rule: String
        /// The flag kind it raises.
        public var kind: String
        /// People the rule flags.
        public var people: Int
        /// Sum of the flags' annual costs, in the report currency.
        public var annualCostToFix: Double
    }

    /// One internal person: their pay against their wage file's band, the flags it raises and the
    /// cost a year to bring them to the band minimum and to parity, in the report currency.
    public struct PersonLine: Sendable, Codable, Hashable {
        public var personId: String
        public var name: String
        /// The employment model on record (`employee`, ...).
        public var employment: String
        /// Their job title on record; the comparison uses the work, not the title.
        public var title: String?
        /// The pay band or grade the HRIS records for them, before Wagefile's band.
        public var legacyBand: String?
        /// The layer of their work (their wage file's, else the HRIS column).
        public var layer: String
        /// Where the layer came from: `wage file <spec id>` or `HRIS work layer`.
        public var layerSource: String
        /// The spec whose wage file prices their work.
        public var specId: String?
        /// Months from their hire date to the report date; nil without a hire date.
        public var tenureMonths: Int?
        /// Pay per hour in the report currency.
        public var hourly: Double
        /// Pay a year in the report currency: hourly x their annual hours.
        public var annual: Double
        /// How their annual hours were derived (HRIS hours, the wage file's, or 40 h/week assumed).
        public var hours: String
        /// Their wage file's band per hour in the report currency.
        public var band: HourlyBand
        /// Hourly pay / band midpoint.
        public var compaRatio: Double
        /// (hourly pay - band minimum) / (band maximum - band minimum).
        public var rangePenetration: Double
        /// `green` (below the band minimum), `red` (above the maximum) or `within`.
        public var circle: String
        /// The rules their pay breaks, in ``CompressionRule/all`` order.
        public var flags: [Flag]
        /// Hourly pay that would close every flagged gap (at least the band minimum).
        public var parityHourly: Double
        /// (band minimum - pay) x annual hours, 0 when at or above the minimum.
        public var annualCostToMinimum: Double
        /// (``parityHourly`` - pay) x annual hours: one raise that closes every flag.
        public var annualCostToParity: Double
    }

    /// One work layer: who is in it, the median compa-ratios compared, its status and its costs.
    public struct LayerSummary: Sendable, Codable, Hashable {
        /// The work layer.
        public var layer: String
        /// Employees of this organization placed in the layer.
        public var internalPeople: Int
        /// Contractors and vendor workers placed in the layer.
        public var externalPeople: Int
        /// People (internal or external) in post under the new-hire months.
        public var newHires: Int
        /// Internal people in post for the tenured months or more.
        public var tenured: Int
        /// Median compa-ratio of the internal people.
        public var medianCompaInternal: Double?
        /// Median compa-ratio of the tenured internal people.
        public var medianCompaTenured: Double?
        /// Median compa-ratio of new hires, contract rates as employee-equivalent pay.
        public var medianCompaNewHires: Double?
        /// External people's employee-equivalent pay over their bands' midpoints (contract rates
        /// unloaded), across the whole layer; each person's below-external test uses only those
        /// doing the same work.
        public var medianCompaExternal: Double?
        /// Tenured over new hires, as compa-ratios, minus one: under the threshold is compression, below 0 inversion.
        public var tenuredOverNewHires: Double?
        /// `ok`, `compression`, `inversion`, or why the layer cannot be compared.
        public var status: String
        /// People with a flag above `info`.
        public var flaggedPeople: Int
        /// The layer's people's costs to the band minimum, added up.
        public var annualCostToMinimum: Double
        /// The layer's people's costs to parity, added up.
        public var annualCostToParity: Double
    }

    /// The whole report's counts and costs.
    public struct Totals: Sendable, Codable, Hashable {
        /// Internal people placed.
        public var people: Int
        /// People with a flag above `info`.
        public var flaggedPeople: Int
        /// People below new hires or below a direct report.
        public var inversions: Int
        /// People within the new-hire lead or the supervisor premium.
        public var compressed: Int
        /// People paid below their band minimum.
        public var greenCircles: Int
        /// People paid above their band maximum.
        public var redCircles: Int
        /// Cost a year to bring everyone to their band minimum, in the report currency.
        public var annualCostToMinimum: Double
        /// Cost a year to bring everyone to parity, in the report currency.
        public var annualCostToParity: Double
    }

    /// The people with at least one flag (red circles included).
    public var flagged: [PersonLine] { people.filter { !$0.flags.isEmpty } }
}

extension CompressionReport {
    /// Compression and inversion across the snapshot, in `currency`. People are placed by the layer
    /// of the work their wage file prices (people without one are listed in ``unpriced``); contract
    /// rates are compared as employee-equivalent pay, from the snapshot's on-costs.
    // Long because: places every internal person against their layer's new hires and external workers, then totals by layer; the steps share the placed positions.
    public static func build(
        _ snapshot: PortfolioSnapshot, currency: String = "USD", policy: CompressionPolicy = CompressionPolicy()
    ) -> CompressionReport {
        let (positions, unpriced) = PayPositions.build(snapshot, currency: currency, requireBand: true)
        let byLayer = Dictionary(grouping: positions, by: \.layer)
        let reports = Dictionary(
            grouping: positions.filter { $0.person.managerId != nil }, by: { $0.person.managerId ?? "" })
        var lines: [PersonLine] = []
        var layers: [LayerSummary] = []
        var contractorsWithoutOnCosts = 0
        for layer in byLayer.keys.sorted() {
            let group = byLayer[layer] ?? []
            func compa(_ position: PayPosition) -> Double { position.band?.compaRatio(position.hourly) ?? 0 }
            // Comparisons across people use employee-equivalent pay, so a contractor's rate
            // (which carries no employer on-costs) is not set against a salary as if it did; a
            // contractor with no on-cost data for their country is left out of them.
            func equivalentCompa(_ position: PayPosition) -> Double? {
                guard let band = position.band, band.mid > 0,
                    let hourly = LoadedBasis.employeeEquivalentHourly(
                        position, onCosts: snapshot.onCosts, currency: currency)
                else { return nil }
                return hourly / band.mid
            }
            let internalPeople = group.filter(\.isInternal)
            let external = group.filter { !$0.isInternal }
            let newHires = group.filter { ($0.tenureMonths ?? Int.max) < policy.newHireMonths }
            let tenured = internalPeople.filter { ($0.tenureMonths ?? -1) >= policy.tenuredMonths }
            let newHireCompa = Statistics.median(newHires.compactMap(equivalentCompa))
            let externalCompas = external.compactMap(equivalentCompa)
            contractorsWithoutOnCosts += external.count - externalCompas.count
            let externalCompa = Statistics.median(externalCompas)
            let tenuredCompa = Statistics.median(tenured.map(compa))
            var layerLines: [PersonLine] = []
            for position in internalPeople.sorted(by: {
                ($0.person.name, $0.person.id) < ($1.person.name, $1.person.id)
            }) {
                guard let band = position.band else { continue }
                let ratio = band.compaRatio(position.hourly)
                var flags: [Flag] = []
                var targets = [band.min]
                // Each flag carries its rule and what closing it alone costs a year, so the
                // reader sees which rule drives the cost to parity.
                func flag(
                    _ rule: CompressionRule, _ severity: Severity, _ message: String, target: Double?,
                    from floor: Double? = nil
                ) {
                    let base = floor ?? position.hourly
                    let cost = target.map { max(0, $0 - base) * position.annualHours } ?? 0
                    flags.append(
                        Flag(
                            kind: rule.kind, rule: rule.id, severity: severity, message: message,
                            targetHourly: target.map { Statistics.round($0) },
                            annualCostToFix: Statistics.round(cost, 0)))
                }
                let isTenured = (position.tenureMonths ?? -1) >= policy.tenuredMonths
                if isTenured, let newHireCompa, newHireCompa > 0 {
                    let lead = ratio / newHireCompa - 1
                    let target = band.mid * newHireCompa * (1 + policy.newHireThreshold)
                    if lead < 0 {
                        flag(
                            .inversion, .warning,
                            "paid below new hires doing \(layer) work: compa-ratio \(Format.fixed(ratio, places: 2)) against their median \(Format.fixed(newHireCompa, places: 2)) after \(position.tenureMonths ?? 0) months",
                            target: target)
                    } else if lead < policy.newHireThreshold {
                        flag(
                            .compression, .warning,
                            "within \(Format.percent(policy.newHireThreshold, places: 0)) of new hires (\(Format.percent(lead)) above their median compa-ratio \(Format.fixed(newHireCompa, places: 2))) after \(position.tenureMonths ?? 0) months",
                            target: target)
                    }
                    if lead < policy.newHireThreshold { targets.append(target) }
                }
                // The market for the same work: external people on this wage file, or on one of the
                // same job category in this layer; a contractor doing other work in the layer
                // (an RLHF specialist beside prompt engineers) is not this person's market.
                let peers = external.filter { sameWork(position, $0) }
                let peerCompas = peers.compactMap(equivalentCompa)
                if let externalCompa = Statistics.median(peerCompas), ratio > 0,
                    externalCompa / ratio - 1 > policy.externalGapThreshold
                {
                    let target = band.mid * externalCompa / (1 + policy.externalGapThreshold)
                    let capped = min(target, band.max)
                    flag(
                        .belowExternal, .warning,
                        "\(peerCompas.count) external hire\(peerCompas.count == 1 ? "" : "s") or contractor\(peerCompas.count == 1 ? "" : "s") doing the same work (\(sameWorkBasis(position))) sit at a median compa-ratio of \(Format.fixed(externalCompa, places: 2)) as employee-equivalent pay (contract rates divided by their country's employer on-cost load), \(Format.percent(externalCompa / ratio - 1)) above this person's \(Format.fixed(ratio, places: 2)); parity \(Format.money(capped)) \(currency)/h"
                            + (target > band.max ? ", the band maximum" : ""),
                        target: capped)
                    if target > band.max {
                        // Parity past the band maximum is a finding about the band, not a pay proposal.
                        flag(
                            .bandBelowMarket, .warning,
                            "parity with the external median would be \(Format.money(target)) \(currency)/h, above this band's maximum \(Format.money(band.max)): the band itself is below the market for this work; reprice its wage file\(position.person.specId.map { " (\($0))" } ?? "") before paying past the maximum (the cost past the maximum is not in the cost to parity)",
                            target: target, from: max(position.hourly, band.max))
                    }
                    targets.append(capped)
                }
                let directs = (reports[position.person.id] ?? []).filter { $0.person.id != position.person.id }
                if let top = directs.max(by: { $0.hourly < $1.hourly }), top.hourly > 0 {
                    let premium = position.hourly / top.hourly - 1
                    let target = top.hourly * (1 + policy.supervisorPremium)
                    if premium < 0 {
                        flag(
                            .supervisorInversion, .warning,
                            "paid \(Format.percent(-premium)) less than direct report \(top.person.name) (\(Format.money(top.hourly)) against \(Format.money(position.hourly)) \(currency)/h)",
                            target: target)
                    } else if premium < policy.supervisorPremium {
                        flag(
                            .supervisorPremium, .warning,
                            "supervisor premium of \(Format.percent(premium)) over the best-paid direct report, under the \(Format.percent(policy.supervisorPremium, places: 0)) expected",
                            target: target)
                    }
                    if premium < policy.supervisorPremium { targets.append(target) }
                }
                let circle = band.circle(position.hourly)
                if circle == "green" {
                    flag(
                        .greenCircle, .warning,
                        "below the band minimum \(Format.money(band.min)) \(currency)/h at \(Format.money(position.hourly))",
                        target: band.min)
                } else if circle == "red" {
                    flag(
                        .redCircle, .info,
                        "above the band maximum \(Format.money(band.max)) \(currency)/h; hold increases until the band moves",
                        target: nil)
                }
                let parity = max(position.hourly, targets.max() ?? band.min)
                layerLines.append(
                    PersonLine(
                        personId: position.person.id, name: position.person.name,
                        employment: position.person.employment,
                        title: position.person.title, legacyBand: position.person.legacyBand ?? position.person.band,
                        layer: layer,
                        layerSource: position.layerSource, specId: position.person.specId,
                        tenureMonths: position.tenureMonths,
                        hourly: Statistics.round(position.hourly), annual: Statistics.round(position.annual, 0),
                        hours: position.hoursDerivation,
                        band: HourlyBand(
                            min: Statistics.round(band.min), mid: Statistics.round(band.mid),
                            max: Statistics.round(band.max)),
                        compaRatio: Statistics.round(ratio, 2),
                        rangePenetration: Statistics.round(band.rangePenetration(position.hourly), 3),
                        circle: circle, flags: flags, parityHourly: Statistics.round(parity),
                        annualCostToMinimum: Statistics.round(
                            max(0, band.min - position.hourly) * position.annualHours, 0),
                        annualCostToParity: Statistics.round(max(0, parity - position.hourly) * position.annualHours, 0)
                    ))
            }
            let lead = tenuredCompa.flatMap { tenured in newHireCompa.map { tenured / $0 - 1 } }
            let status: String =
                switch lead {
                case nil: newHires.isEmpty ? "no new hires to compare" : "no tenured incumbents to compare"
                case let value? where value < 0: "inversion"
                case let value? where value < policy.newHireThreshold: "compression"
                default: "ok"
                }
            let flaggedLines = layerLines.filter { $0.flags.contains { $0.severity != .info } }
            layers.append(
                LayerSummary(
                    layer: layer, internalPeople: internalPeople.count, externalPeople: external.count,
                    newHires: newHires.count,
                    tenured: tenured.count,
                    medianCompaInternal: Statistics.median(internalPeople.map(compa)).map { Statistics.round($0, 3) },
                    medianCompaTenured: tenuredCompa.map { Statistics.round($0, 3) },
                    medianCompaNewHires: newHireCompa.map { Statistics.round($0, 3) },
                    medianCompaExternal: externalCompa.map { Statistics.round($0, 3) },
                    tenuredOverNewHires: lead.map { Statistics.round($0, 4) },
                    status: status, flaggedPeople: flaggedLines.count,
                    annualCostToMinimum: layerLines.reduce(0) { $0 + $1.annualCostToMinimum },
                    annualCostToParity: layerLines.reduce(0) { $0 + $1.annualCostToParity }))
            lines += layerLines
        }
        let costByRule = CompressionRule.all.compactMap { rule -> RuleCost? in
            let fired = lines.flatMap(\.flags).filter { $0.rule == rule.id }
            guard !fired.isEmpty else { return nil }
            return RuleCost(
                rule: rule.id, kind: rule.kind, people: fired.count,
                annualCostToFix: fired.reduce(0) { $0 + $1.annualCostToFix })
        }
        func count(_ kind: String) -> Int { lines.filter { $0.flags.contains { $0.kind == kind } }.count }
        let totals = Totals(
            people: lines.count, flaggedPeople: lines.filter { $0.flags.contains { $0.severity != .info } }.count,
            inversions: count("inversion") + count("supervisor-inversion"),
            compressed: count("compression") + count("supervisor-premium"),
            greenCircles: count("green-circle"), redCircles: count("red-circle"),
            annualCostToMinimum: lines.reduce(0) { $0 + $1.annualCostToMinimum },
            annualCostToParity: lines.reduce(0) { $0 + $1.annualCostToParity })
        return CompressionReport(
            asOf: snapshot.asOf.description, currency: currency, policy: policy, layers: layers, people: lines,
            unpriced: unpriced,
            totals: totals, rules: CompressionRule.all, costByRule: costByRule,
            notes: [
                "People are placed by the layer of the work their wage file prices, not by title; the band is that wage file's.",
                "New hires: in post under \(policy.newHireMonths) months (internal and external); tenured: \(policy.tenuredMonths) months or more.",
                "Each flag names its rule (rules, costByRule) and the annual cost of closing it alone: (the rule's target - pay) x the person's annual hours, in \(currency). A person's cost to parity is one raise to the highest target, so the rules' costs overlap and do not add up to it.",
                "Below external compares each person with external hires and contractors doing the same work: on the same wage file, or on a wage file of the same job category in the layer.",
                "Parity: the pay that restores \(Format.percent(policy.newHireThreshold, places: 0)) over new hires, the external median less \(Format.percent(policy.externalGapThreshold, places: 0)) (at most the band maximum; beyond it the band is flagged band-below-market), and a \(Format.percent(policy.supervisorPremium, places: 0)) supervisor premium, whichever applies and is highest, and never below the band minimum.",
                "Like for like: a contractor's rate is compared as employee-equivalent gross pay, the rate divided by the load factor of their country's employer on-costs (contributions, statutory extras, paid leave; reference table on_costs); vendor workers' pay is their employer's gross pay and is compared as it is."
                    + (contractorsWithoutOnCosts > 0
                        ? " Left out of the new-hire and external medians, with no on-cost data for their country: \(contractorsWithoutOnCosts) contractor\(contractorsWithoutOnCosts == 1 ? "" : "s")."
                        : ""),
                "Exchange rates: \(snapshot.currencies.source).",
            ],
            disclaimer: Disclaimer.text)
    }
}

/// Whether `other` does the same work as `position`: the same wage file, or wage files of the
/// same job category (the rate-card category the pricer placed both in).
func sameWork(_ position: PayPosition, _ other: PayPosition) -> Bool {
    if let spec = position.person.specId, spec == other.person.specId { return true }
    guard let mine = position.wageFile?.category?.id, let theirs = other.wageFile?.category?.id else { return false }
    return mine == theirs
}

func sameWorkBasis(_ position: PayPosition) -> String {
    "wage file \(position.person.specId ?? "-")"
        + (position.wageFile?.category.map { " or job category \($0.id)" } ?? "")
}

enum Disclaimer {
    static let text =
        "Decision support, not legal advice: these views flag pay patterns to review; a pay decision needs the facts behind each case."
}
