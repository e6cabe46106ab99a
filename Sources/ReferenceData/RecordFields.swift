import Specs
import WorkModel

/// One record's fields, read as its table's descriptor declares them: a field's requiredness,
/// range and shape come from the descriptor, so a table states them once. Reading reports
/// problems to the reader and returns nil (or empty) for a value that is missing or wrong.
struct RecordFields {
    let view: MappingView
    private let declared: [String: ReferenceField]
    var reader: FieldReader

    init(view: MappingView, fields: [ReferenceField], reader: FieldReader) {
        self.view = view
        self.declared = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.reader = reader
    }

    /// The declared field; a name the table does not declare is a programming error, caught by tests.
    private func field(_ name: String) -> ReferenceField {
        guard let field = declared[name] else {
            assertionFailure("reference field '\(name)' is not declared by its table")
            return ReferenceField(name: name, kind: .text, required: false)
        }
        return field
    }

    mutating func text(_ name: String) -> String? {
        reader.string(view, name, required: field(name).required)
    }

    mutating func texts(_ name: String) -> [String] { reader.strings(view, name) }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ name: String, as type: E.Type) -> E?
    where E.RawValue == String {
        reader.enumeration(view, name, as: type, required: field(name).required)
    }

    mutating func number(_ name: String) -> Double? {
        let field = field(name)
        guard case .number(let range, let above) = field.kind else {
            assertionFailure("reference field '\(name)' is not a number")
            return nil
        }
        return reader.number(view, name, required: field.required, range: range, exclusiveMinimum: above)
    }

    mutating func wholeNumber(_ name: String) -> Int? {
        guard case .wholeNumber(let minimum) = field(name).kind else {
            assertionFailure("reference field '\(name)' is not a whole number")
            return nil
        }
        return reader.integer(view, name, minimum: minimum)
    }

    func has(_ name: String) -> Bool { view.has(name) }

    /// A problem with one field, reported where the field stands.
    mutating func report(_ name: String, _ message: String) {
        reader.report(view.location(of: name), view.path(name), message)
    }

    /// A problem with a field that may be absent, reported at the record.
    mutating func reportOnRecord(_ name: String, _ message: String) {
        reader.report(view.location, view.path(name), message)
    }

    // MARK: Shared groups of fields

    mutating func ref() -> SourceRef? { ReferenceParser.readRef(view, reader: &reader) }

    mutating func hours() -> StatutoryHours {
        StatutoryHours(
            hoursPerDay: number("hours_per_day"), daysPerMonth: number("days_per_month"),
            hoursPerWeek: number("hours_per_week"), hoursPerMonth: number("hours_per_month"))
    }

    mutating func checkJurisdiction(_ code: String, field name: String) {
        ReferenceParser.checkJurisdiction(code, view, name, reader: &reader)
    }

    mutating func checkCurrency(_ code: String) { ReferenceParser.checkCurrency(code, view, reader: &reader) }

    /// An optional date field.
    mutating func date(_ name: String) -> CalendarDate? {
        guard let text = text(name) else { return nil }
        guard let date = CalendarDate(text) else {
            report(name, "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(text)'")
            return nil
        }
        return date
    }

    /// A tier is named by three fields together: the worker field, the tier's name, its rank.
    mutating func tier() -> FloorTier? {
        let by = choice("tier_by", as: TierField.self)
        let name = text("tier")
        let rank = wholeNumber("tier_rank")
        let stated = ["tier_by", "tier", "tier_rank"].filter(view.has)
        guard let by, let name, let rank else {
            if !stated.isEmpty, stated.count < 3 {
                reportOnRecord(
                    "tier",
                    "a tiered floor needs tier_by (skill_level or occupation), tier and tier_rank together; found only \(stated.joined(separator: ", "))"
                )
            }
            return nil
        }
        if FloorTier.normalised(name) != name {
            report(
                "tier",
                "expected a tier name in lower case with hyphens, such as '\(FloorTier.normalised(name))', found '\(name)'"
            )
        }
        return FloorTier(by: by, name: name, rank: rank)
    }

    mutating func cycle() -> AdjustmentCycle? {
        let kind = choice("cycle", as: AdjustmentCycle.Kind.self)
        var months: [Int] = []
        for item in reader.stringItems(view, "revision_months") {
            if let month = Int(item.value), (1...12).contains(month) {
                months.append(month)
            } else {
                reader.report(item.location, item.path, "expected a month number from 1 to 12, found '\(item.value)'")
            }
        }
        if kind == nil, view.has("revision_months") {
            report("revision_months", "revision_months needs a cycle (annual or semi-annual)")
        }
        return kind.map { AdjustmentCycle(kind: $0, months: months.sorted()) }
    }

    /// `weekly_hours_from: {2026-01-01: 48, 2027-01-01: 46}`: the maximum week by the date it starts.
    mutating func datedHours(_ name: String) -> [DatedHours] {
        guard let node = view.value(name), let map = reader.mapping(node, path: view.path(name)) else { return [] }
        var schedule: [DatedHours] = []
        for entry in map.entries {
            guard let date = CalendarDate(entry.key) else {
                reader.report(
                    entry.keyLocation, map.path(entry.key),
                    "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(entry.key)'")
                continue
            }
            if let hours = reader.number(map, entry.key, required: true, range: 0...168, exclusiveMinimum: 0) {
                schedule.append(DatedHours(from: date, hours: hours))
            }
        }
        return schedule.sorted { $0.from < $1.from }
    }

    mutating func factorLevels(_ name: String) -> [String: String] {
        guard let node = view.value(name) else {
            reportOnRecord(name, "required field is missing (factor id to level)")
            return [:]
        }
        guard let map = reader.mapping(node, path: view.path(name)) else { return [:] }
        var result: [String: String] = [:]
        for entry in map.entries {
            if let level = reader.string(entry.value, path: map.path(entry.key), required: true) {
                result[entry.key] = level
            }
        }
        return result
    }

    mutating func levels(_ name: String) -> [FactorLevel] {
        guard let node = view.value(name) else {
            reportOnRecord(name, "required field is missing (levels lowest first)")
            return []
        }
        guard let items = reader.list(node, path: view.path(name)) else { return [] }
        var levels: [FactorLevel] = []
        for (index, item) in items.enumerated() {
            let path = "\(view.path(name))[\(index)]"
            guard let level = reader.mapping(item, path: path, allowed: ["id", "points", "description"]),
                let id = reader.string(level, "id", required: true),
                let points = reader.number(level, "points", required: true, range: 0...100_000),
                let description = reader.string(level, "description", required: true)
            else { continue }
            if let previous = levels.last, points < previous.points {
                reader.report(
                    level.location(of: "points"), level.path("points"),
                    "levels go lowest first: \(Format.number(points)) points is below '\(previous.id)' (\(Format.number(previous.points)))"
                )
            }
            if levels.contains(where: { $0.id == id }) {
                reader.report(level.location(of: "id"), level.path("id"), "level '\(id)' is listed twice")
            }
            levels.append(FactorLevel(id: id, points: points, description: description))
        }
        if levels.isEmpty { reader.report(node.location, view.path(name), "list at least one level") }
        return levels
    }
}
