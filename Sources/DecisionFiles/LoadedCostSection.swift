import Pricing
import ReferenceData
public import WorkModel

extension DecisionFile {
    /// Employee pay and contract rates on one basis (reference table `on_costs`): the loaded cost
    /// per worked hour of employee pay, which is also the contract rate that would cost the same,
    /// and the employee gross pay a contract rate would buy.
    public struct LoadedCostSection: Sendable, Codable, Hashable {
        /// `employee-pay` when the band and offer are an employee's gross pay, `contractor-rate`
        /// when they are a rate billed per hour worked.
        public var basis: String
        /// The role's jurisdiction (the spec's `worker.jurisdiction`).
        public var jurisdiction: String
        /// The on-cost row used: the jurisdiction's own or its country's; nil when none exists.
        public var onCostJurisdiction: String?
        /// The spec's currency: the unit of every figure in the section.
        public var currency: String
        /// Set, with nothing computed, when the jurisdiction has no on-cost row.
        public var noData: String?
        /// The arithmetic in words (``DecisionFile/loadedCostFormula``).
        public var formula: String
        /// W: working days a year in the on-cost row; nil without a row.
        public var workingDays: Double?
        /// L: paid leave and public holidays a year in the on-cost row; nil without a row.
        public var paidLeaveDays: Double?
        /// The band midpoint on both bases; nil without an on-cost row.
        public var bandMid: LoadedFigure?
        /// The offer on both bases; nil without an offer or an on-cost row.
        public var offered: LoadedFigure?
        /// Each contribution, extra and leave figure the load factor is made of, with its source.
        public var components: [OnCostLine]
        /// Components the sources name but whose figures were not found: not counted.
        public var gaps: [String]
        /// A caveat about the figures, when there is one.
        public var note: String?
    }

    /// One pay figure on both bases, per hour in the file's currency.
    public struct LoadedFigure: Sendable, Codable, Hashable {
        /// The figure as the file states it: employee gross pay or a contract rate.
        public var stated: Double
        /// Employee gross pay: the stated pay, or what an employee could be paid for the same loaded cost.
        public var employeeGrossHourly: Double
        /// Loaded cost per worked hour: the employee's full cost, equal to the contract rate that would cost the same.
        public var loadedHourly: Double
        /// Loaded cost / employee gross: (1 + contributions) x (1 + extras) x leave factor.
        public var loadFactor: Double
        /// Employer contributions as a share of this gross pay (caps and thresholds applied).
        public var employerContributions: Double
        /// Statutory extras (13th-month pay, mandatory benefits, ...) as a share of this gross pay.
        public var extras: Double
        /// W / (W - L).
        public var leaveFactor: Double
    }

    /// One on-cost used, as the provenance of the load factor.
    public struct OnCostLine: Sendable, Codable, Hashable {
        /// `contribution`, `extra` or `paid-leave`.
        public var kind: String
        /// The on-cost component's id in the reference table.
        public var id: String
        /// The component's name.
        public var name: String
        /// How the component is computed: its rate, cap, threshold or fixed amount, in words.
        public var rule: String
        /// Share of gross pay at the band midpoint (contributions and extras), or working days (paid leave).
        public var atBandMid: Double
        /// A caveat from the reference table.
        public var note: String?
        /// The published source of the figure.
        public var source: String
        /// The date the source was read.
        public var asOf: String
        /// How sure the reference data is of the figure; low-confidence figures raise the
        /// `on-cost-low-confidence` finding.
        public var confidence: Confidence
    }

    /// The loaded-cost arithmetic in words, as every file states it.
    public static let loadedCostFormula =
        "loaded cost per worked hour = gross hourly pay x (1 + employer contributions) x (1 + extras) x W / (W - L), W working days a year, L paid leave days; a contract rate's employee-equivalent gross solves gross x load factor(gross) = rate"

    /// Statuses whose pay is an employee's gross pay (of this organization or of a vendor).
    static let employeePayStatuses: Set<WorkerStatus> = [.employee, .fellow, .dataByproduct, .vendorEmployee]

