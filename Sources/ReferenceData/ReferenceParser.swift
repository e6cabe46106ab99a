public import WorkModel
import Specs

/// Reads reference tables from YAML documents, later documents overriding earlier records
/// with the same id, then checks every cross-reference. Pure: callers supply the text.
public struct ReferenceParser: Sendable {
    /// The tables a reference file may hold, as top-level keys.
    public static let tables = [
        "sources", "segments", "layers", "categories", "anchors", "factors", "premiums", "benchmarks", "tasks",
        "title_hints", "policy", "exchange_rates", "location_factors", "jurisdictions", "wage_floors", "living_wages",
        "grades", "on_costs",
    ]

    struct Entry<Record: Sendable>: Sendable {
        var record: Record
        var origin: Origin
    }

    /// Records keyed by id, in first-definition order; a later definition replaces the record in place.
    struct Table<Record: Sendable>: Sendable {
        var order: [String] = []
        var entries: [String: Entry<Record>] = [:]

        mutating func put(_ id: String, _ record: Record, file: String, at location: SourceLocation, shipped: Bool) {
            if let existing = entries[id] {
                let replacesShipped = !shipped && (existing.origin.shipped || existing.origin.overridesShipped)
                entries[id] = Entry(record: record, origin: Origin(file: file, location: location, shipped: shipped, overridesShipped: replacesShipped))
            } else {
                order.append(id)
                entries[id] = Entry(record: record, origin: Origin(file: file, location: location, shipped: shipped, overridesShipped: false))
            }
        }

        var records: [Record] { order.compactMap { entries[$0]?.record } }
        func origin(_ id: String) -> Origin? { entries[id]?.origin }
    }

    static let shippedPrefix = "reference/"

    private var sources = Table<SourceEntry>()
    private var segments = Table<Segment>()
    private var layers = Table<LayerProfile>()
    private var categories = Table<JobCategory>()
    private var anchors = Table<MarketAnchor>()
    private var factors = Table<EvaluationFactor>()
    private var premiums = Table<PremiumTrigger>()
    private var benchmarks = Table<BenchmarkRole>()
    private var tasks = Table<TaskKind>()
    private var titleHints = Table<TitleHint>()
    private var rates = Table<ExchangeRate>()
    private var locations = Table<LocationFactor>()
    private var jurisdictions = Table<Jurisdiction>()
    private var floors = Table<WageFloor>()
    private var livingWages = Table<WageFloor>()
    private var policy: Entry<PricingPolicy>?
    /// The job architecture and employer on-costs (ReferenceParser+CostTables.swift).
    var costTables = CostTables()
    private var diagnostics: [Diagnostic] = []

    public init() {}

    /// Adds one YAML document. `shipped` marks Wagefile's own files, named `reference/<file>`.
    public mutating func add(_ text: String, file: String, shipped: Bool = false) {
        let root: SpecNode?
        do {
            root = try SpecDocument.parse(text, file: file)
        } catch {
            diagnostics += error.diagnostics
            return
        }
        guard let root else { return }
        var reader = FieldReader(file: file)
        guard let top = reader.mapping(root, path: "", allowed: Self.tables) else {
            diagnostics += reader.diagnostics
            return
        }
        for entry in top.entries {
            if entry.key == "policy" {
                if let view = reader.mapping(entry.value, path: "policy", allowed: Self.policyFields) {
                    if let value = readPolicy(view, reader: &reader) {
                        policy = Entry(record: value, origin: Origin(file: file, location: view.location, shipped: shipped, overridesShipped: !shipped && policy != nil))
                    }
                }
                continue
            }
            guard let items = reader.list(entry.value, path: entry.key) else { continue }
            for (index, item) in items.enumerated() {
                let path = "\(entry.key)[\(index)]"
                readRecord(table: entry.key, item: item, path: path, file: file, shipped: shipped, reader: &reader)
            }
        }
        diagnostics += reader.diagnostics
    }

    // MARK: Records

