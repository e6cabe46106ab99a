import Specs
import WorkModel

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
                entries[id] = Entry(
                    record: record,
                    origin: Origin(file: file, location: location, shipped: shipped, overridesShipped: replacesShipped))
            } else {
                order.append(id)
                entries[id] = Entry(
                    record: record,
                    origin: Origin(file: file, location: location, shipped: shipped, overridesShipped: false))
            }
        }

        var records: [Record] { order.compactMap { entries[$0]?.record } }
        func origin(_ id: String) -> Origin? { entries[id]?.origin }
    }

    static let shippedPrefix = "reference/"

    var sources = Table<SourceEntry>()
    var segments = Table<Segment>()
    var layers = Table<LayerProfile>()
    var categories = Table<JobCategory>()
    var anchors = Table<MarketAnchor>()
    var factors = Table<EvaluationFactor>()
    var premiums = Table<PremiumTrigger>()
    var benchmarks = Table<BenchmarkRole>()
    var tasks = Table<TaskKind>()
    var titleHints = Table<TitleHint>()
    var rates = Table<ExchangeRate>()
    var locations = Table<LocationFactor>()
    var jurisdictions = Table<Jurisdiction>()
    var floors = Table<WageFloor>()
    var livingWages = Table<WageFloor>()
    var policy: Entry<PricingPolicy>?
    /// The job architecture and employer on-costs (ReferenceParser+CostTables.swift).
    var costTables = CostTables()
    var diagnostics: [Diagnostic] = []

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
                        policy = Entry(
                            record: value,
                            origin: Origin(
                                file: file, location: view.location, shipped: shipped,
                                overridesShipped: !shipped && policy != nil))
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

    /// One list item of a table, read as the table's descriptor says (ReferenceTables.swift).
    private mutating func readRecord(
        table: String, item: SpecNode, path: String, file: String, shipped: Bool, reader: inout FieldReader
    ) {
        guard let descriptor = Self.descriptors[table] else { return }
        descriptor.read(item, path: path, file: file, shipped: shipped, reader: &reader, into: &self)
    }

    static func checkJurisdiction(_ code: String, _ view: MappingView, _ key: String, reader: inout FieldReader) {
        if !RoleSpecFormat.isJurisdiction(code) {
            reader.report(
                view.location(of: key), view.path(key), "expected an ISO 3166 code such as KE or US-CA, found '\(code)'"
            )
        }
    }

    static func checkCurrency(_ code: String, _ view: MappingView, reader: inout FieldReader) {
        if !RoleSpecFormat.isCurrencyCode(code) {
            reader.report(
                view.location(of: "currency"), view.path("currency"),
                "expected a three-letter ISO 4217 code, found '\(code)'")
        }
    }

    static let refFields = ["source", "as_of", "confidence"]
    static let policyFields =
        [
            "location_policy", "hours_per_week", "weeks_per_year", "hours_per_day", "range_spreads", "budget_owners",
            "floor_max_age_months", "default_engagement_weeks", "vendor_audit_max_age_months",
            "location_policy_by_layer", "hirer_market", "hirer_locality",
            "far_below_market_compa_ratio", "exchange_rate_max_age_months", "data_payment_min_worker_share",
        ] + refFields
    /// Every record carries source, as_of and confidence; a record without them is rejected.
    static func readRef(_ view: MappingView, reader: inout FieldReader) -> SourceRef? {
        let source = reader.string(view, "source", required: true)
        let asOf = reader.string(view, "as_of", required: true)
        let confidence = reader.enumeration(view, "confidence", as: Confidence.self, required: true)
        if let asOf, CalendarDate(asOf) == nil {
            reader.report(
                view.location(of: "as_of"), view.path("as_of"),
                "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(asOf)'")
            return nil
        }
        guard let source, let asOf, let confidence else { return nil }
        return SourceRef(source: source, asOf: asOf, confidence: confidence)
    }

    private func readPolicy(_ view: MappingView, reader: inout FieldReader) -> PricingPolicy? {
        let base = policy?.record
        let policyNames = LocationPolicy.allCases.map(\.rawValue) + ["location-factors"]
        let location = reader.choice(view, "location_policy", from: policyNames).flatMap(LocationPolicy.init(name:))
        var byLayer = base?.locationPolicyByLayer ?? [:]
        if let node = view.value("location_policy_by_layer"),
            let map = reader.mapping(
                node, path: "policy.location_policy_by_layer", allowed: WorkLayer.allCases.map(\.rawValue))
        {
            for entry in map.entries {
                if let layer = WorkLayer(rawValue: entry.key),
                    let name = reader.choice(map, entry.key, from: policyNames)
                {
                    byLayer[layer] = LocationPolicy(name: name)
                }
            }
        }
        let hirerMarket = reader.string(view, "hirer_market")
        if let hirerMarket { Self.checkJurisdiction(hirerMarket, view, "hirer_market", reader: &reader) }
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
        if let node = view.value("range_spreads"),
            let map = reader.mapping(node, path: "policy.range_spreads", allowed: WorkLayer.allCases.map(\.rawValue))
        {
            for entry in map.entries {
                if let layer = WorkLayer(rawValue: entry.key),
                    let spread = reader.number(map, entry.key, required: true, range: 0...5, exclusiveMinimum: 0)
                {
                    spreads[layer] = spread
                }
            }
        }
        guard let ref = Self.readRef(view, reader: &reader) else { return nil }
        // A user's policy file may set only the fields it changes.
        guard let resolvedLocation = location ?? base?.locationPolicy, let resolvedWeek = week ?? base?.hoursPerWeek,
            let resolvedWeeks = weeks ?? base?.weeksPerYear, let resolvedDay = day ?? base?.hoursPerDay,
            let resolvedAge = maxAge ?? base?.floorMaxAgeMonths,
            let resolvedEngagement = engagement ?? base?.defaultEngagementWeeks,
            let resolvedAuditAge = auditAge ?? base?.vendorAuditMaxAgeMonths
        else {
            reader.report(
                view.location, "policy",
                "the first policy needs location_policy, hours_per_week, weeks_per_year, hours_per_day, floor_max_age_months, default_engagement_weeks and vendor_audit_max_age_months"
            )
            return nil
        }
        return PricingPolicy(
            locationPolicy: resolvedLocation, locationPolicyByLayer: byLayer,
            hirerMarket: hirerMarket ?? base?.hirerMarket ?? "US",
            hirerLocality: hirerLocality ?? base?.hirerLocality,
            farBelowMarketCompaRatio: farBelow ?? base?.farBelowMarketCompaRatio ?? 0.8,
            dataPaymentMinWorkerShare: dataShare ?? base?.dataPaymentMinWorkerShare ?? 0.1,
            hoursPerWeek: resolvedWeek, weeksPerYear: resolvedWeeks, hoursPerDay: resolvedDay,
            budgetOwners: owners ?? base?.budgetOwners ?? [], rangeSpreads: spreads, floorMaxAgeMonths: resolvedAge,
            exchangeRateMaxAgeMonths: rateAge ?? base?.exchangeRateMaxAgeMonths ?? 6,
            defaultEngagementWeeks: resolvedEngagement, vendorAuditMaxAgeMonths: resolvedAuditAge, ref: ref)
    }
}
