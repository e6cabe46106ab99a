public import WorkModel

/// Where a reference record was defined, so cross-reference errors and provenance can name it.
public struct Origin: Sendable, Hashable {
    public var file: String
    public var location: SourceLocation
    /// True for Wagefile's own files.
    public var shipped: Bool
    /// True when a later file replaced a shipped record with the same id.
    public var overridesShipped: Bool
}

/// The loaded, validated reference data: shipped tables with the user's overrides applied.
/// Built only through `ReferenceParser.build()`, so every cross-reference in it resolves.
public struct ReferenceSet: Sendable {
    public internal(set) var sources: [SourceEntry] = []
    public internal(set) var segments: [Segment] = []
    public internal(set) var layers: [LayerProfile] = []
    public internal(set) var categories: [JobCategory] = []
    public internal(set) var anchors: [MarketAnchor] = []
    /// Complexity factors first, then consequence factors, each in table order.
    public internal(set) var factors: [EvaluationFactor] = []
    public internal(set) var premiums: [PremiumTrigger] = []
    public internal(set) var benchmarks: [BenchmarkRole] = []
    public internal(set) var tasks: [TaskKind] = []
    public internal(set) var titleHints: [TitleHint] = []
    public internal(set) var policy: PricingPolicy
    public internal(set) var exchangeRates: [ExchangeRate] = []
    public internal(set) var locationFactors: [LocationFactor] = []
    public internal(set) var jurisdictions: [Jurisdiction] = []
    public internal(set) var wageFloors: [WageFloor] = []
    /// Living-wage benchmarks users supply; none ship.
    public internal(set) var livingWages: [WageFloor] = []
    /// The job architecture, lowest midpoint first (GradeRecords.swift).
    public internal(set) var grades: [JobGrade] = []
    /// Employer on-costs per jurisdiction, for loaded cost (OnCostRecords.swift).
    public internal(set) var onCosts = OnCostTable()
    /// "table/id" to where it was defined.
    public internal(set) var origins: [String: Origin] = [:]

    private var sourceIndex: [String: Int] = [:]
    private var layerIndex: [WorkLayer: Int] = [:]
    private var categoryIndex: [String: Int] = [:]
    private var anchorIndex: [String: Int] = [:]
    private var factorIndex: [String: Int] = [:]
    private var taskIndex: [String: Int] = [:]
    private var rateIndex: [String: Int] = [:]
    private var locationIndex: [String: Int] = [:]
    private var segmentIndex: [LaborSegment: Int] = [:]
    private var jurisdictionIndex: [String: Int] = [:]
    /// Title hint patterns as bytes, in `titleHints` order, so matching allocates nothing per pattern.
    private var titleHintBytes: [[UInt8]] = []

    init(policy: PricingPolicy) { self.policy = policy }

    mutating func index() {
        sourceIndex = Self.positions(sources.map(\.key))
        layerIndex = Dictionary(uniqueKeysWithValues: layers.enumerated().map { ($1.id, $0) })
        segmentIndex = Dictionary(uniqueKeysWithValues: segments.enumerated().map { ($1.id, $0) })
        categoryIndex = Self.positions(categories.map(\.id))
        anchorIndex = Self.positions(anchors.map(\.id))
        factorIndex = Self.positions(factors.map(\.id))
        taskIndex = Self.positions(tasks.map(\.id))
        rateIndex = Self.positions(exchangeRates.map(\.currency))
        // Whole-jurisdiction differentials only; metro ones are found by their localities.
        locationIndex = [:]
        for (position, record) in locationFactors.enumerated() where record.localities.isEmpty {
            locationIndex[record.jurisdiction] = position
        }
        jurisdictionIndex = Self.positions(jurisdictions.map(\.code))
        // Longest pattern first so "evaluation lead" wins over "evaluator"-style shorter hints.
        titleHints.sort { ($0.pattern.count, $1.pattern) > ($1.pattern.count, $0.pattern) }
        titleHintBytes = titleHints.map { Array($0.pattern.utf8) }
    }

    private static func positions(_ keys: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (position, key) in keys.enumerated() { result[key] = position }
        return result
    }