    private mutating func readRecord(table: String, item: SpecNode, path: String, file: String, shipped: Bool, reader: inout FieldReader) {
        let at = item.location
        switch table {
        case "sources":
            guard let view = reader.mapping(item, path: path, allowed: ["key", "title", "publisher", "signal", "implication"] + Self.refFields),
                let key = reader.string(view, "key", required: true), let title = reader.string(view, "title", required: true),
                let publisher = reader.string(view, "publisher", required: true), let signal = reader.string(view, "signal", required: true),
                let ref = readRef(view, reader: &reader)
            else { return }
            sources.put(key, SourceEntry(key: key, title: title, publisher: publisher, signal: signal, implication: reader.string(view, "implication"), ref: ref), file: file, at: at, shipped: shipped)
        case "segments":
            guard let view = reader.mapping(item, path: path, allowed: ["id", "name", "main_output", "quality_risk", "employment_model", "pay_logic"] + Self.refFields),
                let id = reader.enumeration(view, "id", as: LaborSegment.self, required: true),
                let name = reader.string(view, "name", required: true), let output = reader.string(view, "main_output", required: true),
                let risk = reader.string(view, "quality_risk", required: true), let model = reader.string(view, "employment_model", required: true),
                let logic = reader.string(view, "pay_logic", required: true), let ref = readRef(view, reader: &reader)
            else { return }
            segments.put(id.rawValue, Segment(id: id, name: name, mainOutput: output, qualityRisk: risk, employmentModel: model, payLogic: logic, ref: ref), file: file, at: at, shipped: shipped)
        case "layers":
            guard let view = reader.mapping(item, path: path, allowed: Self.layerFields) else { return }
            let id = reader.enumeration(view, "id", as: WorkLayer.self, required: true)
            let name = reader.string(view, "name", required: true)
            let segment = reader.enumeration(view, "segment", as: LaborSegment.self, required: true)
            let directions = reader.strings(view, "directions").compactMap { text -> Direction? in
                guard let direction = Direction(rawValue: text) else {
                    reader.report(view.location(of: "directions"), view.path("directions"), "'\(text)' is not one of: \(Direction.allCases.map(\.rawValue).joined(separator: ", "))")
                    return nil
                }
                return direction
            }
            let next = reader.strings(view, "next").compactMap { text -> WorkLayer? in
                guard let layer = WorkLayer(rawValue: text) else {
                    reader.report(view.location(of: "next"), view.path("next"), "'\(text)' is not a work layer")
                    return nil
                }
                return layer
            }
            let anchor = reader.string(view, "pay_anchor", required: true)
            let risk = reader.string(view, "main_risk", required: true)
            let owner = reader.string(view, "governance_owner", required: true)
            let profile = readFactorMap(view, "typical_profile", reader: &reader)
            guard let id, let name, let segment, let anchor, let risk, let owner, let ref = readRef(view, reader: &reader) else { return }
            if directions.isEmpty { reader.report(view.location, view.path("directions"), "list at least one direction") }
            layers.put(
                id.rawValue,
                LayerProfile(
                    id: id, name: name, segment: segment, directions: directions, payAnchor: anchor,
                    anchorCategory: reader.string(view, "anchor_category"), anchor: reader.string(view, "anchor"),
                    premiumTriggers: reader.strings(view, "premium_triggers"), mainRisk: risk, governanceOwner: owner,
                    next: next, qualifyingEvidence: reader.strings(view, "qualifying_evidence"),
                    typicalProfile: profile, ref: ref),
                file: file, at: at, shipped: shipped)
        case "categories":
            guard let view = reader.mapping(item, path: path, allowed: ["id", "name", "tier_role", "rate_low", "rate_high", "currency", "layer"] + Self.refFields),
                let id = reader.string(view, "id", required: true), let name = reader.string(view, "name", required: true),
                let tier = reader.string(view, "tier_role", required: true),
                let low = reader.number(view, "rate_low", required: true, range: 0...1e9, exclusiveMinimum: 0),
                let high = reader.number(view, "rate_high", required: true, range: 0...1e9, exclusiveMinimum: 0),
                let currency = reader.string(view, "currency", required: true),
                let layer = reader.enumeration(view, "layer", as: WorkLayer.self, required: true),
                let ref = readRef(view, reader: &reader)
            else { return }
            if high < low { reader.report(view.location(of: "rate_high"), view.path("rate_high"), "rate_high \(Format.number(high)) is below rate_low \(Format.number(low))") }
            categories.put(id, JobCategory(id: id, name: name, tierRole: tier, rateLow: low, rateHigh: high, currency: currency, layer: layer, ref: ref), file: file, at: at, shipped: shipped)
        case "anchors":
            guard let view = reader.mapping(item, path: path, allowed: ["id", "name", "low", "high", "basis", "currency", "benefits", "layer"] + Self.refFields),
                let id = reader.string(view, "id", required: true), let name = reader.string(view, "name", required: true),
                let low = reader.number(view, "low", required: true, range: 0...1e12, exclusiveMinimum: 0),
                let basis = reader.enumeration(view, "basis", as: PayBasis.self, required: true),
                let currency = reader.string(view, "currency", required: true),
                let ref = readRef(view, reader: &reader)
            else { return }
            let high = reader.number(view, "high", range: 0...1e12)
            if let high, high < low { reader.report(view.location(of: "high"), view.path("high"), "high is below low") }
            anchors.put(id, MarketAnchor(id: id, name: name, low: low, high: high, basis: basis, currency: currency, benefits: reader.string(view, "benefits"), layer: reader.enumeration(view, "layer", as: WorkLayer.self), ref: ref), file: file, at: at, shipped: shipped)
        case "factors":
            guard let view = reader.mapping(item, path: path, allowed: ["id", "axis", "name", "question", "levels", "default"] + Self.refFields),
                let id = reader.string(view, "id", required: true),
                let axis = reader.enumeration(view, "axis", as: Axis.self, required: true),
                let name = reader.string(view, "name", required: true), let question = reader.string(view, "question", required: true)
            else { return }
            let levels = readLevels(view, reader: &reader)
            let defaultLevel = reader.string(view, "default")
            if let defaultLevel, !levels.isEmpty, !levels.contains(where: { $0.id == defaultLevel }) {
                reader.report(view.location(of: "default"), view.path("default"), "'\(defaultLevel)' is not one of the levels: \(levels.map(\.id).joined(separator: ", "))")
            }
            // Market factors pay through premiums only; points on them would pay one fact twice.
            if axis == .market, let scored = levels.first(where: { $0.points != 0 }) {
                reader.report(view.location(of: "levels"), view.path("levels"), "a market factor scores no points (it may only trigger premiums); level '\(scored.id)' has \(Format.number(scored.points))")
            }
            guard let ref = readRef(view, reader: &reader), !levels.isEmpty else { return }
            factors.put(id, EvaluationFactor(id: id, axis: axis, name: name, question: question, levels: levels, defaultLevel: defaultLevel, ref: ref), file: file, at: at, shipped: shipped)
        case "premiums":
            guard let view = reader.mapping(item, path: path, allowed: ["id", "name", "percent", "factor", "levels"] + Self.refFields),
                let id = reader.string(view, "id", required: true), let name = reader.string(view, "name", required: true),
                let percent = reader.number(view, "percent", required: true, range: 0...500),
                let factor = reader.string(view, "factor", required: true),
                let ref = readRef(view, reader: &reader)
            else { return }
            let levels = reader.strings(view, "levels")
            if levels.isEmpty { reader.report(view.location, view.path("levels"), "list the factor levels that trigger the premium") }
            premiums.put(id, PremiumTrigger(id: id, name: name, percent: percent, factor: factor, levels: levels, ref: ref), file: file, at: at, shipped: shipped)
        case "benchmarks":
            guard let view = reader.mapping(item, path: path, allowed: ["id", "title", "category", "anchor", "p50_hourly_usd", "derivation", "factors", "market", "locality", "replaces"] + Self.refFields),
                let id = reader.string(view, "id", required: true), let title = reader.string(view, "title", required: true),
                let p50 = reader.number(view, "p50_hourly_usd", required: true, range: 0...1e7, exclusiveMinimum: 0),
                let derivation = reader.string(view, "derivation", required: true)
            else { return }
            let factorMap = readFactorMap(view, "factors", reader: &reader)
            guard let ref = readRef(view, reader: &reader) else { return }
            let market = reader.string(view, "market") ?? "US"
            checkJurisdiction(market, view, "market", reader: &reader)
            benchmarks.put(
                id,
                BenchmarkRole(
                    id: id, title: title, category: reader.string(view, "category"), anchor: reader.string(view, "anchor"), p50HourlyUSD: p50,
                    derivation: derivation, factors: factorMap, market: market, locality: reader.string(view, "locality"),
                    replaces: reader.strings(view, "replaces"), ref: ref),
                file: file, at: at, shipped: shipped)
        case "tasks":
            guard let view = reader.mapping(item, path: path, allowed: ["id", "layer", "category", "description"] + Self.refFields),
                let id = reader.string(view, "id", required: true),
                let layer = reader.enumeration(view, "layer", as: WorkLayer.self, required: true),
                let description = reader.string(view, "description", required: true),
                let ref = readRef(view, reader: &reader)
            else { return }
            tasks.put(id, TaskKind(id: id, layer: layer, category: reader.string(view, "category"), description: description, ref: ref), file: file, at: at, shipped: shipped)
        case "title_hints":
            guard let view = reader.mapping(item, path: path, allowed: ["pattern", "layer", "note"] + Self.refFields),
                let pattern = reader.string(view, "pattern", required: true),
                let layer = reader.enumeration(view, "layer", as: WorkLayer.self, required: true),
                let ref = readRef(view, reader: &reader)
            else { return }
            titleHints.put(pattern.lowercased(), TitleHint(pattern: pattern.lowercased(), layer: layer, note: reader.string(view, "note"), ref: ref), file: file, at: at, shipped: shipped)
        case "exchange_rates":
            guard let view = reader.mapping(item, path: path, allowed: ["currency", "per_usd"] + Self.refFields),
                let currency = reader.string(view, "currency", required: true),
                let rate = reader.number(view, "per_usd", required: true, range: 0...1e12, exclusiveMinimum: 0),
                let ref = readRef(view, reader: &reader)
            else { return }
            checkCurrency(currency, view, reader: &reader)
            rates.put(currency, ExchangeRate(currency: currency, perUSD: rate, ref: ref), file: file, at: at, shipped: shipped)
        case "location_factors":
            guard let view = reader.mapping(item, path: path, allowed: ["id", "jurisdiction", "localities", "factor", "basis"] + Self.refFields),
                let jurisdiction = reader.string(view, "jurisdiction", required: true),
                let factor = reader.number(view, "factor", required: true, range: 0...100, exclusiveMinimum: 0),
                let ref = readRef(view, reader: &reader)
            else { return }
            checkJurisdiction(jurisdiction, view, "jurisdiction", reader: &reader)
            let localities = reader.strings(view, "localities")
            // A whole-jurisdiction record is keyed by its code, so a user's file replaces it by naming the code.
            let id = reader.string(view, "id") ?? jurisdiction
            if !localities.isEmpty && id == jurisdiction {
                reader.report(view.location, view.path("id"), "a differential for localities needs its own id (the jurisdiction code names the whole jurisdiction)")
            }
            locations.put(
                id, LocationFactor(id: id, jurisdiction: jurisdiction, localities: localities, factor: factor, basis: reader.string(view, "basis"), ref: ref),
                file: file, at: at, shipped: shipped)
        case "jurisdictions":
            guard let view = reader.mapping(item, path: path, allowed: ["code", "name", "groups"] + Self.hoursFields + Self.refFields),
                let code = reader.string(view, "code", required: true), let name = reader.string(view, "name", required: true),
                let ref = readRef(view, reader: &reader)
            else { return }
            checkJurisdiction(code, view, "code", reader: &reader)
            jurisdictions.put(code, Jurisdiction(code: code, name: name, groups: reader.strings(view, "groups"), hours: readHours(view, reader: &reader), ref: ref), file: file, at: at, shipped: shipped)
        case "wage_floors", "living_wages":
            guard let view = reader.mapping(item, path: path, allowed: Self.floorFields) else { return }
            // Read every field before giving up, so one record's problems are all reported.
            let id = reader.string(view, "id", required: true)
            let jurisdiction = reader.string(view, "jurisdiction", required: true)
            let amount = reader.number(view, "amount", required: true, range: 0...1e12, exclusiveMinimum: 0)
            let currency = reader.string(view, "currency", required: true)
            let period = reader.enumeration(view, "period", as: WagePeriod.self, required: true)
            let effectiveText = reader.string(view, "effective", required: true)
            let ref = readRef(view, reader: &reader)
            if let jurisdiction { checkJurisdiction(jurisdiction, view, "jurisdiction", reader: &reader) }
            if let currency { checkCurrency(currency, view, reader: &reader) }
            let effective = effectiveText.flatMap(CalendarDate.init)
            if let effectiveText, effective == nil {
                reader.report(view.location(of: "effective"), view.path("effective"), "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(effectiveText)'")
            }
            guard let id, let jurisdiction, let amount, let currency, let period, let effective, let ref else { return }
            let record = WageFloor(
                id: id, jurisdiction: jurisdiction, localities: reader.strings(view, "localities"), amount: amount, currency: currency,
                period: period, effective: effective, standing: reader.enumeration(view, "standing", as: FloorStanding.self) ?? .statutory,
                hours: readHours(view, reader: &reader),
                allowancePercent: reader.number(view, "allowance_percent", range: 0...200, exclusiveMinimum: 0),
                allowanceNote: reader.string(view, "allowance_note"),
                covers: reader.string(view, "covers"), note: reader.string(view, "note"),
                tier: readTier(view, reader: &reader), checked: readDate(view, "checked", reader: &reader),
                cycle: readCycle(view, reader: &reader),
                paidDaysPerWeek: reader.number(view, "paid_days_per_week", range: 1...7),
                weeklyHoursSchedule: readWeeklyHours(view, reader: &reader), ref: ref)
            if table == "wage_floors" {
                floors.put(id, record, file: file, at: at, shipped: shipped)
            } else {
                livingWages.put(id, record, file: file, at: at, shipped: shipped)
            }
        case "grades", "on_costs":
            readCostRecord(table: table, item: item, path: path, file: file, shipped: shipped, reader: &reader)
        default:
            break
        }
    }

