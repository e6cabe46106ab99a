public import ReferenceData
import Specs
public import WorkModel

/// A compensation survey's rows turned into benchmark evidence the pay line runs through: each
/// mapped row becomes a benchmark with its job's factor profile, its market, and its P50 in US
/// dollars an hour, named as the survey. Rows of jobs the mapping does not list are counted and
/// reported, never silently dropped; a bad row stops the import with its line and column.
public struct SurveyImport: Sendable {
    /// The survey as a source-ledger entry.
    public var source: SourceEntry
    /// One benchmark per mapped row, its P50 in USD an hour.
    public var benchmarks: [BenchmarkRole]
    /// Job codes the export holds that the mapping does not list, with how many rows each.
    public var unmappedJobs: [(job: String, rows: Int)]

    /// An import from its parts.
    public init(source: SourceEntry, benchmarks: [BenchmarkRole], unmappedJobs: [(job: String, rows: Int)] = []) {
        self.source = source
        self.benchmarks = benchmarks
        self.unmappedJobs = unmappedJobs
    }

    /// Reads an export through `mapping` against the reference vocabulary; throws with every
    /// problem found (a missing column, a bad cell, with line and column) rather than import part of it.
    // Long because: checks the mapped columns, reads every row with its line, then writes the reference tables; each stage reports all its problems before the next.
    public static func read(
        _ table: HRISTable, mapping: SurveyMapping, reference: ReferenceSet, file: String
    ) throws(InputError) -> SurveyImport {
        var problems: [Diagnostic] = []
        let index = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for (field, column) in mapping.columns.sorted(by: { $0.key < $1.key }) where index[column] == nil {
            problems.append(
                Diagnostic(
                    file: file, location: SourceLocation(line: 1, column: 1), field: field,
                    message: "no column '\(column)' in the header (columns: \(table.header.joined(separator: ", ")))"))
        }
        if !problems.isEmpty { throw InputError(problems) }
        let ref = SourceRef(
            source: mapping.source.key, asOf: mapping.source.asOf, confidence: mapping.source.confidence)
        var benchmarks: [BenchmarkRole] = []
        var unmapped: [String: Int] = [:]
        var seen: Set<String> = []
        for row in table.rows {
            func cell(_ field: String) -> String? {
                mapping.columns[field].flatMap { index[$0] }.flatMap { $0 < row.cells.count ? row.cells[$0] : nil }
            }
            func fail(_ field: String, _ message: String) {
                let column = mapping.columns[field].flatMap { index[$0] }.map { $0 + 1 } ?? 1
                problems.append(
                    Diagnostic(
                        file: file, location: SourceLocation(line: row.line, column: column), field: field,
                        message: message))
            }
            guard row.cells.count == table.header.count else {
                fail("row", "expected \(table.header.count) cells as in the header, found \(row.cells.count)")
                continue
            }
            guard let code = cell("job")?.trimmedSpaces, !code.isEmpty else {
                fail("job", "the job code is empty")
                continue
            }
            guard let job = mapping.jobs[code] else {
                unmapped[code, default: 0] += 1
                continue
            }
            let market = mapping.value("market", raw: cell("market")) ?? ""
            guard RoleSpecFormat.isJurisdiction(market) else {
                fail(
                    "market",
                    "expected a jurisdiction code such as US or DE-BE (translate the export's names under values.market), found '\(market)'"
                )
                continue
            }
            let locality = cell("locality")?.trimmedSpaces.nonEmpty
            let currency = mapping.value("currency", raw: cell("currency")) ?? ""
            guard let rate = reference.exchangeRate(currency) else {
                fail(
                    "currency",
                    "no exchange rate for '\(currency)' (known: \(reference.exchangeRates.map(\.currency).joined(separator: ", ")))"
                )
                continue
            }
            let period = mapping.value("period", raw: cell("period")) ?? ""
            guard SurveyMapping.periods.contains(period) else {
                fail("period", "expected annual or hourly (translate under values.period), found '\(period)'")
                continue
            }
            guard let p50 = cell("p50").flatMap({ RowReader.amount($0, decimalComma: mapping.decimalComma) }), p50 > 0
            else {
                fail("p50", "expected a positive amount, found '\(cell("p50") ?? "")'")
                continue
            }
            let p25 = cell("p25").flatMap { RowReader.amount($0, decimalComma: mapping.decimalComma) }
            let p75 = cell("p75").flatMap { RowReader.amount($0, decimalComma: mapping.decimalComma) }
            if let p25, let p75, !(p25 <= p50 && p50 <= p75) {
                fail(
                    "p50",
                    "P25 \(Format.number(p25)) <= P50 \(Format.number(p50)) <= P75 \(Format.number(p75)) does not hold")
                continue
            }
            let profile: [String: String]
            var category = job.category
            var title = job.title ?? cell("title")?.trimmedSpaces.nonEmpty ?? code
            if let name = job.benchmark {
                guard let shipped = reference.benchmarks.first(where: { $0.id == name }) else {
                    fail("job", "job \(code) names benchmark '\(name)', which the reference data does not hold")
                    continue
                }
                profile = shipped.factors
                category = category ?? shipped.category
                if job.title == nil && cell("title") == nil { title = shipped.title }
            } else {
                profile = job.factors
            }
            let hours = period == "annual" ? mapping.hoursPerYear : 1
            let hourlyUSD = p50 / hours / rate.perUSD
            let id = Self.slug([mapping.source.key, code, market] + (locality.map { [$0] } ?? []))
            guard seen.insert(id).inserted else {
                fail("job", "job \(code) in \(market)\(locality.map { " (\($0))" } ?? "") appears twice")
                continue
            }
            var derivation =
                "\(mapping.source.title): P50 \(Format.number(p50)) \(currency) per \(period == "annual" ? "year" : "hour")"
            if period == "annual" { derivation += " / \(Format.number(hours)) h" }
            if currency != "USD" { derivation += " / \(Format.number(rate.perUSD)) \(currency) per USD" }
            if let p25, let p75 { derivation += "; P25 \(Format.number(p25)), P75 \(Format.number(p75))" }
            derivation += "; \(file) line \(row.line)"
            benchmarks.append(
                BenchmarkRole(
                    id: id, title: title, category: category, p50HourlyUSD: hourlyUSD, derivation: derivation,
                    factors: profile,
                    market: market, locality: locality, replaces: job.benchmark.map { [$0] } ?? [], ref: ref))
        }
        if !problems.isEmpty { throw InputError(problems) }
        if benchmarks.isEmpty {
            throw InputError([
                Diagnostic(
                    file: file, location: SourceLocation(line: 1, column: 1), field: "jobs",
                    message:
                        "no row matched a job the mapping lists (\(unmapped.count) unmapped job codes); nothing to import"
                )
            ])
        }
        let source = SourceEntry(
            key: mapping.source.key, title: mapping.source.title, publisher: mapping.source.publisher,
            signal: "\(benchmarks.count) surveyed job-market medians imported as benchmark evidence.",
            implication: "The pay line runs through these medians; benchmarks they replace leave it.", ref: ref)
        return SurveyImport(
            source: source, benchmarks: benchmarks,
            unmappedJobs: unmapped.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// The import as a reference file for `--reference`: the survey in the source ledger and
    /// one benchmark per row, each value JSON-quoted so any text is valid YAML.
    public var referenceYAML: String {
        "# Imported by wagefile import market-data from \(source.title) (\(source.publisher)).\n"
            + "# Review it, then price with --reference pointing at this file's folder.\n"
            + Self.referenceYAML(sources: [source], benchmarks: benchmarks)
    }

    /// Sources and benchmarks as one reference document.
    public static func referenceYAML(sources: [SourceEntry], benchmarks: [BenchmarkRole]) -> String {
        func q(_ text: String) -> String { Format.jsonString(text) }
        var out = sources.isEmpty ? "" : "sources:\n"
        for source in sources {
            out +=
                "  - {key: \(q(source.key)), title: \(q(source.title)), publisher: \(q(source.publisher)), signal: \(q(source.signal))"
            out +=
                ", implication: \(q(source.implication ?? "")), source: \(q(source.key)), as_of: \(q(source.ref.asOf)), confidence: \(source.ref.confidence.rawValue)}\n"
        }
        out += "benchmarks:\n"
        for benchmark in benchmarks {
            let factors = benchmark.factors.sorted { $0.key < $1.key }.map { "\($0.key): \(q($0.value))" }.joined(
                separator: ", ")
            out += "  - id: \(q(benchmark.id))\n    title: \(q(benchmark.title))\n"
            if let category = benchmark.category { out += "    category: \(q(category))\n" }
            out += "    p50_hourly_usd: \(Format.number(benchmark.p50HourlyUSD, maxPlaces: 6))\n"
            out +=
                "    derivation: \(q(benchmark.derivation))\n    factors: {\(factors)}\n    market: \(q(benchmark.market))\n"
            if let locality = benchmark.locality { out += "    locality: \(q(locality))\n" }
            if !benchmark.replaces.isEmpty {
                out += "    replaces: [\(benchmark.replaces.map(q).joined(separator: ", "))]\n"
            }
            out +=
                "    source: \(q(benchmark.ref.source))\n    as_of: \(q(benchmark.ref.asOf))\n    confidence: \(benchmark.ref.confidence.rawValue)\n"
        }
        return out
    }

    /// A record id from its parts: lower-case letters, digits and dashes.
    static func slug(_ parts: [String]) -> String {
        parts.map { part in
            String(part.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        }.joined(separator: "-")
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