    public func source(_ key: String) -> SourceEntry? { sourceIndex[key].map { sources[$0] } }
    public func layer(_ id: WorkLayer) -> LayerProfile? { layerIndex[id].map { layers[$0] } }
    public func segment(_ id: LaborSegment) -> Segment? { segmentIndex[id].map { segments[$0] } }
    public func category(_ id: String) -> JobCategory? { categoryIndex[id].map { categories[$0] } }
    public func anchor(_ id: String) -> MarketAnchor? { anchorIndex[id].map { anchors[$0] } }
    public func factor(_ id: String) -> EvaluationFactor? { factorIndex[id].map { factors[$0] } }
    public func task(_ id: String) -> TaskKind? { taskIndex[id].map { tasks[$0] } }
    public func exchangeRate(_ currency: String) -> ExchangeRate? { rateIndex[currency].map { exchangeRates[$0] } }
    public func jurisdiction(_ code: String) -> Jurisdiction? { jurisdictionIndex[code].map { jurisdictions[$0] } }

    /// The country part of a jurisdiction code: `US` for `US-CA`.
    public static func country(of code: String) -> String { String(code.prefix { $0 != "-" }) }

    /// The jurisdiction and the country it belongs to, most specific first: `US-CA`, `US`.
    public static func chain(_ code: String) -> [String] {
        let country = country(of: code)
        return country == code ? [code] : [code, country]
    }

    /// `amount` in `from` currency expressed in `to`, through the rates per US dollar; nil when
    /// either currency has no rate.
    public func convert(_ amount: Double, from: String, to: String) -> Double? {
        if from == to { return amount }
        guard let source = exchangeRate(from), let target = exchangeRate(to) else { return nil }
        return amount / source.perUSD * target.perUSD
    }

    /// Whether `code` or its country belongs to `group` (e.g. `eu`).
    public func jurisdiction(_ code: String, isIn group: String) -> Bool {
        Self.chain(code).contains { jurisdiction($0)?.groups.contains(group) ?? false }
    }

    /// The statutory hours basis for `code`: its own fields, then its country's.
    public func statutoryHours(_ code: String) -> StatutoryHours {
        Self.chain(code).reduce(StatutoryHours()) { basis, level in
            basis.filled(from: jurisdiction(level)?.hours ?? StatutoryHours())
        }
    }

    /// The benchmarks the pay line runs through: every one not replaced by another's evidence.
    public var pricedBenchmarks: [BenchmarkRole] {
        let replaced = Set(benchmarks.flatMap(\.replaces))
        return benchmarks.filter { !replaced.contains($0.id) }
    }

    /// The most specific differential for a place: a metro's (its localities name the worker's
    /// location) in the jurisdiction or its country, then the subdivision's, then the country's.
    public func locationFactor(_ jurisdiction: String, locality: String? = nil) -> LocationFactor? {
        let chain = Self.chain(jurisdiction)
        if let locality {
            let place = PlaceNames.words(locality)
            for level in chain {
                if let metro = locationFactors.first(where: {
                    $0.jurisdiction == level && $0.localities.contains { PlaceNames.names(place, $0) }
                }) {
                    return metro
                }
            }
        }
        for level in chain {
            if let position = locationIndex[level] { return locationFactors[position] }
        }
        return nil
    }

    /// The words a role spec may use, from these tables.
    public var vocabulary: Vocabulary {
        Vocabulary(
            taskKinds: tasks.map(\.id), categories: categories.map(\.id),
            factorLevels: Dictionary(uniqueKeysWithValues: factors.map { ($0.id, $0.levels.map(\.id)) }),
            factorOrder: factors.map(\.id), currencies: exchangeRates.map(\.currency),
            budgetOwners: policy.budgetOwners,
            factorDefaults: Dictionary(
                uniqueKeysWithValues: factors.compactMap { factor in factor.defaultLevel.map { (factor.id, $0) } }))
    }

    /// The title hint whose pattern occurs in `title`, longest pattern first.
    public func titleHint(for title: String) -> TitleHint? {
        let lowered = Array(title.lowercased().utf8)
        return titleHintBytes.firstIndex { Self.contains(lowered, $0) }.map { titleHints[$0] }
    }

    /// Byte-wise substring search: titles and patterns are short, and this avoids the much
    /// slower generic String search on the pricing hot path.
    static func contains(_ text: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty else { return true }
        guard text.count >= pattern.count else { return false }
        let first = pattern[0]
        for start in 0...(text.count - pattern.count) where text[start] == first {
            var matched = true
            for offset in 1..<pattern.count where text[start + offset] != pattern[offset] {
                matched = false
                break
            }
            if matched { return true }
        }
        return false
    }
}