    func checkJurisdiction(_ code: String, _ view: MappingView, _ key: String, reader: inout FieldReader) {
        if !RoleSpecFormat.isJurisdiction(code) {
            reader.report(view.location(of: key), view.path(key), "expected an ISO 3166 code such as KE or US-CA, found '\(code)'")
        }
    }

    func checkCurrency(_ code: String, _ view: MappingView, reader: inout FieldReader) {
        if !RoleSpecFormat.isCurrencyCode(code) {
            reader.report(view.location(of: "currency"), view.path("currency"), "expected a three-letter ISO 4217 code, found '\(code)'")
        }
    }

    /// A tier is named by three fields together: the worker field, the tier's name, its rank.
    private func readTier(_ view: MappingView, reader: inout FieldReader) -> FloorTier? {
        let by = reader.enumeration(view, "tier_by", as: TierField.self)
        let name = reader.string(view, "tier")
        let rank = reader.integer(view, "tier_rank", minimum: 1)
        let stated = ["tier_by", "tier", "tier_rank"].filter(view.has)
        guard let by, let name, let rank else {
            if !stated.isEmpty, stated.count < 3 {
                reader.report(view.location, view.path("tier"), "a tiered floor needs tier_by (skill_level or occupation), tier and tier_rank together; found only \(stated.joined(separator: ", "))")
            }
            return nil
        }
        if FloorTier.normalised(name) != name {
            reader.report(view.location(of: "tier"), view.path("tier"), "expected a tier name in lower case with hyphens, such as '\(FloorTier.normalised(name))', found '\(name)'")
        }
        return FloorTier(by: by, name: name, rank: rank)
    }

