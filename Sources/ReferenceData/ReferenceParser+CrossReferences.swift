import Specs
public import WorkModel

/// Problems found while cross-checking the tables, each reported at the record it is about.
struct CrossReferenceProblems {
    var diagnostics: [Diagnostic]
    let sourceKeys: Set<String>

    mutating func fail(_ origin: Origin?, _ field: String, _ message: String) {
        let origin = origin ?? Origin(file: "reference", location: .start, shipped: true, overridesShipped: false)
        diagnostics.append(Diagnostic(file: origin.file, location: origin.location, field: field, message: message))
    }

    mutating func checkSource(_ ref: SourceRef, _ origin: Origin?, _ table: String) {
        if !sourceKeys.contains(ref.source) {
            fail(origin, "\(table).source", "no source '\(ref.source)' in the source ledger")
        }
    }
}

extension ReferenceParser {
    /// Checks that every reference resolves and returns the set, or every problem found, in
    /// the order the checks below run.
    public func build() throws(InputError) -> ReferenceSet {
        var problems = CrossReferenceProblems(diagnostics: diagnostics, sourceKeys: Set(sources.order))
        guard let policy else {
            problems.fail(nil, "policy", "no pricing policy was loaded")
            throw InputError(problems.diagnostics)
        }
        var set = mergedSet(policy: policy.record)
        checkSourceLedger(set, policy: policy, &problems)
        problems.diagnostics += costTables.attach(to: &set, sources: problems.sourceKeys)
        checkWageFloors(set, &problems)
        checkJobArchitecture(set, &problems)
        checkPolicy(set, policy: policy, &problems)
        set.origins = origins(policy: policy)
        if !problems.diagnostics.isEmpty { throw InputError(problems.diagnostics) }
        return set
    }

    /// The merged records of every table, indexed for lookup.
    private func mergedSet(policy: PricingPolicy) -> ReferenceSet {
        var set = ReferenceSet(policy: policy)
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
        return set
    }

    /// Every record cites a source in the ledger (layers, premiums and benchmarks are checked
    /// with the rest of their record).
    private func checkSourceLedger(
        _ set: ReferenceSet, policy: Entry<PricingPolicy>, _ problems: inout CrossReferenceProblems
    ) {
        for record in set.sources { problems.checkSource(record.ref, sources.origin(record.key), "sources") }
        for record in set.segments { problems.checkSource(record.ref, segments.origin(record.id.rawValue), "segments") }
        for record in set.categories { problems.checkSource(record.ref, categories.origin(record.id), "categories") }
        for record in set.anchors { problems.checkSource(record.ref, anchors.origin(record.id), "anchors") }
        for record in set.factors { problems.checkSource(record.ref, factors.origin(record.id), "factors") }
        for record in set.tasks { problems.checkSource(record.ref, tasks.origin(record.id), "tasks") }
        for record in set.titleHints {
            problems.checkSource(record.ref, titleHints.origin(record.pattern), "title_hints")
        }
        for record in set.exchangeRates {
            problems.checkSource(record.ref, rates.origin(record.currency), "exchange_rates")
        }
        for record in set.locationFactors {
            problems.checkSource(record.ref, locations.origin(record.jurisdiction), "location_factors")
        }
        problems.checkSource(policy.record.ref, policy.origin, "policy")
        for record in set.jurisdictions {
            problems.checkSource(record.ref, jurisdictions.origin(record.code), "jurisdictions")
        }
    }

