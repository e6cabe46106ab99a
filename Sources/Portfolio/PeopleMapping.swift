import Specs
public import WorkModel

/// How an HRIS export's columns become people: which column holds each field, how the export's
/// own words translate (`Full-Time` is `employee`), defaults, the date format, and the columns
/// that carry pay-equity groups. Written once as YAML and reused for every later export.
public struct PeopleMapping: Sendable, Equatable {
    /// How the export writes dates (hire date).
    public enum DateFormat: String, Sendable, CaseIterable {
        case iso = "YYYY-MM-DD"
        case us = "MM/DD/YYYY"
        case european = "DD/MM/YYYY"
        case dotted = "DD.MM.YYYY"
    }

    /// Fields a column can fill. `name` may join several columns (first and last name).
    public static let fields = [
        "externalId", "name", "employment", "title", "pay", "currency", "payBasis", "band", "legacyBand", "workLayer",
        "location", "hireDate", "managerId", "specId", "budgetOwner", "hoursPerWeek", "reviewerId", "variablePay",
    ]
    /// Fields whose values can be translated and defaulted.
    public static let translatable = ["employment", "payBasis", "workLayer", "budgetOwner", "currency"]
    /// Fields that can take a default when the export has no column or an empty cell.
    public static let defaultable = ["employment", "payBasis", "currency", "budgetOwner", "hoursPerWeek", "workLayer"]

    /// Field to column names (more than one only for `name`).
    public var columns: [String: [String]]
    /// Field to (export value, lower-cased, to Wagefile value).
    public var values: [String: [String: String]]
    /// Field to the value used when the export has none.
    public var defaults: [String: String]
    /// Group key (as stored, for example `gender`) to column.
    public var groups: [(key: String, column: String)]
    /// How the export writes dates.
    public var dateFormat: DateFormat
    /// `1.234,56` instead of `1,234.56`.
    public var decimalComma: Bool

    /// A mapping from its parts; ``read(_:file:)`` reads one from YAML.
    public init(
        columns: [String: [String]], values: [String: [String: String]] = [:], defaults: [String: String] = [:],
        groups: [(key: String, column: String)] = [], dateFormat: DateFormat = .iso, decimalComma: Bool = false
    ) {
        self.columns = columns
        self.values = values
        self.defaults = defaults
        self.groups = groups
        self.dateFormat = dateFormat
        self.decimalComma = decimalComma
    }

    public static func == (lhs: PeopleMapping, rhs: PeopleMapping) -> Bool {
        lhs.columns == rhs.columns && lhs.values == rhs.values && lhs.defaults == rhs.defaults
            && lhs.groups.map(\.key) == rhs.groups.map(\.key) && lhs.groups.map(\.column) == rhs.groups.map(\.column)
            && lhs.dateFormat == rhs.dateFormat && lhs.decimalComma == rhs.decimalComma
    }