    private func readDate(_ view: MappingView, _ key: String, reader: inout FieldReader) -> CalendarDate? {
        guard let text = reader.string(view, key) else { return nil }
        guard let date = CalendarDate(text) else {
            reader.report(view.location(of: key), view.path(key), "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(text)'")
            return nil
        }
        return date
    }

    private func readCycle(_ view: MappingView, reader: inout FieldReader) -> AdjustmentCycle? {
        let kind = reader.enumeration(view, "cycle", as: AdjustmentCycle.Kind.self)
        var months: [Int] = []
        for item in reader.stringItems(view, "revision_months") {
            if let month = Int(item.value), (1...12).contains(month) {
                months.append(month)
            } else {
                reader.report(item.location, item.path, "expected a month number from 1 to 12, found '\(item.value)'")
            }
        }
        if kind == nil, view.has("revision_months") {
            reader.report(view.location(of: "revision_months"), view.path("revision_months"), "revision_months needs a cycle (annual or semi-annual)")
        }
        return kind.map { AdjustmentCycle(kind: $0, months: months.sorted()) }
    }

    /// `weekly_hours_from: {2026-01-01: 48, 2027-01-01: 46}`: the maximum week by the date it starts.
    private func readWeeklyHours(_ view: MappingView, reader: inout FieldReader) -> [DatedHours] {
        guard let node = view.value("weekly_hours_from"), let map = reader.mapping(node, path: view.path("weekly_hours_from")) else { return [] }
        var schedule: [DatedHours] = []
        for entry in map.entries {
            guard let date = CalendarDate(entry.key) else {
                reader.report(entry.keyLocation, map.path(entry.key), "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(entry.key)'")
                continue
            }
            if let hours = reader.number(map, entry.key, required: true, range: 0...168, exclusiveMinimum: 0) {
                schedule.append(DatedHours(from: date, hours: hours))
            }
        }
        return schedule.sorted { $0.from < $1.from }
    }