    /// The loaded-cost section and its provenance. Pay here is the band and the role's offer,
    /// never an internal candidate's: candidates' pay stays in the withheld path upward.
    // Long because: the employee and contractor loaded figures and their provenance come from one on-cost row in one pass.
    static func loadedCostSection(_ pricing: RolePricing, reference: ReferenceSet) -> (
        section: LoadedCostSection, provenance: [Provenance]
    ) {
        let spec = pricing.spec
        let currency = spec.currency
        let employeePay = employeePayStatuses.contains(spec.worker.status)
        let basis = employeePay ? "employee-pay" : "contractor-rate"
        let table = reference.onCosts
        guard let row = table.row(for: spec.worker.jurisdiction) else {
            let message =
                "no on-cost data for \(spec.worker.jurisdiction): loaded cost not computed (not zero); add an on_costs row under --reference"
            return (
                LoadedCostSection(
                    basis: basis, jurisdiction: spec.worker.jurisdiction, onCostJurisdiction: nil, currency: currency,
                    noData: message,
                    formula: loadedCostFormula, workingDays: nil, paidLeaveDays: nil, bandMid: nil, offered: nil,
                    components: [], gaps: [], note: nil), []
            )
        }
        let hoursPerYear = pricing.hours.hoursPerYear
        func figure(_ hourly: Double) -> (LoadedFigure, LoadFactor)? {
            let annual = hourly * hoursPerYear
            let load =
                employeePay
                ? table.load(spec.worker.jurisdiction, annualGross: annual, currency: currency)
                : table.grossEquivalent(spec.worker.jurisdiction, annualLoaded: annual, currency: currency)
            guard let load, load.factor > 0 else { return nil }
            let gross = employeePay ? hourly : hourly / load.factor
            return (
                LoadedFigure(
                    stated: Format.round(hourly, places: 2), employeeGrossHourly: Format.round(gross, places: 2),
                    loadedHourly: Format.round(gross * load.factor, places: 2),
                    loadFactor: Format.round(load.factor, places: 4),
                    employerContributions: Format.round(load.contributionRate, places: 4),
                    extras: Format.round(load.extrasRate, places: 4),
                    leaveFactor: Format.round(load.leaveFactor, places: 4)), load
            )
        }
        let mid = figure(pricing.bandHourly.mid)
        let offer = pricing.offered.flatMap { figure($0.hourly) }
        let atMid = mid?.1 ?? row.load(annualGross: 0)
        var lines = (atMid.contributions.map { ("contribution", $0) } + atMid.extras.map { ("extra", $0) }).map {
            kind, part in
            OnCostLine(
                kind: kind, id: part.component.id, name: part.component.name,
                rule: part.component.describe(currency: row.currency),
                atBandMid: Format.round(part.rate, places: 4), note: part.component.note,
                source: part.component.ref.source,
                asOf: part.component.ref.asOf, confidence: part.component.ref.confidence)
        }
        if let leave = row.paidLeave {
            lines.append(
                OnCostLine(
                    kind: "paid-leave", id: "paid-leave", name: "Statutory paid leave",
                    rule:
                        "\(Format.number(leave.days)) \(leave.counted == .calendar ? "calendar" : "working") days a year",
                    atBandMid: Format.round(leave.workingDays, places: 2),
                    note: leave.note, source: leave.ref.source, asOf: leave.ref.asOf, confidence: leave.ref.confidence))
        }
        let section = LoadedCostSection(
            basis: basis, jurisdiction: spec.worker.jurisdiction, onCostJurisdiction: row.jurisdiction,
            currency: currency, noData: nil,
            formula: loadedCostFormula, workingDays: row.workingDays,
            paidLeaveDays: Format.round(atMid.leaveDays, places: 2),
            bandMid: mid?.0, offered: offer?.0, components: lines,
            gaps: row.gaps
                + (row.paidLeave == nil && !row.gaps.contains { $0.contains("leave") }
                    ? ["statutory paid leave (no figure in the row)"] : []),
            note: row.note)

        var trail = lines.map { line in
            Provenance(
                figure: "loadedCost.components.\(line.id)", value: line.atBandMid,
                unit: line.kind == "paid-leave" ? "working days" : "share of gross",
                source: line.source, asOf: line.asOf, confidence: line.confidence,
                derivation: "\(row.name) (\(row.jurisdiction)): \(line.name), \(line.rule)")
        }
        trail.append(
            Provenance(
                figure: "loadedCost.workingDays", value: row.workingDays, unit: "days a year",
                source: row.workingDaysStated ? row.ref.source : "wagefile-defaults",
                asOf: row.workingDaysStated ? row.ref.asOf : reference.source("wagefile-defaults")?.ref.asOf,
                confidence: row.workingDaysStated ? row.ref.confidence : .medium,
                derivation: row.workingDaysStated
                    ? "stated in the on-cost row for \(row.jurisdiction)" : "52 weeks x 5 days"))
        let verb = employeePay ? "gross x load factor" : "employee-equivalent gross = rate / load factor"
        for (name, entry) in [("bandMid", mid), ("offered", offer)] {
            guard let (shown, load) = entry else { continue }
            trail.append(
                Provenance(
                    figure: "loadedCost.\(name).loadFactor", value: shown.loadFactor, source: "computed",
                    derivation:
                        "\(load.derivation), at \(Format.money(load.annualGross, places: 0)) \(row.currency ?? currency) a year"
                ))
            trail.append(
                Provenance(
                    figure: employeePay ? "loadedCost.\(name).loadedHourly" : "loadedCost.\(name).employeeGrossHourly",
                    value: employeePay ? shown.loadedHourly : shown.employeeGrossHourly, unit: "\(currency)/h",
                    source: "computed",
                    derivation:
                        "\(verb): \(Format.number(shown.stated, maxPlaces: 2)) \(employeePay ? "x" : "/") \(Format.number(shown.loadFactor))"
                ))
        }
        return (section, trail)
    }