    /// Reads the YAML mapping, reporting every problem with its line.
    // Long because: reads every key of the mapping, reporting every problem with its line before any is used.
    public static func read(_ text: String, file: String) throws(InputError) -> PeopleMapping {
        guard let root = try SpecDocument.parse(text, file: file) else {
            throw InputError([
                Diagnostic(
                    file: file, location: .start, field: "",
                    message: "the mapping is empty; expected at least columns.name")
            ])
        }
        var reader = FieldReader(file: file)
        guard
            let top = reader.mapping(
                root, path: "",
                allowed: ["mapping", "columns", "values", "defaults", "groups", "date_format", "decimal_comma"])
        else {
            throw InputError(reader.diagnostics)
        }
        if let version = reader.string(top, "mapping"), version != "wagefile.people-mapping/v1" {
            reader.report(
                top.location(of: "mapping"), "mapping", "expected wagefile.people-mapping/v1, found '\(version)'")
        }
        var columns: [String: [String]] = [:]
        if let node = top.value("columns"), let view = reader.mapping(node, path: "columns", allowed: fields) {
            for entry in view.entries {
                let names = reader.stringItems(view, entry.key).map(\.value)
                if names.count > 1 && entry.key != "name" {
                    reader.report(entry.value.location, "columns.\(entry.key)", "only name may join several columns")
                }
                if !names.isEmpty { columns[entry.key] = names }
            }
        } else if !top.has("columns") {
            reader.report(top.location, "columns", "required field is missing (which column holds each field)")
        }
        if top.has("columns") && columns["name"] == nil {
            reader.report(
                top.location(of: "columns"), "columns.name",
                "required: the column (or columns) holding the person's name")
        }
        var values: [String: [String: String]] = [:]
        if let node = top.value("values"), let view = reader.mapping(node, path: "values", allowed: translatable) {
            for entry in view.entries {
                guard let table = reader.mapping(entry.value, path: "values.\(entry.key)") else { continue }
                var translations: [String: String] = [:]
                for item in table.entries {
                    guard
                        let target = reader.string(item.value, path: "values.\(entry.key).\(item.key)", required: true)
                    else { continue }
                    if let allowed = allowedValues(entry.key), !allowed.contains(target) {
                        _ = reader.check(
                            target, at: item.value.location, path: "values.\(entry.key).\(item.key)", from: allowed)
                        continue
                    }
                    translations[item.key.lowercased()] = target
                }
                values[entry.key] = translations
            }
        }
        var defaults: [String: String] = [:]
        if let node = top.value("defaults"), let view = reader.mapping(node, path: "defaults", allowed: defaultable) {
            for entry in view.entries {
                guard let value = reader.string(view, entry.key, required: true) else { continue }
                if let allowed = allowedValues(entry.key), !allowed.contains(value) {
                    _ = reader.check(value, at: entry.value.location, path: "defaults.\(entry.key)", from: allowed)
                    continue
                }
                if entry.key == "hoursPerWeek", !(Double(value).map { $0 > 0 && $0 <= 100 } ?? false) {
                    reader.report(
                        entry.value.location, "defaults.hoursPerWeek",
                        "expected hours from above 0 to 100, found '\(value)'")
                    continue
                }
                defaults[entry.key] = value
            }
        }
        var groups: [(key: String, column: String)] = []
        if let node = top.value("groups"), let view = reader.mapping(node, path: "groups") {
            for entry in view.entries {
                guard let column = reader.string(view, entry.key, required: true) else { continue }
                if entry.key.contains("=") || entry.key.contains(";") {
                    reader.report(entry.keyLocation, "groups.\(entry.key)", "a group key may not contain '=' or ';'")
                    continue
                }
                groups.append((entry.key, column))
            }
        }
        let format =
            reader.choice(top, "date_format", from: DateFormat.allCases.map(\.rawValue)).flatMap(
                DateFormat.init(rawValue:)) ?? .iso
        let decimalComma = reader.bool(top, "decimal_comma") ?? false
        if !reader.diagnostics.isEmpty { throw InputError(reader.diagnostics) }
        return PeopleMapping(
            columns: columns, values: values, defaults: defaults, groups: groups, dateFormat: format,
            decimalComma: decimalComma)
    }

    static func allowedValues(_ field: String) -> [String]? {
        switch field {
        case "employment": Person.employmentKinds
        case "payBasis": Person.payBases
        case "workLayer": WorkLayer.allCases.map(\.rawValue)
        default: nil
        }
    }