    static let hoursFields = ["hours_per_day", "days_per_month", "hours_per_week", "hours_per_month"]
    static let floorFields = [
        "id", "jurisdiction", "localities", "amount", "currency", "period", "effective", "standing", "allowance_percent", "allowance_note", "covers", "note",
        "tier_by", "tier", "tier_rank", "checked", "cycle", "revision_months", "paid_days_per_week", "weekly_hours_from",
    ] + hoursFields + refFields

    private func readHours(_ view: MappingView, reader: inout FieldReader) -> StatutoryHours {
        StatutoryHours(
            hoursPerDay: reader.number(view, "hours_per_day", range: 0...24, exclusiveMinimum: 0),
            daysPerMonth: reader.number(view, "days_per_month", range: 0...31, exclusiveMinimum: 0),
            hoursPerWeek: reader.number(view, "hours_per_week", range: 0...168, exclusiveMinimum: 0),
            hoursPerMonth: reader.number(view, "hours_per_month", range: 0...744, exclusiveMinimum: 0))
    }

    static let refFields = ["source", "as_of", "confidence"]
    static let policyFields = [
        "location_policy", "hours_per_week", "weeks_per_year", "hours_per_day", "range_spreads", "budget_owners",
        "floor_max_age_months", "default_engagement_weeks", "vendor_audit_max_age_months", "location_policy_by_layer", "hirer_market", "hirer_locality",
        "far_below_market_compa_ratio", "exchange_rate_max_age_months", "data_payment_min_worker_share",
    ] + refFields
    static let layerFields = [
        "id", "name", "segment", "directions", "pay_anchor", "anchor_category", "anchor", "premium_triggers", "main_risk",
        "governance_owner", "next", "qualifying_evidence", "typical_profile",
    ] + refFields

    /// Every record carries source, as_of and confidence; a record without them is rejected.
    func readRef(_ view: MappingView, reader: inout FieldReader) -> SourceRef? {
        let source = reader.string(view, "source", required: true)
        let asOf = reader.string(view, "as_of", required: true)
        let confidence = reader.enumeration(view, "confidence", as: Confidence.self, required: true)
        if let asOf, CalendarDate(asOf) == nil {
            reader.report(view.location(of: "as_of"), view.path("as_of"), "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(asOf)'")
            return nil
        }
        guard let source, let asOf, let confidence else { return nil }
        return SourceRef(source: source, asOf: asOf, confidence: confidence)
    }

    private func readFactorMap(_ view: MappingView, _ key: String, reader: inout FieldReader) -> [String: String] {
        guard let node = view.value(key) else {
            reader.report(view.location, view.path(key), "required field is missing (factor id to level)")
            return [:]
        }
        guard let map = reader.mapping(node, path: view.path(key)) else { return [:] }
        var result: [String: String] = [:]
        for entry in map.entries {
            if let level = reader.string(entry.value, path: map.path(entry.key), required: true) { result[entry.key] = level }
        }
        return result
    }