    /// Low-confidence on-cost figures used, for the finding that names them.
    static func lowConfidenceOnCosts(_ section: LoadedCostSection) -> [String] {
        section.components.filter { $0.confidence == .low }.map { "\($0.name) (\($0.source), \($0.asOf))" }
    }
}

/// The loaded-cost section in each rendering.
enum LoadedCostText {
    static func summary(_ section: DecisionFile.LoadedCostSection) -> String {
        if let noData = section.noData { return noData }
        let row =
            section.onCostJurisdiction.map { $0 == section.jurisdiction ? $0 : "\($0) (for \(section.jurisdiction))" }
            ?? section.jurisdiction
        let basis = section.basis == "employee-pay" ? "employee gross pay" : "a contract rate per hour worked"
        return
            "The band and offer are \(basis); on-costs of \(row), \(Format.number(section.workingDays ?? 0)) working days and \(Format.number(section.paidLeaveDays ?? 0, maxPlaces: 2)) paid leave days a year."
    }

    static func figureRows(_ section: DecisionFile.LoadedCostSection) -> [(String, DecisionFile.LoadedFigure)] {
        [("Band midpoint", section.bandMid), ("Offered", section.offered)].compactMap { label, figure in
            figure.map { (label, $0) }
        }
    }

    static let figureHeader = [
        "", "Stated", "Employee gross", "Loaded per worked hour (contractor-equivalent rate)", "Load factor",
    ]