    /// A first mapping guessed from a header, as YAML to review and save: the usual HRIS names
    /// (Workday, BambooHR, HiBob, Personio exports) for each field, and every unmatched column
    /// listed in a comment so nothing is silently dropped.
    // Long because: the usual HRIS column names for each field written out as a table, then the YAML text.
    public static func suggest(_ table: HRISTable) -> String {
        let header = table.header
        let tableRows = table.rows
        func rowValues(_ index: Int) -> [String] {
            tableRows.compactMap { index < $0.cells.count ? $0.cells[index].trimmedSpaces : nil }.filter { !$0.isEmpty }
        }
        let guesses: [(field: String, names: [String])] = [
            ("externalId", ["employee id", "employee number", "worker id", "employee_id", "id", "person id"]),
            ("name", ["name", "full name", "legal name", "employee name", "worker", "preferred name"]),
            ("employment", ["worker type", "employment type", "employee type", "employment", "contract type"]),
            ("title", ["job title", "title", "position", "business title", "job profile"]),
            ("pay", ["base pay", "salary", "annual salary", "pay rate", "rate", "base salary", "compensation", "pay"]),
            ("currency", ["currency", "pay currency", "salary currency"]),
            ("payBasis", ["pay frequency", "pay basis", "pay type", "pay period", "salary basis"]),
            ("band", ["grade", "band", "job grade", "pay grade", "level", "job level"]),
            ("legacyBand", ["legacy grade", "previous grade", "legacy band"]),
            ("workLayer", ["work layer", "ai work layer", "ai layer"]),
            ("location", ["location", "work location", "office", "site"]),
            ("hireDate", ["hire date", "start date", "original hire date", "date of hire"]),
            ("managerId", ["manager id", "supervisor id", "manager employee id", "reports to id"]),
            ("specId", ["wage file", "spec", "spec id", "role spec"]),
            ("budgetOwner", ["budget owner", "cost center", "cost centre", "budget"]),
            (
                "hoursPerWeek",
                ["standard hours", "scheduled weekly hours", "weekly hours", "hours per week", "fte hours"]
            ),
            ("reviewerId", ["reviewer id", "annotator id", "labeler id"]),
            (
                "variablePay",
                [
                    "variable pay", "bonus", "annual bonus", "bonus paid", "incentive pay", "commission",
                    "variable compensation",
                ]
            ),
        ]
        var used: Set<String> = []
        var lines = [
            "mapping: wagefile.people-mapping/v1", "# Review every line: guessed from the export's header.", "columns:",
        ]
        for (field, names) in guesses {
            if let column = header.first(where: { !used.contains($0) && names.contains($0.lowercased().trimmedSpaces) })
            {
                used.insert(column)
                lines.append("  \(field): \(Format.jsonString(column))")
            } else {
                lines.append("  # \(field): (no column found)")
            }
        }
        // With nothing found the heading alone would read as "no mapping"; say "none yet" instead.
        if used.isEmpty, let heading = lines.firstIndex(of: "columns:") { lines[heading] = "columns: {}" }
        // Translations for the export's own words, guessed from the values in its rows.
        let words: [String: [String: String]] = [
            "employment": [
                "regular": "employee", "permanent": "employee", "full-time": "employee", "full time": "employee",
                "part-time": "employee", "part time": "employee", "salaried": "employee", "staff": "employee",
                "contingent": "contractor", "contract": "contractor", "freelance": "contractor",
                "freelancer": "contractor",
                "independent contractor": "contractor", "consultant": "contractor", "agency": "vendor-worker",
                "vendor": "vendor-worker", "outsourced": "vendor-worker", "temp": "vendor-worker",
            ],
            "payBasis": [
                "salary": "annual", "salaried": "annual", "yearly": "annual", "annually": "annual",
                "per year": "annual",
                "hour": "hourly", "per hour": "hourly", "week": "weekly", "month": "monthly", "per task": "per-task",
                "piece rate": "per-task",
            ],
        ]
        var translations: [String] = []
        for (field, table) in [("employment", words["employment"] ?? [:]), ("payBasis", words["payBasis"] ?? [:])] {
            guard
                let column = lines.compactMap({ line -> String? in
                    let prefix = "  \(field): "
                    return line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
                }).first, let index = header.firstIndex(where: { Format.jsonString($0) == column })
            else { continue }
            let allowed = allowedValues(field) ?? []
            let distinct = Set(table.isEmpty ? [] : rowValues(index)).filter { !allowed.contains($0.lowercased()) }
                .sorted()
            guard !distinct.isEmpty else { continue }
            // A heading with only comments under it would read as an empty value: comment it out too.
            let guessed = distinct.contains { table[$0.lowercased()] != nil }
            translations.append(guessed ? "  \(field):" : "  # \(field):")
            for value in distinct {
                if let guess = table[value.lowercased()] {
                    translations.append("    \(Format.jsonString(value)): \(guess)")
                } else {
                    translations.append("    # \(Format.jsonString(value)): one of \(allowed.joined(separator: ", "))")
                }
            }
        }
        if !translations.isEmpty {
            lines +=
                [translations.contains { !$0.hasPrefix("  #") && !$0.hasPrefix("    #") } ? "values:" : "# values:"]
                + translations
        }
        let rest = header.filter { !used.contains($0) }
        // A header cell may hold a line break or a control character (quoted CSV allows both);
        // written raw into the comment it would end the comment or make the YAML unreadable.
        func commentName(_ name: String) -> String {
            let quoted = Format.jsonString(name)
            return quoted == "\"\(name)\"" ? name : quoted
        }
        lines.append("# Columns not mapped: \(rest.isEmpty ? "none" : rest.map(commentName).joined(separator: ", "))")
        lines.append("# Pay-equity groups, only if your policy allows: key: column")
        lines.append("# groups:")
        lines.append("#   gender: Gender")
        lines.append("date_format: YYYY-MM-DD")
        return lines.joined(separator: "\n") + "\n"
    }
}