    private func readLevels(_ view: MappingView, reader: inout FieldReader) -> [FactorLevel] {
        guard let node = view.value("levels") else {
            reader.report(view.location, view.path("levels"), "required field is missing (levels lowest first)")
            return []
        }
        guard let items = reader.list(node, path: view.path("levels")) else { return [] }
        var levels: [FactorLevel] = []
        for (index, item) in items.enumerated() {
            let path = "\(view.path("levels"))[\(index)]"
            guard let level = reader.mapping(item, path: path, allowed: ["id", "points", "description"]),
                let id = reader.string(level, "id", required: true),
                let points = reader.number(level, "points", required: true, range: 0...100_000),
                let description = reader.string(level, "description", required: true)
            else { continue }
            if let previous = levels.last, points < previous.points {
                reader.report(level.location(of: "points"), level.path("points"), "levels go lowest first: \(Format.number(points)) points is below '\(previous.id)' (\(Format.number(previous.points)))")
            }
            if levels.contains(where: { $0.id == id }) { reader.report(level.location(of: "id"), level.path("id"), "level '\(id)' is listed twice") }
            levels.append(FactorLevel(id: id, points: points, description: description))
        }
        if levels.isEmpty { reader.report(node.location, view.path("levels"), "list at least one level") }
        return levels
    }

    private func readPolicy(_ view: MappingView, reader: inout FieldReader) -> PricingPolicy? {
        let base = policy?.record
        let policyNames = LocationPolicy.allCases.map(\.rawValue) + ["location-factors"]
        let location = reader.choice(view, "location_policy", from: policyNames).flatMap(LocationPolicy.init(name:))
        var byLayer = base?.locationPolicyByLayer ?? [:]
        if let node = view.value("location_policy_by_layer"),
            let map = reader.mapping(node, path: "policy.location_policy_by_layer", allowed: WorkLayer.allCases.map(\.rawValue)) {
            for entry in map.entries {
                if let layer = WorkLayer(rawValue: entry.key), let name = reader.choice(map, entry.key, from: policyNames) {
                    byLayer[layer] = LocationPolicy(name: name)
                }
            }
        }
        let hirerMarket = reader.string(view, "hirer_market")
        if let hirerMarket { checkJurisdiction(hirerMarket, view, "hirer_market", reader: &reader) }
        let hirerLocality = reader.string(view, "hirer_locality")
        let farBelow = reader.number(view, "far_below_market_compa_ratio", range: 0...1, exclusiveMinimum: 0)
        let dataShare = reader.number(view, "data_payment_min_worker_share", range: 0...1)
        let week = reader.number(view, "hours_per_week", range: 0...168, exclusiveMinimum: 0)
        let weeks = reader.number(view, "weeks_per_year", range: 0...53, exclusiveMinimum: 0)
        let day = reader.number(view, "hours_per_day", range: 0...24, exclusiveMinimum: 0)
        let owners = view.has("budget_owners") ? reader.strings(view, "budget_owners") : nil
        let maxAge = reader.integer(view, "floor_max_age_months", minimum: 1)
        let engagement = reader.number(view, "default_engagement_weeks", range: 0...520, exclusiveMinimum: 0)
        let auditAge = reader.integer(view, "vendor_audit_max_age_months", minimum: 1)
        let rateAge = reader.integer(view, "exchange_rate_max_age_months", minimum: 1)
        var spreads = base?.rangeSpreads ?? [:]
        if let node = view.value("range_spreads"), let map = reader.mapping(node, path: "policy.range_spreads", allowed: WorkLayer.allCases.map(\.rawValue)) {
            for entry in map.entries {
                if let layer = WorkLayer(rawValue: entry.key), let spread = reader.number(map, entry.key, required: true, range: 0...5, exclusiveMinimum: 0) {
                    spreads[layer] = spread
                }
            }
        }
        guard let ref = readRef(view, reader: &reader) else { return nil }
        // A user's policy file may set only the fields it changes.
        guard let resolvedLocation = location ?? base?.locationPolicy, let resolvedWeek = week ?? base?.hoursPerWeek,
            let resolvedWeeks = weeks ?? base?.weeksPerYear, let resolvedDay = day ?? base?.hoursPerDay,
            let resolvedAge = maxAge ?? base?.floorMaxAgeMonths, let resolvedEngagement = engagement ?? base?.defaultEngagementWeeks,
            let resolvedAuditAge = auditAge ?? base?.vendorAuditMaxAgeMonths
        else {
            reader.report(view.location, "policy", "the first policy needs location_policy, hours_per_week, weeks_per_year, hours_per_day, floor_max_age_months, default_engagement_weeks and vendor_audit_max_age_months")
            return nil
        }
        return PricingPolicy(
            locationPolicy: resolvedLocation, locationPolicyByLayer: byLayer, hirerMarket: hirerMarket ?? base?.hirerMarket ?? "US",
            hirerLocality: hirerLocality ?? base?.hirerLocality,
            farBelowMarketCompaRatio: farBelow ?? base?.farBelowMarketCompaRatio ?? 0.8,
            dataPaymentMinWorkerShare: dataShare ?? base?.dataPaymentMinWorkerShare ?? 0.1,
            hoursPerWeek: resolvedWeek, weeksPerYear: resolvedWeeks, hoursPerDay: resolvedDay,
            budgetOwners: owners ?? base?.budgetOwners ?? [], rangeSpreads: spreads, floorMaxAgeMonths: resolvedAge,
            exchangeRateMaxAgeMonths: rateAge ?? base?.exchangeRateMaxAgeMonths ?? 6,
            defaultEngagementWeeks: resolvedEngagement, vendorAuditMaxAgeMonths: resolvedAuditAge, ref: ref)
    }

