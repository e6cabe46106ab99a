import Specs
import WorkModel

/// How one reference table is read: looked up by its top-level key, it reads one list item
/// into the parser.
protocol ReferenceTableDescriptor: Sendable {
    var name: String { get }
    func read(
        _ item: SpecNode, path: String, file: String, shipped: Bool, reader: inout FieldReader,
        into parser: inout ReferenceParser)
}

/// A table whose records are read field by field: the fields it allows, in the order an
/// "unknown field" message lists them, and the record built from them. `build` returns nil
/// when a required field is missing or wrong (the problem is already reported); a record
/// that builds goes into the parser's table under its id, later files replacing earlier ones.
struct RecordTable<Record: Sendable>: ReferenceTableDescriptor {
    let name: String
    let fields: [ReferenceField]
    let table: any WritableKeyPath<ReferenceParser, ReferenceParser.Table<Record>> & Sendable
    let build: @Sendable (inout RecordFields) -> (id: String, record: Record)?

    func read(
        _ item: SpecNode, path: String, file: String, shipped: Bool, reader: inout FieldReader,
        into parser: inout ReferenceParser
    ) {
        guard let view = reader.mapping(item, path: path, allowed: fields.map(\.name)) else { return }
        var record = RecordFields(view: view, fields: fields, reader: reader)
        let built = build(&record)
        reader = record.reader
        guard let built else { return }
        parser[keyPath: table].put(built.id, built.record, file: file, at: item.location, shipped: shipped)
    }
}

/// A table with its own reader, for records checked against earlier records of the same file
/// (grades ascend as listed) or holding nested lists (on-cost components).
struct CustomTable: ReferenceTableDescriptor {
    let name: String
    let reading:
        @Sendable (inout ReferenceParser, SpecNode, _ path: String, _ file: String, _ shipped: Bool, inout FieldReader)
            -> Void

    func read(
        _ item: SpecNode, path: String, file: String, shipped: Bool, reader: inout FieldReader,
        into parser: inout ReferenceParser
    ) {
        reading(&parser, item, path, file, shipped, &reader)
    }
}

extension ReferenceParser {
    /// Every table a reference file may hold, in the order `tables` names them (policy, a
    /// single mapping rather than a list, is read by `readPolicy`).
    static let descriptors: [String: any ReferenceTableDescriptor] = Dictionary(
        uniqueKeysWithValues: ([
            sourceTable, segmentTable, layerTable, categoryTable, anchorTable, factorTable, premiumTable,
            benchmarkTable, taskTable,
            titleHintTable, exchangeRateTable, locationFactorTable, jurisdictionTable,
            wageFloorTable(name: "wage_floors", table: \.floors),
            wageFloorTable(name: "living_wages", table: \.livingWages),
            CustomTable(name: "grades") { parser, item, path, file, shipped, reader in
                parser.readGrade(item, path: path, file: file, shipped: shipped, reader: &reader)
            },
            CustomTable(name: "on_costs") { parser, item, path, file, shipped, reader in
                parser.readOnCostRow(item, path: path, file: file, shipped: shipped, reader: &reader)
            },
        ] as [any ReferenceTableDescriptor]).map { ($0.name, $0) })

    /// The source ledger: the publications every figure cites.
    static let sourceTable = RecordTable<SourceEntry>(
        name: "sources",
        fields: [
            .text("key", .required), .text("title", .required), .text("publisher", .required),
            .text("signal", .required), .text("implication"),
        ]
            + ReferenceField.sourceRef,
        table: \.sources
    ) { record in
        guard let key = record.text("key"), let title = record.text("title"), let publisher = record.text("publisher"),
            let signal = record.text("signal"), let ref = record.ref()
        else { return nil }
        return (
            key,
            SourceEntry(
                key: key, title: title, publisher: publisher, signal: signal, implication: record.text("implication"),
                ref: ref)
        )
    }

    /// Labour segments: who does the work and how it is paid.
    static let segmentTable = RecordTable<Segment>(
        name: "segments",
        fields: [
            .choice("id", .required), .text("name", .required), .text("main_output", .required),
            .text("quality_risk", .required),
            .text("employment_model", .required), .text("pay_logic", .required),
        ] + ReferenceField.sourceRef,
        table: \.segments
    ) { record in
        guard let id = record.choice("id", as: LaborSegment.self), let name = record.text("name"),
            let output = record.text("main_output"),
            let risk = record.text("quality_risk"), let model = record.text("employment_model"),
            let logic = record.text("pay_logic"),
            let ref = record.ref()
        else { return nil }
        return (
            id.rawValue,
            Segment(
                id: id, name: name, mainOutput: output, qualityRisk: risk, employmentModel: model, payLogic: logic,
                ref: ref)
        )
    }