    /// Wage floors and living wages: a source, a known currency and jurisdiction, and an hours
    /// basis for any day or month figure.
    private func checkWageFloors(_ set: ReferenceSet, _ problems: inout CrossReferenceProblems) {
        for (name, table) in [("wage_floors", floors), ("living_wages", livingWages)] {
            for record in table.records {
                let origin = table.origin(record.id)
                problems.checkSource(record.ref, origin, name)
                if set.exchangeRate(record.currency) == nil {
                    problems.fail(
                        origin, "\(name).currency", "no exchange rate for \(record.currency); add one to exchange_rates"
                    )
                }
                if set.jurisdiction(record.jurisdiction) == nil {
                    problems.fail(
                        origin, "\(name).jurisdiction",
                        "no jurisdiction '\(record.jurisdiction)' in the jurisdictions table; add it (code, name, hours basis)"
                    )
                }
                // A day or month figure without an hours basis cannot become hourly; say so at load time.
                let basis = record.hours.filled(from: set.statutoryHours(record.jurisdiction))
                if basis.hours(per: record.period) == nil {
                    problems.fail(
                        origin, "\(name).\(record.id)",
                        "a \(record.period.rawValue) figure needs an hours basis: add hours_per_day, days_per_month, hours_per_week or hours_per_month here or on jurisdiction \(record.jurisdiction)"
                    )
                }
            }
        }
    }

    /// The compensation map: every segment and layer defined, and every category, anchor,
    /// factor and level a layer, task, premium or benchmark names exists.
    private func checkJobArchitecture(_ set: ReferenceSet, _ problems: inout CrossReferenceProblems) {
        for segment in LaborSegment.allCases where set.segment(segment) == nil {
            problems.fail(nil, "segments", "labor segment '\(segment.rawValue)' is not defined")
        }
        for layer in WorkLayer.allCases {
            guard let record = set.layer(layer) else {
                problems.fail(nil, "layers", "work layer '\(layer.rawValue)' is not defined")
                continue
            }
            let origin = layers.origin(layer.rawValue)
            problems.checkSource(record.ref, origin, "layers")
            if let category = record.anchorCategory, set.category(category) == nil {
                problems.fail(origin, "layers.anchor_category", "no category '\(category)'")
            }
            if let anchor = record.anchor, set.anchor(anchor) == nil {
                problems.fail(origin, "layers.anchor", "no anchor '\(anchor)'")
            }
            Self.checkProfile(record.typicalProfile, set, origin, "layers.typical_profile", &problems)
        }
        for task in set.tasks {
            if let category = task.category, set.category(category) == nil {
                problems.fail(tasks.origin(task.id), "tasks.category", "no category '\(category)'")
            }
        }
        for premium in set.premiums {
            let origin = premiums.origin(premium.id)
            problems.checkSource(premium.ref, origin, "premiums")
            guard let factor = set.factor(premium.factor) else {
                problems.fail(origin, "premiums.factor", "no factor '\(premium.factor)' in the factor tables")
                continue
            }
            for level in premium.levels where factor.level(level) == nil {
                problems.fail(origin, "premiums.levels", "'\(level)' is not a level of '\(factor.id)'")
            }
        }
        for benchmark in set.benchmarks {
            let origin = benchmarks.origin(benchmark.id)
            problems.checkSource(benchmark.ref, origin, "benchmarks")
            if let category = benchmark.category, set.category(category) == nil {
                problems.fail(origin, "benchmarks.category", "no category '\(category)'")
            }
            if let anchor = benchmark.anchor, set.anchor(anchor) == nil {
                problems.fail(origin, "benchmarks.anchor", "no anchor '\(anchor)'")
            }
            Self.checkProfile(benchmark.factors, set, origin, "benchmarks.factors", &problems)
            for replaced in benchmark.replaces where !set.benchmarks.contains(where: { $0.id == replaced }) {
                problems.fail(origin, "benchmarks.replaces", "no benchmark '\(replaced)' to replace")
            }
        }
    }