    static func markdown(_ file: DecisionFile) -> String {
        guard let section = file.loadedCost else { return "" }
        let c = section.currency
        var out = "\n## Loaded cost\n\n\(summary(section))\n"
        guard section.noData == nil else { return out }
        out +=
            "\n| | Stated (\(c)/h) | Employee gross (\(c)/h) | Loaded per worked hour = contractor-equivalent rate (\(c)/h) | Load factor |\n|---|---:|---:|---:|---:|\n"
        for (label, figure) in figureRows(section) {
            out +=
                "| \(label) | \(Format.money(figure.stated)) | \(Format.money(figure.employeeGrossHourly)) | \(Format.money(figure.loadedHourly)) | \(Format.number(figure.loadFactor)) |\n"
        }
        out += "\n| On-cost | Rule | At the band midpoint | Source | As of | Confidence |\n|---|---|---:|---|---|---|\n"
        for line in section.components {
            let share =
                line.kind == "paid-leave"
                ? "\(Format.number(line.atBandMid, maxPlaces: 2)) working days"
                : Format.percent(line.atBandMid, places: 2)
            out +=
                "| \(MarkdownRendering.cell(line.name)) | \(MarkdownRendering.cell(line.rule)) | \(share) | \(line.source) | \(line.asOf) | \(line.confidence.rawValue) |\n"
        }
        if !section.gaps.isEmpty {
            out += "\nNot counted (no figure found): \(section.gaps.joined(separator: "; ")).\n"
        }
        if let note = section.note { out += "\n\(note)\n" }
        return out + "\nFormula: \(section.formula).\n"
    }

    static func html(_ file: DecisionFile) -> String {
        guard let section = file.loadedCost else { return "" }
        let e = HTMLRendering.e
        let c = e(section.currency)
        var body = "<section><h2>Loaded cost</h2><p>\(e(summary(section)))</p>"
        guard section.noData == nil else { return body + "</section>" }
        body +=
            "<table><caption>Employee pay and contract rates on one basis</caption><thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"num\">Stated (\(c)/h)</th><th scope=\"col\" class=\"num\">Employee gross (\(c)/h)</th><th scope=\"col\" class=\"num\">Loaded per worked hour = contractor-equivalent rate (\(c)/h)</th><th scope=\"col\" class=\"num\">Load factor</th></tr></thead><tbody>"
        for (label, figure) in figureRows(section) {
            body +=
                "<tr><th scope=\"row\">\(label)</th><td class=\"num\">\(Format.money(figure.stated))</td><td class=\"num\">\(Format.money(figure.employeeGrossHourly))</td><td class=\"num\">\(Format.money(figure.loadedHourly))</td><td class=\"num\">\(Format.number(figure.loadFactor))</td></tr>"
        }
        body +=
            "</tbody></table><table><caption>On-costs used</caption><thead><tr><th scope=\"col\">On-cost</th><th scope=\"col\">Rule</th><th scope=\"col\" class=\"num\">At the band midpoint</th><th scope=\"col\">Source</th><th scope=\"col\">As of</th><th scope=\"col\">Confidence</th></tr></thead><tbody>"
        for line in section.components {
            let share =
                line.kind == "paid-leave"
                ? "\(Format.number(line.atBandMid, maxPlaces: 2)) working days"
                : Format.percent(line.atBandMid, places: 2)
            body +=
                "<tr><td>\(e(line.name))</td><td>\(e(line.rule))</td><td class=\"num\">\(share)</td><td>\(e(line.source))</td><td>\(e(line.asOf))</td><td>\(line.confidence.rawValue)</td></tr>"
        }
        body += "</tbody></table>"
        if !section.gaps.isEmpty {
            body += "<p>Not counted (no figure found): \(e(section.gaps.joined(separator: "; "))).</p>"
        }
        if let note = section.note { body += "<p>\(e(note))</p>" }
        return body + "<p class=\"disclaimer\">Formula: \(e(section.formula)).</p></section>"
    }

    static let csvHeader = [
        "load_factor", "loaded_hourly_mid", "employee_gross_hourly_mid", "loaded_hourly_offered",
        "employee_gross_hourly_offered",
    ]

    static func csv(_ file: DecisionFile) -> [String] {
        let section = file.loadedCost
        let mid = section?.bandMid
        let offer = section?.offered
        func money(_ value: Double?) -> String { value.map { Format.fixed($0, places: 2) } ?? "" }
        return [
            mid.map { Format.fixed($0.loadFactor, places: 4) } ?? "", money(mid?.loadedHourly),
            money(mid?.employeeGrossHourly),
            money(offer?.loadedHourly), money(offer?.employeeGrossHourly),
        ]
    }
}
