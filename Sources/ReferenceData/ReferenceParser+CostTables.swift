import Specs
import WorkModel

/// The job architecture (`grades`) and employer on-costs (`on_costs`) tables: read like every
/// other table (later ids replace earlier ones), checked when the set is built.
struct CostTables: Sendable {
    var grades = ReferenceParser.Table<JobGrade>()
    var onCosts = ReferenceParser.Table<OnCostRow>()
    /// The last grade read from each file, so a file's grades can be checked to ascend as written.
    var lastGrade: [String: JobGrade] = [:]

    static let gradeFields = ["id", "name", "mid_usd_hourly", "range_spread", "typical"] + ReferenceParser.refFields
    static let rowFields =
        ["jurisdiction", "name", "currency", "working_days", "contributions", "extras", "paid_leave", "gaps", "note"]
        + ReferenceParser.refFields
    static let componentFields =
        [
            "id", "name", "rate", "amount", "earnings_from", "earnings_to", "applies_up_to", "applies_from", "per",
            "note",
        ] + ReferenceParser.refFields
    static let leaveFields = ["days", "counted", "note"] + ReferenceParser.refFields

    /// Puts the merged tables into `set` and returns every problem across records: unknown
    /// sources, jurisdictions and currencies, and grades that do not ascend.
    func attach(to set: inout ReferenceSet, sources: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func fail(_ origin: Origin?, _ field: String, _ message: String) {
            let origin = origin ?? Origin(file: "reference", location: .start, shipped: true, overridesShipped: false)
            problems.append(Diagnostic(file: origin.file, location: origin.location, field: field, message: message))
        }
        func checkSource(_ ref: SourceRef, _ origin: Origin?, _ field: String) {
            if !sources.contains(ref.source) {
                fail(origin, "\(field).source", "no source '\(ref.source)' in the source ledger")
            }
        }

        // Grades keep the order they were first listed in; a structure must ascend in it, so an
        // override that moves one grade past its neighbour is caught, not silently re-sorted.
        let grades = self.grades.records
        for (index, grade) in grades.enumerated() {
            let origin = self.grades.origin(grade.id)
            checkSource(grade.ref, origin, "grades.\(grade.id)")
            if index > 0, grade.midUSDHourly <= grades[index - 1].midUSDHourly {
                let below = grades[index - 1]
                // Blame the user's record of the two where there is one: that is what changed.
                let belowOrigin = self.grades.origin(below.id)
                let blamed =
                    origin?.shipped == false
                    ? (grade.id, origin) : belowOrigin?.shipped == false ? (below.id, belowOrigin) : (grade.id, origin)
                fail(
                    blamed.1, "grades.\(blamed.0).mid_usd_hourly",
                    "grades must ascend in the order listed: '\(grade.id)' (\(Format.number(grade.midUSDHourly)) USD/h) comes after '\(below.id)' (\(Format.number(below.midUSDHourly)) USD/h)"
                )
            }
        }

        let rows = onCosts.records
        for row in rows {
            let origin = onCosts.origin(row.jurisdiction)
            let field = "on_costs.\(row.jurisdiction)"
            checkSource(row.ref, origin, field)
            if set.jurisdiction(row.jurisdiction) == nil {
                fail(
                    origin, "\(field).jurisdiction",
                    "no jurisdiction '\(row.jurisdiction)' in the jurisdictions table; add it (code, name, hours basis)"
                )
            }
            if let currency = row.currency, set.exchangeRate(currency) == nil {
                fail(origin, "\(field).currency", "no exchange rate for \(currency); add one to exchange_rates")
            }
            for component in row.contributions + row.extras {
                checkSource(component.ref, origin, "\(field).\(component.id)")
            }
            if let leave = row.paidLeave { checkSource(leave.ref, origin, "\(field).paid_leave") }
        }

        set.grades = grades
        var perUSD: [String: Double] = ["USD": 1]
        for rate in set.exchangeRates { perUSD[rate.currency] = rate.perUSD }
        set.onCosts = OnCostTable(rows: rows, perUSD: perUSD)
        return problems
    }

    func record(into origins: inout [String: Origin]) {
        for id in grades.order { origins["grades/\(id)"] = grades.origin(id) }
        for id in onCosts.order { origins["on_costs/\(id)"] = onCosts.origin(id) }
    }
}

extension ReferenceParser {
    mutating func readGrade(_ item: SpecNode, path: String, file: String, shipped: Bool, reader: inout FieldReader) {
        guard let view = reader.mapping(item, path: path, allowed: CostTables.gradeFields) else { return }
        let id = reader.string(view, "id", required: true)
        let name = reader.string(view, "name", required: true)
        let mid = reader.number(view, "mid_usd_hourly", required: true, range: 0...1e6, exclusiveMinimum: 0)
        // A spread is stated against the minimum; above 5 (a max six times the min) is a typo.
        let spread = reader.number(view, "range_spread", required: true, range: 0...5, exclusiveMinimum: 0)
        let ref = Self.readRef(view, reader: &reader)
        guard let id, let name, let mid, let spread, let ref else { return }
        let grade = JobGrade(
            id: id, name: name, midUSDHourly: mid, rangeSpread: spread, typical: reader.string(view, "typical"),
            ref: ref)
        if let previous = costTables.lastGrade[file], mid <= previous.midUSDHourly {
            reader.report(
                view.location(of: "mid_usd_hourly"), view.path("mid_usd_hourly"),
                "grades ascend: \(Format.number(mid)) USD/h is not above '\(previous.id)' (\(Format.number(previous.midUSDHourly)) USD/h) listed before it"
            )
        }
        costTables.lastGrade[file] = grade
        costTables.grades.put(id, grade, file: file, at: item.location, shipped: shipped)
    }