    /// A factor profile names a known level for every factor without a default.
    private static func checkProfile(
        _ profile: [String: String], _ set: ReferenceSet, _ origin: Origin?, _ field: String,
        _ problems: inout CrossReferenceProblems
    ) {
        for factor in set.factors where profile[factor.id] == nil && factor.defaultLevel == nil {
            problems.fail(origin, "\(field).\(factor.id)", "missing level for factor '\(factor.id)'")
        }
        for (factorID, level) in profile.sorted(by: { $0.key < $1.key }) {
            guard let factor = set.factor(factorID) else {
                problems.fail(origin, "\(field).\(factorID)", "no factor '\(factorID)' in the factor tables")
                continue
            }
            if factor.level(level) == nil {
                problems.fail(
                    origin, "\(field).\(factorID)",
                    "'\(level)' is not one of: \(factor.levels.map(\.id).joined(separator: ", "))")
            }
        }
    }

    /// The pricing policy against the tables: a spread for every layer, a pay line, a USD
    /// rate, location factors where pricing is local, and premiums only on market factors.
    private func checkPolicy(
        _ set: ReferenceSet, policy: Entry<PricingPolicy>, _ problems: inout CrossReferenceProblems
    ) {
        for layer in WorkLayer.allCases where policy.record.rangeSpreads[layer] == nil {
            problems.fail(
                policy.origin, "policy.range_spreads.\(layer.rawValue)", "no range spread for layer '\(layer.rawValue)'"
            )
        }
        if set.benchmarks.count < 2 {
            problems.fail(
                nil, "benchmarks", "the pay line needs at least two benchmark roles, found \(set.benchmarks.count)")
        }
        if set.exchangeRate("USD") == nil {
            problems.fail(nil, "exchange_rates", "an exchange rate for USD (1) is required")
        }
        let localPricing = ([policy.record.locationPolicy] + Array(policy.record.locationPolicyByLayer.values)).contains
        { $0 != .global }
        if localPricing && set.locationFactors.isEmpty {
            problems.fail(
                policy.origin, "policy.location_policy",
                "pricing in a local labour market needs a location_factors table")
        }
        if localPricing && set.locationFactor(policy.record.hirerMarket, locality: policy.record.hirerLocality) == nil {
            problems.fail(
                policy.origin, "policy.hirer_market",
                "no location factor for the hirer market '\(policy.record.hirerMarket)'")
        }
        for benchmark in set.benchmarks
        where localPricing && set.locationFactor(benchmark.market, locality: benchmark.locality) == nil {
            problems.fail(
                benchmarks.origin(benchmark.id), "benchmarks.market",
                "no location factor for the benchmark's market '\(benchmark.market)'")
        }
        for premium in set.premiums {
            // One fact, one uplift: a premium rides on a market factor, which scores no points.
            if let factor = set.factor(premium.factor), factor.axis != .market {
                problems.fail(
                    premiums.origin(premium.id), "premiums.factor",
                    "'\(factor.id)' scores \(factor.axis.rawValue) points; a premium may only ride on a market factor (axis: market), so one fact is never paid twice"
                )
            }
        }
        for factor in set.factors where factor.levels.isEmpty {
            problems.fail(factors.origin(factor.id), "factors.levels", "no levels")
        }
    }

    /// Where each record was defined, keyed `table/id`, for provenance trails.
    private func origins(policy: Entry<PricingPolicy>) -> [String: Origin] {
        var origins: [String: Origin] = [:]
        func record<R>(_ name: String, _ table: Table<R>) {
            for id in table.order { origins["\(name)/\(id)"] = table.origin(id) }
        }
        record("sources", sources)
        record("segments", segments)
        record("layers", layers)
        record("categories", categories)
        record("anchors", anchors)
        record("factors", factors)
        record("premiums", premiums)
        record("benchmarks", benchmarks)
        record("tasks", tasks)
        record("title_hints", titleHints)
        record("exchange_rates", rates)
        record("location_factors", locations)
        record("jurisdictions", jurisdictions)
        record("wage_floors", floors)
        record("living_wages", livingWages)
        origins["policy/policy"] = policy.origin
        costTables.record(into: &origins)
        return origins
    }
}