    /// Work layers: the compensation map's rows, each with its pay anchor and path upward.
    static let layerTable = RecordTable<LayerProfile>(
        name: "layers",
        fields: [
            .choice("id", .required), .text("name", .required), .choice("segment", .required), .texts("directions"),
            .text("pay_anchor", .required),
            .text("anchor_category"), .text("anchor"), .texts("premium_triggers"), .text("main_risk", .required),
            .text("governance_owner", .required), .texts("next"), .texts("qualifying_evidence"),
            .factorLevels("typical_profile"),
        ] + ReferenceField.sourceRef,
        table: \.layers
    ) { record in
        // Read every field before giving up, so one record's problems are all reported.
        let id = record.choice("id", as: WorkLayer.self)
        let name = record.text("name")
        let segment = record.choice("segment", as: LaborSegment.self)
        let directions = record.texts("directions").compactMap { text -> Direction? in
            guard let direction = Direction(rawValue: text) else {
                record.report(
                    "directions",
                    "'\(text)' is not one of: \(Direction.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return direction
        }
        let next = record.texts("next").compactMap { text -> WorkLayer? in
            guard let layer = WorkLayer(rawValue: text) else {
                record.report("next", "'\(text)' is not a work layer")
                return nil
            }
            return layer
        }
        let anchor = record.text("pay_anchor")
        let risk = record.text("main_risk")
        let owner = record.text("governance_owner")
        let profile = record.factorLevels("typical_profile")
        guard let id, let name, let segment, let anchor, let risk, let owner, let ref = record.ref() else { return nil }
        if directions.isEmpty { record.reportOnRecord("directions", "list at least one direction") }
        return (
            id.rawValue,
            LayerProfile(
                id: id, name: name, segment: segment, directions: directions, payAnchor: anchor,
                anchorCategory: record.text("anchor_category"), anchor: record.text("anchor"),
                premiumTriggers: record.texts("premium_triggers"), mainRisk: risk, governanceOwner: owner,
                next: next, qualifyingEvidence: record.texts("qualifying_evidence"),
                typicalProfile: profile, ref: ref)
        )
    }

    /// Market job categories with their published hourly rate cards.
    static let categoryTable = RecordTable<JobCategory>(
        name: "categories",
        fields: [
            .text("id", .required), .text("name", .required), .text("tier_role", .required),
            .number("rate_low", .required, range: 0...1e9, above: 0),
            .number("rate_high", .required, range: 0...1e9, above: 0),
            .text("currency", .required), .choice("layer", .required),
        ] + ReferenceField.sourceRef,
        table: \.categories
    ) { record in
        guard let id = record.text("id"), let name = record.text("name"), let tier = record.text("tier_role"),
            let low = record.number("rate_low"), let high = record.number("rate_high"),
            let currency = record.text("currency"),
            let layer = record.choice("layer", as: WorkLayer.self), let ref = record.ref()
        else { return nil }
        if high < low {
            record.report("rate_high", "rate_high \(Format.number(high)) is below rate_low \(Format.number(low))")
        }
        return (
            id,
            JobCategory(
                id: id, name: name, tierRole: tier, rateLow: low, rateHigh: high, currency: currency, layer: layer,
                ref: ref)
        )
    }

    /// Market pay points other than rate cards: salaried anchors and public rate points.
    static let anchorTable = RecordTable<MarketAnchor>(
        name: "anchors",
        fields: [
            .text("id", .required), .text("name", .required), .number("low", .required, range: 0...1e12, above: 0),
            .number("high", range: 0...1e12),
            .choice("basis", .required), .text("currency", .required), .text("benefits"), .choice("layer"),
        ] + ReferenceField.sourceRef,
        table: \.anchors
    ) { record in
        guard let id = record.text("id"), let name = record.text("name"), let low = record.number("low"),
            let basis = record.choice("basis", as: PayBasis.self), let currency = record.text("currency"),
            let ref = record.ref()
        else { return nil }
        let high = record.number("high")
        if let high, high < low { record.report("high", "high is below low") }
        return (
            id,
            MarketAnchor(
                id: id, name: name, low: low, high: high, basis: basis, currency: currency,
                benefits: record.text("benefits"),
                layer: record.choice("layer", as: WorkLayer.self), ref: ref)
        )
    }

    /// Evaluation factors: the questions a role is scored on, with their levels.
    static let factorTable = RecordTable<EvaluationFactor>(
        name: "factors",
        fields: [
            .text("id", .required), .choice("axis", .required), .text("name", .required), .text("question", .required),
            .levels("levels"), .text("default"),
        ]
            + ReferenceField.sourceRef,
        table: \.factors
    ) { record in
        guard let id = record.text("id"), let axis = record.choice("axis", as: Axis.self),
            let name = record.text("name"),
            let question = record.text("question")
        else { return nil }
        let levels = record.levels("levels")
        let defaultLevel = record.text("default")
        if let defaultLevel, !levels.isEmpty, !levels.contains(where: { $0.id == defaultLevel }) {
            record.report(
                "default", "'\(defaultLevel)' is not one of the levels: \(levels.map(\.id).joined(separator: ", "))")
        }
        // Market factors pay through premiums only; points on them would pay one fact twice.
        if axis == .market, let scored = levels.first(where: { $0.points != 0 }) {
            record.report(
                "levels",
                "a market factor scores no points (it may only trigger premiums); level '\(scored.id)' has \(Format.number(scored.points))"
            )
        }
        guard let ref = record.ref(), !levels.isEmpty else { return nil }
        return (
            id,
            EvaluationFactor(
                id: id, axis: axis, name: name, question: question, levels: levels, defaultLevel: defaultLevel, ref: ref
            )
        )
    }

    /// Premiums: a percentage on top of the band when a market factor is at given levels.
    static let premiumTable = RecordTable<PremiumTrigger>(
        name: "premiums",
        fields: [
            .text("id", .required), .text("name", .required), .number("percent", .required, range: 0...500),
            .text("factor", .required), .texts("levels"),
        ]
            + ReferenceField.sourceRef,
        table: \.premiums
    ) { record in
        guard let id = record.text("id"), let name = record.text("name"), let percent = record.number("percent"),
            let factor = record.text("factor"), let ref = record.ref()
        else { return nil }
        let levels = record.texts("levels")
        if levels.isEmpty { record.reportOnRecord("levels", "list the factor levels that trigger the premium") }
        return (id, PremiumTrigger(id: id, name: name, percent: percent, factor: factor, levels: levels, ref: ref))
    }

    /// Benchmark roles: the points of the pay line.
    static let benchmarkTable = RecordTable<BenchmarkRole>(
        name: "benchmarks",
        fields: [
            .text("id", .required), .text("title", .required), .text("category"), .text("anchor"),
            .number("p50_hourly_usd", .required, range: 0...1e7, above: 0), .text("derivation", .required),
            .factorLevels("factors"),
            .text("market"), .text("locality"), .texts("replaces"),
        ] + ReferenceField.sourceRef,
        table: \.benchmarks
    ) { record in
        guard let id = record.text("id"), let title = record.text("title"), let p50 = record.number("p50_hourly_usd"),
            let derivation = record.text("derivation")
        else { return nil }
        let factorMap = record.factorLevels("factors")
        guard let ref = record.ref() else { return nil }
        let market = record.text("market") ?? "US"
        record.checkJurisdiction(market, field: "market")
        return (
            id,
            BenchmarkRole(
                id: id, title: title, category: record.text("category"), anchor: record.text("anchor"),
                p50HourlyUSD: p50,
                derivation: derivation, factors: factorMap, market: market, locality: record.text("locality"),
                replaces: record.texts("replaces"), ref: ref)
        )
    }

    /// Task kinds: work a spec may name, placed in a layer.
    static let taskTable = RecordTable<TaskKind>(
        name: "tasks",
        fields: [
            .text("id", .required), .choice("layer", .required), .text("category"), .text("description", .required),
        ] + ReferenceField.sourceRef,
        table: \.tasks
    ) { record in
        guard let id = record.text("id"), let layer = record.choice("layer", as: WorkLayer.self),
            let description = record.text("description"),
            let ref = record.ref()
        else { return nil }
        return (
            id, TaskKind(id: id, layer: layer, category: record.text("category"), description: description, ref: ref)
        )
    }

    /// Title hints: words in a job title that suggest its layer.
    static let titleHintTable = RecordTable<TitleHint>(
        name: "title_hints",
        fields: [.text("pattern", .required), .choice("layer", .required), .text("note")] + ReferenceField.sourceRef,
        table: \.titleHints
    ) { record in
        guard let pattern = record.text("pattern"), let layer = record.choice("layer", as: WorkLayer.self),
            let ref = record.ref()
        else { return nil }
        return (
            pattern.lowercased(),
            TitleHint(pattern: pattern.lowercased(), layer: layer, note: record.text("note"), ref: ref)
        )
    }

    /// Exchange rates: units of a currency per US dollar.
    static let exchangeRateTable = RecordTable<ExchangeRate>(
        name: "exchange_rates",
        fields: [.text("currency", .required), .number("per_usd", .required, range: 0...1e12, above: 0)]
            + ReferenceField.sourceRef,
        table: \.rates
    ) { record in
        guard let currency = record.text("currency"), let rate = record.number("per_usd"), let ref = record.ref() else {
            return nil
        }
        record.checkCurrency(currency)
        return (currency, ExchangeRate(currency: currency, perUSD: rate, ref: ref))
    }

    /// Location factors: a jurisdiction's (or some of its localities') pay level against the US.
    static let locationFactorTable = RecordTable<LocationFactor>(
        name: "location_factors",
        fields: [
            .text("id"), .text("jurisdiction", .required), .texts("localities"),
            .number("factor", .required, range: 0...100, above: 0), .text("basis"),
        ]
            + ReferenceField.sourceRef,
        table: \.locations
    ) { record in
        guard let jurisdiction = record.text("jurisdiction"), let factor = record.number("factor"),
            let ref = record.ref()
        else { return nil }
        record.checkJurisdiction(jurisdiction, field: "jurisdiction")
        let localities = record.texts("localities")
        // A whole-jurisdiction record is keyed by its code, so a user's file replaces it by naming the code.
        let id = record.text("id") ?? jurisdiction
        if !localities.isEmpty && id == jurisdiction {
            record.reportOnRecord(
                "id",
                "a differential for localities needs its own id (the jurisdiction code names the whole jurisdiction)")
        }
        return (
            id,
            LocationFactor(
                id: id, jurisdiction: jurisdiction, localities: localities, factor: factor, basis: record.text("basis"),
                ref: ref)
        )
    }

    /// Jurisdictions: codes, names, groups (such as eu) and the statutory hours basis.
    static let jurisdictionTable = RecordTable<Jurisdiction>(
        name: "jurisdictions",
        fields: [.text("code", .required), .text("name", .required), .texts("groups")] + ReferenceField.statutoryHours
            + ReferenceField.sourceRef,
        table: \.jurisdictions
    ) { record in
        guard let code = record.text("code"), let name = record.text("name"), let ref = record.ref() else { return nil }
        record.checkJurisdiction(code, field: "code")
        return (
            code, Jurisdiction(code: code, name: name, groups: record.texts("groups"), hours: record.hours(), ref: ref)
        )
    }

    /// Wage floors (statutory minimums and agreed rates) and living wages share one shape.
    static func wageFloorTable(
        name: String, table: any WritableKeyPath<ReferenceParser, Table<WageFloor>> & Sendable
    ) -> RecordTable<WageFloor> {
        RecordTable(name: name, fields: wageFloorFields, table: table, build: readWageFloor)
    }

    static let wageFloorFields: [ReferenceField] =
        [
            .text("id", .required), .text("jurisdiction", .required), .texts("localities"),
            .number("amount", .required, range: 0...1e12, above: 0),
            .text("currency", .required), .choice("period", .required), .date("effective", .required),
            .choice("standing"),
            .number("allowance_percent", range: 0...200, above: 0), .text("allowance_note"), .text("covers"),
            .text("note"),
        ] + ReferenceField.floorTier + [
            .date("checked"), .choice("cycle"), .texts("revision_months"), .number("paid_days_per_week", range: 1...7),
            .datedHours("weekly_hours_from"),
        ] + ReferenceField.statutoryHours + ReferenceField.sourceRef

    @Sendable static func readWageFloor(_ record: inout RecordFields) -> (id: String, record: WageFloor)? {
        // Read every field before giving up, so one record's problems are all reported.
        let id = record.text("id")
        let jurisdiction = record.text("jurisdiction")
        let amount = record.number("amount")
        let currency = record.text("currency")
        let period = record.choice("period", as: WagePeriod.self)
        let effectiveText = record.text("effective")
        let ref = record.ref()
        if let jurisdiction { record.checkJurisdiction(jurisdiction, field: "jurisdiction") }
        if let currency { record.checkCurrency(currency) }
        let effective = effectiveText.flatMap(CalendarDate.init)
        if let effectiveText, effective == nil {
            record.report("effective", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(effectiveText)'")
        }
        guard let id, let jurisdiction, let amount, let currency, let period, let effective, let ref else { return nil }
        return (
            id,
            WageFloor(
                id: id, jurisdiction: jurisdiction, localities: record.texts("localities"), amount: amount,
                currency: currency,
                period: period, effective: effective,
                standing: record.choice("standing", as: FloorStanding.self) ?? .statutory,
                hours: record.hours(),
                allowancePercent: record.number("allowance_percent"),
                allowanceNote: record.text("allowance_note"),
                covers: record.text("covers"), note: record.text("note"),
                tier: record.tier(), checked: record.date("checked"),
                cycle: record.cycle(),
                paidDaysPerWeek: record.number("paid_days_per_week"),
                weeklyHoursSchedule: record.datedHours("weekly_hours_from"), ref: ref)
        )
    }
}