    // MARK: Cross-references

    /// Checks that every reference resolves and returns the set, or every problem found.
    public func build() throws(InputError) -> ReferenceSet {
        var problems = diagnostics
        func fail(_ origin: Origin?, _ field: String, _ message: String) {
            let origin = origin ?? Origin(file: "reference", location: .start, shipped: true, overridesShipped: false)
            problems.append(Diagnostic(file: origin.file, location: origin.location, field: field, message: message))
        }
        guard let policy else {
            fail(nil, "policy", "no pricing policy was loaded")
            throw InputError(problems)
        }
        var set = ReferenceSet(policy: policy.record)
        set.sources = sources.records
        set.segments = segments.records
        set.layers = layers.records
        set.categories = categories.records
        set.anchors = anchors.records
        set.factors = Axis.allCases.flatMap { axis in factors.records.filter { $0.axis == axis } }
        set.premiums = premiums.records
        set.benchmarks = benchmarks.records
        set.tasks = tasks.records
        set.titleHints = titleHints.records
        set.exchangeRates = rates.records
        set.locationFactors = locations.records
        set.jurisdictions = jurisdictions.records
        set.wageFloors = floors.records
        set.livingWages = livingWages.records
        set.index()

        let sourceKeys = Set(sources.order)
        func checkSource(_ ref: SourceRef, _ origin: Origin?, _ table: String) {
            if !sourceKeys.contains(ref.source) { fail(origin, "\(table).source", "no source '\(ref.source)' in the source ledger") }
        }
        for record in set.sources { checkSource(record.ref, sources.origin(record.key), "sources") }
        for record in set.segments { checkSource(record.ref, segments.origin(record.id.rawValue), "segments") }
        for record in set.categories { checkSource(record.ref, categories.origin(record.id), "categories") }
        for record in set.anchors { checkSource(record.ref, anchors.origin(record.id), "anchors") }
        for record in set.factors { checkSource(record.ref, factors.origin(record.id), "factors") }
        for record in set.tasks { checkSource(record.ref, tasks.origin(record.id), "tasks") }
        for record in set.titleHints { checkSource(record.ref, titleHints.origin(record.pattern), "title_hints") }
        for record in set.exchangeRates { checkSource(record.ref, rates.origin(record.currency), "exchange_rates") }
        for record in set.locationFactors { checkSource(record.ref, locations.origin(record.jurisdiction), "location_factors") }
        checkSource(policy.record.ref, policy.origin, "policy")
        for record in set.jurisdictions { checkSource(record.ref, jurisdictions.origin(record.code), "jurisdictions") }
        problems += costTables.attach(to: &set, sources: sourceKeys)
        for (name, table) in [("wage_floors", floors), ("living_wages", livingWages)] {
            for record in table.records {
                let origin = table.origin(record.id)
                checkSource(record.ref, origin, name)
                if set.exchangeRate(record.currency) == nil {
                    fail(origin, "\(name).currency", "no exchange rate for \(record.currency); add one to exchange_rates")
                }
                if set.jurisdiction(record.jurisdiction) == nil {
                    fail(origin, "\(name).jurisdiction", "no jurisdiction '\(record.jurisdiction)' in the jurisdictions table; add it (code, name, hours basis)")
                }
                // A day or month figure without an hours basis cannot become hourly; say so at load time.
                let basis = record.hours.filled(from: set.statutoryHours(record.jurisdiction))
                if basis.hours(per: record.period) == nil {
                    fail(origin, "\(name).\(record.id)", "a \(record.period.rawValue) figure needs an hours basis: add hours_per_day, days_per_month, hours_per_week or hours_per_month here or on jurisdiction \(record.jurisdiction)")
                }
            }
        }

        for segment in LaborSegment.allCases where set.segment(segment) == nil {
            fail(nil, "segments", "labor segment '\(segment.rawValue)' is not defined")
        }
        func checkProfile(_ profile: [String: String], _ origin: Origin?, _ field: String) {
            for factor in set.factors where profile[factor.id] == nil && factor.defaultLevel == nil {
                fail(origin, "\(field).\(factor.id)", "missing level for factor '\(factor.id)'")
            }
            for (factorID, level) in profile.sorted(by: { $0.key < $1.key }) {
                guard let factor = set.factor(factorID) else {
                    fail(origin, "\(field).\(factorID)", "no factor '\(factorID)' in the factor tables")
                    continue
                }
                if factor.level(level) == nil {
                    fail(origin, "\(field).\(factorID)", "'\(level)' is not one of: \(factor.levels.map(\.id).joined(separator: ", "))")
                }
            }
        }
        for layer in WorkLayer.allCases {
            guard let record = set.layer(layer) else {
                fail(nil, "layers", "work layer '\(layer.rawValue)' is not defined")
                continue
            }
            let origin = layers.origin(layer.rawValue)
            checkSource(record.ref, origin, "layers")
            if let category = record.anchorCategory, set.category(category) == nil { fail(origin, "layers.anchor_category", "no category '\(category)'") }
            if let anchor = record.anchor, set.anchor(anchor) == nil { fail(origin, "layers.anchor", "no anchor '\(anchor)'") }
            checkProfile(record.typicalProfile, origin, "layers.typical_profile")
        }
        for task in set.tasks {
            if let category = task.category, set.category(category) == nil { fail(tasks.origin(task.id), "tasks.category", "no category '\(category)'") }
        }
        for premium in set.premiums {
            let origin = premiums.origin(premium.id)
            checkSource(premium.ref, origin, "premiums")
            guard let factor = set.factor(premium.factor) else {
                fail(origin, "premiums.factor", "no factor '\(premium.factor)' in the factor tables")
                continue
            }
            for level in premium.levels where factor.level(level) == nil {
                fail(origin, "premiums.levels", "'\(level)' is not a level of '\(factor.id)'")
            }
        }
        for benchmark in set.benchmarks {
            let origin = benchmarks.origin(benchmark.id)
            checkSource(benchmark.ref, origin, "benchmarks")
            if let category = benchmark.category, set.category(category) == nil { fail(origin, "benchmarks.category", "no category '\(category)'") }
            if let anchor = benchmark.anchor, set.anchor(anchor) == nil { fail(origin, "benchmarks.anchor", "no anchor '\(anchor)'") }
            checkProfile(benchmark.factors, origin, "benchmarks.factors")
            for replaced in benchmark.replaces where !set.benchmarks.contains(where: { $0.id == replaced }) {
                fail(origin, "benchmarks.replaces", "no benchmark '\(replaced)' to replace")
            }
        }
        for layer in WorkLayer.allCases where policy.record.rangeSpreads[layer] == nil {
            fail(policy.origin, "policy.range_spreads.\(layer.rawValue)", "no range spread for layer '\(layer.rawValue)'")
        }
        if set.benchmarks.count < 2 { fail(nil, "benchmarks", "the pay line needs at least two benchmark roles, found \(set.benchmarks.count)") }
        if set.exchangeRate("USD") == nil { fail(nil, "exchange_rates", "an exchange rate for USD (1) is required") }
        let localPricing = ([policy.record.locationPolicy] + Array(policy.record.locationPolicyByLayer.values)).contains { $0 != .global }
        if localPricing && set.locationFactors.isEmpty {
            fail(policy.origin, "policy.location_policy", "pricing in a local labour market needs a location_factors table")
        }
        if localPricing && set.locationFactor(policy.record.hirerMarket, locality: policy.record.hirerLocality) == nil {
            fail(policy.origin, "policy.hirer_market", "no location factor for the hirer market '\(policy.record.hirerMarket)'")
        }
        for benchmark in set.benchmarks where localPricing && set.locationFactor(benchmark.market, locality: benchmark.locality) == nil {
            fail(benchmarks.origin(benchmark.id), "benchmarks.market", "no location factor for the benchmark's market '\(benchmark.market)'")
        }
        for premium in set.premiums {
            // One fact, one uplift: a premium rides on a market factor, which scores no points.
            if let factor = set.factor(premium.factor), factor.axis != .market {
                fail(premiums.origin(premium.id), "premiums.factor", "'\(factor.id)' scores \(factor.axis.rawValue) points; a premium may only ride on a market factor (axis: market), so one fact is never paid twice")
            }
        }
        for factor in set.factors where factor.levels.isEmpty { fail(factors.origin(factor.id), "factors.levels", "no levels") }

        var origins: [String: Origin] = [:]
        func record<R>(_ name: String, _ table: Table<R>) { for id in table.order { origins["\(name)/\(id)"] = table.origin(id) } }
        record("sources", sources); record("segments", segments); record("layers", layers); record("categories", categories)
        record("anchors", anchors); record("factors", factors); record("premiums", premiums); record("benchmarks", benchmarks)
        record("tasks", tasks); record("title_hints", titleHints); record("exchange_rates", rates); record("location_factors", locations)
        record("jurisdictions", jurisdictions); record("wage_floors", floors); record("living_wages", livingWages)
        origins["policy/policy"] = policy.origin
        costTables.record(into: &origins)
        set.origins = origins

        if !problems.isEmpty { throw InputError(problems) }
        return set
    }
}