    mutating func readOnCostRow(_ item: SpecNode, path: String, file: String, shipped: Bool, reader: inout FieldReader)
    {
        guard let view = reader.mapping(item, path: path, allowed: CostTables.rowFields) else { return }
        let jurisdiction = reader.string(view, "jurisdiction", required: true)
        let name = reader.string(view, "name", required: true)
        let currency = reader.string(view, "currency")
        if let jurisdiction { Self.checkJurisdiction(jurisdiction, view, "jurisdiction", reader: &reader) }
        if let currency { Self.checkCurrency(currency, view, reader: &reader) }
        let workingDays = reader.number(view, "working_days", range: 1...366)
        let contributions = readComponents(view, "contributions", currency: currency, reader: &reader)
        let extras = readComponents(view, "extras", currency: currency, reader: &reader)
        let leave = readLeave(view, workingDays: workingDays ?? OnCostRow.defaultWorkingDays, reader: &reader)
        let ids = (contributions + extras).map(\.id)
        for (index, id) in ids.enumerated() where ids[..<index].contains(id) {
            reader.report(view.location, view.path(id), "component '\(id)' is listed twice in this row")
        }
        let ref = Self.readRef(view, reader: &reader)
        guard let jurisdiction, let name, let ref else { return }
        let row = OnCostRow(
            jurisdiction: jurisdiction, name: name, currency: currency,
            workingDays: workingDays ?? OnCostRow.defaultWorkingDays,
            workingDaysStated: workingDays != nil, contributions: contributions, extras: extras, paidLeave: leave,
            gaps: reader.strings(view, "gaps"), note: reader.string(view, "note"), ref: ref)
        costTables.onCosts.put(jurisdiction, row, file: file, at: item.location, shipped: shipped)
    }

    private func readComponents(_ view: MappingView, _ key: String, currency: String?, reader: inout FieldReader)
        -> [OnCostComponent]
    {
        guard let node = view.value(key), !node.isNull, let items = reader.list(node, path: view.path(key)) else {
            return []
        }
        var components: [OnCostComponent] = []
        for (index, item) in items.enumerated() {
            let path = "\(view.path(key))[\(index)]"
            guard let part = reader.mapping(item, path: path, allowed: CostTables.componentFields) else { continue }
            let id = reader.string(part, "id", required: true)
            let name = reader.string(part, "name", required: true)
            let rate = reader.number(part, "rate", range: 0...1)
            let amount = reader.number(part, "amount", range: 0...1e12, exclusiveMinimum: 0)
            let from = reader.number(part, "earnings_from", range: 0...1e12)
            let to = reader.number(part, "earnings_to", range: 0...1e12, exclusiveMinimum: 0)
            let upTo = reader.number(part, "applies_up_to", range: 0...1e12, exclusiveMinimum: 0)
            let appliesFrom = reader.number(part, "applies_from", range: 0...1e12, exclusiveMinimum: 0)
            let period = reader.enumeration(part, "per", as: OnCostPeriod.self)
            let ref = Self.readRef(part, reader: &reader)
            switch (rate, amount) {
            case (nil, nil):
                if !part.has("rate") && !part.has("amount") {
                    reader.report(
                        part.location, part.path("rate"),
                        "give a rate (a share of pay, 0.062 for 6.2%) or a fixed amount per month or year")
                }
            case (.some, .some):
                reader.report(part.location(of: "amount"), part.path("amount"), "give a rate or an amount, not both")
            default:
                break
            }
            if amount != nil && (from != nil || to != nil) {
                reader.report(
                    part.location(of: "amount"), part.path("amount"),
                    "earnings_from and earnings_to bound a rate's slice of pay; a fixed amount takes neither")
            }
            if let from, let to, to <= from {
                reader.report(
                    part.location(of: "earnings_to"), part.path("earnings_to"),
                    "earnings_to \(Format.number(to)) is not above earnings_from \(Format.number(from))")
            }
            let money = amount != nil || from != nil || to != nil || upTo != nil || appliesFrom != nil
            if money && period == nil && !part.has("per") {
                reader.report(part.location, part.path("per"), "money figures need a period: per: month or per: year")
            }
            if money && currency == nil {
                reader.report(
                    part.location, part.path("currency"),
                    "money figures need the row's currency: add currency (ISO 4217) to the row")
            }
            guard let id, let name, let ref, rate != nil || amount != nil else { continue }
            components.append(
                OnCostComponent(
                    id: id, name: name, rate: amount == nil ? rate : nil, amount: amount, earningsFrom: from,
                    earningsTo: to,
                    appliesUpTo: upTo, appliesFrom: appliesFrom, period: period, note: reader.string(part, "note"),
                    ref: ref))
        }
        return components
    }

    private func readLeave(_ view: MappingView, workingDays: Double, reader: inout FieldReader) -> PaidLeave? {
        guard let node = view.value("paid_leave"), !node.isNull,
            let leave = reader.mapping(node, path: view.path("paid_leave"), allowed: CostTables.leaveFields)
        else { return nil }
        let days = reader.number(leave, "days", required: true, range: 0...366)
        let counted = reader.enumeration(leave, "counted", as: PaidLeave.Counting.self) ?? .working
        let ref = Self.readRef(leave, reader: &reader)
        guard let days, let ref else { return nil }
        let paid = PaidLeave(days: days, counted: counted, note: reader.string(leave, "note"), ref: ref)
        if paid.workingDays >= workingDays {
            reader.report(
                leave.location(of: "days"), leave.path("days"),
                "\(Format.number(paid.workingDays, maxPlaces: 2)) leave days leave no working days out of \(Format.number(workingDays))"
            )
            return nil
        }
        return paid
    }
}
