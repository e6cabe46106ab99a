import Specs
public import WorkModel

/// How a compensation survey's export (Radford, Mercer, Pave: one row per job and market with
/// P25/P50/P75) becomes benchmark evidence: which columns hold what, how the export's market
/// names translate to jurisdiction codes, and which factor profile each surveyed job has.
/// Written once as YAML (`wagefile.survey-mapping/v1`) and reused for every later cut.
public struct SurveyMapping: Sendable, Equatable {
    /// The survey as the source ledger will name it.
    public struct Source: Sendable, Equatable {
        /// The source key benchmarks cite.
        public var key: String
        /// The survey's title.
        public var title: String
        /// Who publishes it (Radford, Mercer, Pave, ...).
        public var publisher: String
        /// The survey's effective date.
        public var asOf: String
        /// How far the figures can be relied on.
        public var confidence: Confidence
    }

    /// A surveyed job: the shipped benchmark whose profile it has (and whose evidence it then
    /// replaces), or its own factor profile.
    public struct Job: Sendable, Equatable {
        /// The shipped benchmark whose profile the job has.
        public var benchmark: String?
        /// The job's title, when it has its own profile.
        public var title: String?
        /// Its job category, when it has its own profile.
        public var category: String?
        /// Its factor levels, when it has its own profile.
        public var factors: [String: String]
    }

    /// Fields a column can fill.
    public static let fields = ["job", "title", "market", "locality", "currency", "period", "p25", "p50", "p75"]
    /// The periods survey figures may be stated per.
    public static let periods = ["annual", "hourly"]

    /// The survey, as the source ledger will name it.
    public var source: Source
    /// Field to column name.
    public var columns: [String: String]
    /// Field (`market`, `period`, `currency`) to (export value, lower-cased, to Wagefile value).
    public var values: [String: [String: String]]
    /// `period`, `currency`, `market` when the export has no column for them.
    public var defaults: [String: String]
    /// Hours a year an annual figure is paid for (2,080 unless the survey says otherwise).
    public var hoursPerYear: Double
    /// Job code as the export writes it to the job.
    public var jobs: [String: Job]
    /// `1.234,56` instead of `1,234.56`.
    public var decimalComma: Bool

    // Long because: a field-by-field reader of the mapping file, each section checked against the columns read before it and every problem reported with its line.
    /// Reads the YAML mapping, reporting every problem with its line.
    public static func read(_ text: String, file: String) throws(InputError) -> SurveyMapping {
        guard let root = try SpecDocument.parse(text, file: file) else {
            throw InputError([
                Diagnostic(
                    file: file, location: .start, field: "",
                    message: "the mapping is empty; expected source, columns and jobs")
            ])
        }
        var reader = FieldReader(file: file)
        guard
            let top = reader.mapping(
                root, path: "",
                allowed: [
                    "mapping", "source", "columns", "values", "defaults", "hours_per_year", "jobs", "decimal_comma",
                ])
        else { throw InputError(reader.diagnostics) }
        if let version = reader.string(top, "mapping"), version != "wagefile.survey-mapping/v1" {
            reader.report(
                top.location(of: "mapping"), "mapping", "expected wagefile.survey-mapping/v1, found '\(version)'")
        }
        var source: Source?
        if let node = top.value("source"),
            let view = reader.mapping(
                node, path: "source", allowed: ["key", "title", "publisher", "as_of", "confidence"])
        {
            let key = reader.string(view, "key", required: true), title = reader.string(view, "title", required: true)
            let publisher = reader.string(view, "publisher", required: true),
                asOf = reader.string(view, "as_of", required: true)
            let confidence = reader.enumeration(view, "confidence", as: Confidence.self, required: true)
            if let asOf, CalendarDate(asOf) == nil {
                reader.report(
                    view.location(of: "as_of"), "source.as_of",
                    "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(asOf)'")
            }
            if let key, let title, let publisher, let asOf, let confidence {
                source = Source(key: key, title: title, publisher: publisher, asOf: asOf, confidence: confidence)
            }
        } else if !top.has("source") {
            reader.report(
                top.location, "source",
                "required field is missing (the survey: key, title, publisher, as_of, confidence)")
        }
        var columns: [String: String] = [:]
        if let node = top.value("columns"), let view = reader.mapping(node, path: "columns", allowed: fields) {
            for entry in view.entries {
                if let name = reader.string(view, entry.key, required: true) { columns[entry.key] = name }
            }
        } else if !top.has("columns") {
            reader.report(top.location, "columns", "required field is missing (which column holds each field)")
        }
        for required in ["job", "p50"] where top.has("columns") && columns[required] == nil {
            reader.report(
                top.location(of: "columns"), "columns.\(required)",
                "required: the column holding the \(required == "job" ? "job code" : "median (P50)")")
        }
        var values: [String: [String: String]] = [:]
        if let node = top.value("values"),
            let view = reader.mapping(node, path: "values", allowed: ["market", "period", "currency"])
        {
            for entry in view.entries {
                guard let table = reader.mapping(entry.value, path: "values.\(entry.key)") else { continue }
                var translations: [String: String] = [:]
                for item in table.entries {
                    guard
                        let target = reader.string(item.value, path: "values.\(entry.key).\(item.key)", required: true)
                    else { continue }
                    if entry.key == "period", !periods.contains(target) {
                        _ = reader.check(
                            target, at: item.value.location, path: "values.period.\(item.key)", from: periods)
                        continue
                    }
                    translations[item.key.lowercased()] = target
                }
                values[entry.key] = translations
            }
        }
        var defaults: [String: String] = [:]
        if let node = top.value("defaults"),
            let view = reader.mapping(node, path: "defaults", allowed: ["period", "currency", "market"])
        {
            for entry in view.entries {
                guard let value = reader.string(view, entry.key, required: true) else { continue }
                if entry.key == "period", !periods.contains(value) {
                    _ = reader.check(value, at: entry.value.location, path: "defaults.period", from: periods)
                    continue
                }
                defaults[entry.key] = value
            }
        }
        for field in ["market", "currency", "period"]
        where columns[field] == nil && defaults[field] == nil && top.has("columns") {
            reader.report(top.location(of: "columns"), "columns.\(field)", "no column and no default for \(field)")
        }
        let hours = reader.number(top, "hours_per_year", range: 1...8784) ?? 2080
        var jobs: [String: Job] = [:]
        if let node = top.value("jobs"), let view = reader.mapping(node, path: "jobs") {
            for entry in view.entries {
                let path = "jobs.\(entry.key)"
                guard
                    let job = reader.mapping(
                        entry.value, path: path, allowed: ["benchmark", "title", "category", "factors"])
                else { continue }
                var factors: [String: String] = [:]
                if let factorNode = job.value("factors"),
                    let factorView = reader.mapping(factorNode, path: "\(path).factors")
                {
                    for factor in factorView.entries {
                        if let level = reader.string(factorView, factor.key, required: true) {
                            factors[factor.key] = level
                        }
                    }
                }
                let benchmark = reader.string(job, "benchmark")
                if benchmark == nil && factors.isEmpty {
                    reader.report(
                        entry.value.location, path,
                        "name the shipped benchmark whose profile this job has (benchmark:) or give its factors")
                }
                if benchmark != nil && !factors.isEmpty {
                    reader.report(entry.value.location, path, "give benchmark: or factors:, not both")
                }
                jobs[entry.key] = Job(
                    benchmark: benchmark, title: reader.string(job, "title"), category: reader.string(job, "category"),
                    factors: factors)
            }
        } else if !top.has("jobs") {
            reader.report(
                top.location, "jobs", "required field is missing (each surveyed job code and its factor profile)")
        }
        let decimalComma = reader.bool(top, "decimal_comma") ?? false
        guard reader.diagnostics.isEmpty, let source else { throw InputError(reader.diagnostics) }
        return SurveyMapping(
            source: source, columns: columns, values: values, defaults: defaults, hoursPerYear: hours, jobs: jobs,
            decimalComma: decimalComma)
    }

    /// The export's value of `field` translated, or the default when the export has no column.
    func value(_ field: String, raw: String?) -> String? {
        guard let raw = raw?.trimmedSpaces, !raw.isEmpty else { return defaults[field] }
        return values[field]?[raw.lowercased()] ?? raw
    }
}
