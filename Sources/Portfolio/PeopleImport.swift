public import WorkModel

/// What a people file holds before anything is written: the rows that read cleanly, an error
/// for each that does not (file, line, column, field, what was expected), and how the columns
/// were used. The commit takes all rows or none.
public struct PeopleImport: Sendable {
    /// The file read, as diagnostics name it.
    public var file: String
    /// The rows that read cleanly.
    public var rows: [ImportedPerson]
    /// A diagnostic per bad cell or row, with line and column.
    public var errors: [Diagnostic]
    /// Field to the column(s) read for it.
    public var mapped: [String: [String]]
    /// Header columns the mapping does not read.
    public var unmapped: [String]
    /// Records in the file (good and bad).
    public var rowCount: Int

    /// Reads every row; never throws for a bad row, only for a file that is not a table or a
    /// mapping naming columns the header lacks.
    public static func read(_ text: String, file: String, mapping: PeopleMapping) throws(InputError) -> PeopleImport {
        let table = try HRISTable.parse(text, file: file)
        let position = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var missing: [Diagnostic] = []
        for (field, names) in mapping.columns.sorted(by: { $0.key < $1.key }) {
            for name in names where position[name] == nil {
                let hint = closest(name, in: table.header).map { "; did you mean '\($0)'?" } ?? ""
                missing.append(
                    Diagnostic(
                        file: file, location: .start, field: "columns.\(field)",
                        message:
                            "the mapping reads column '\(name)', which the header lacks\(hint) (header: \(table.header.joined(separator: ", ")))"
                    ))
            }
        }
        for group in mapping.groups where position[group.column] == nil {
            missing.append(
                Diagnostic(
                    file: file, location: .start, field: "groups.\(group.key)",
                    message: "the mapping reads column '\(group.column)', which the header lacks"))
        }
        if !missing.isEmpty { throw InputError(missing) }

        var rows: [ImportedPerson] = []
        var errors: [Diagnostic] = []
        var seenExternal: [String: Int] = [:]
        for row in table.rows {
            var reader = RowReader(file: file, row: row, header: table.header, position: position, mapping: mapping)
            if row.cells.count != table.header.count {
                reader.report(
                    column: nil, field: "row", "has \(row.cells.count) cells; the header has \(table.header.count)")
                errors.append(contentsOf: reader.problems)
                continue
            }
            let person = reader.person()
            if let id = person?.person.externalId {
                if let first = seenExternal[id] {
                    reader.report(
                        column: mapping.columns["externalId"]?.first, field: "externalId",
                        "'\(id)' is also on line \(first); each person once")
                } else {
                    seenExternal[id] = row.line
                }
            }
            if reader.problems.isEmpty, let person {
                rows.append(person)
            } else {
                errors.append(contentsOf: reader.problems)
            }
        }
        let used = Set(mapping.columns.values.flatMap { $0 } + mapping.groups.map(\.column))
        return PeopleImport(
            file: file, rows: rows, errors: errors, mapped: mapping.columns,
            unmapped: table.header.filter { !used.contains($0) }, rowCount: table.rows.count)
    }

    static func closest(_ text: String, in options: [String]) -> String? {
        let lower = text.lowercased()
        return options.first { $0.lowercased() == lower }
            ?? options.first { $0.lowercased().contains(lower) || lower.contains($0.lowercased()) }
    }
}

/// Reads one row's fields through the mapping, collecting a diagnostic per bad cell.
struct RowReader {
    let file: String
    let row: HRISTable.Row
    let header: [String]
    let position: [String: Int]
    let mapping: PeopleMapping
    var problems: [Diagnostic] = []
    /// Fields already reported as bad, so no second "is empty" follows.
    var refused: Set<String> = []

    init(file: String, row: HRISTable.Row, header: [String], position: [String: Int], mapping: PeopleMapping) {
        self.file = file
        self.row = row
        self.header = header
        self.position = position
        self.mapping = mapping
    }

    mutating func report(column: String?, field: String, _ message: String) {
        let index = column.flatMap { position[$0] } ?? 0
        let label = column.map { "\(field) (column '\($0)')" } ?? field
        problems.append(
            Diagnostic(
                file: file, location: SourceLocation(line: row.line, column: index + 1), field: label, message: message)
        )
    }

    func cell(_ column: String) -> String? {
        guard let index = position[column], index < row.cells.count else { return nil }
        let text = row.cells[index].trimmedSpaces
        return text.isEmpty ? nil : text
    }

    /// The field's text: its column, translated through `values`, else the default.
    mutating func text(_ field: String) -> String? {
        guard let column = mapping.columns[field]?.first, let raw = cell(column) else { return mapping.defaults[field] }
        if let table = mapping.values[field], let translated = table[raw.lowercased()] { return translated }
        if let allowed = PeopleMapping.allowedValues(field) {
            if let exact = allowed.first(where: { $0 == raw.lowercased() }) { return exact }
            let known =
                mapping.values[field].map {
                    " or a value under values.\(field) (\($0.keys.sorted().joined(separator: ", ")))"
                } ?? ""
            report(column: column, field: field, "'\(raw)' is not one of \(allowed.joined(separator: ", "))\(known)")
            refused.insert(field)
            return nil
        }
        return raw
    }

    // Long because: reads one HRIS row field by field in the row's order, each check naming its own column.
    mutating func person() -> ImportedPerson? {
        let nameColumns = mapping.columns["name"] ?? []
        let name = nameColumns.compactMap(cell).joined(separator: " ")
        if name.isEmpty { report(column: nameColumns.first, field: "name", "is empty; every person needs a name") }
        let externalId = text("externalId")
        if externalId == nil {
            report(
                column: mapping.columns["externalId"]?.first, field: "externalId",
                mapping.columns["externalId"] == nil
                    ? "no column is mapped; map the HRIS id so a re-import updates people instead of adding them again"
                    : "is empty; every person needs their HRIS id")
        }
        let employment = text("employment")
        if employment == nil && !refused.contains("employment") {
            report(
                column: mapping.columns["employment"]?.first, field: "employment",
                "is empty and no default is set; expected \(Person.employmentKinds.joined(separator: ", "))")
        }
        let currency = text("currency")?.uppercased()
        if let currency, currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isLetter }) {
            report(
                column: mapping.columns["currency"]?.first, field: "currency",
                "'\(currency)' is not an ISO 4217 code like USD")
        }
        var payMinor: Int64?
        let payColumn = mapping.columns["pay"]?.first
        if let payColumn, let raw = cell(payColumn) {
            if let amount = Self.amount(raw, decimalComma: mapping.decimalComma), amount >= 0 {
                if let currency, let money = Money(amount: amount, currency: currency) {
                    payMinor = money.minorUnits
                } else if currency == nil {
                    report(
                        column: payColumn, field: "pay",
                        "has no currency: map a currency column or set defaults.currency")
                }
            } else {
                report(
                    column: payColumn, field: "pay",
                    "'\(raw)' is not an amount (expected digits such as 85000 or 85,000.00)")
            }
        }
        var variablePayMinor: Int64?
        if let column = mapping.columns["variablePay"]?.first, let raw = cell(column) {
            if let amount = Self.amount(raw, decimalComma: mapping.decimalComma), amount >= 0 {
                if let currency, let money = Money(amount: amount, currency: currency) {
                    variablePayMinor = money.minorUnits
                } else if currency == nil {
                    report(
                        column: column, field: "variablePay",
                        "has no currency: map a currency column or set defaults.currency")
                }
            } else {
                report(
                    column: column, field: "variablePay",
                    "'\(raw)' is not an amount for the year (expected digits such as 5000 or 5,000.00)")
            }
        }
        let payBasis = text("payBasis")
        if payMinor != nil && payBasis == nil && !refused.contains("payBasis") {
            report(
                column: mapping.columns["payBasis"]?.first, field: "payBasis",
                "is empty; pay needs a basis (\(Person.payBases.joined(separator: ", "))) or defaults.payBasis")
        }
        var hireDate: String?
        if let column = mapping.columns["hireDate"]?.first, let raw = cell(column) {
            if let date = Self.date(raw, format: mapping.dateFormat) {
                hireDate = date.description
            } else {
                report(column: column, field: "hireDate", "'\(raw)' is not a date in \(mapping.dateFormat.rawValue)")
            }
        }
        var hours: Double?
        if let raw = text("hoursPerWeek") {
            if let value = Self.amount(raw, decimalComma: mapping.decimalComma), value > 0, value <= 100 {
                hours = value
            } else {
                report(
                    column: mapping.columns["hoursPerWeek"]?.first, field: "hoursPerWeek",
                    "'\(raw)' is not weekly hours above 0 and at most 100")
            }
        }
        var labels: [String] = []
        for group in mapping.groups {
            guard let value = cell(group.column) else { continue }
            if value.contains(";") || value.contains("=") {
                report(column: group.column, field: "groups.\(group.key)", "'\(value)' may not contain ';' or '='")
            } else {
                labels.append("\(group.key)=\(value)")
            }
        }
        guard problems.isEmpty, let employment else { return nil }
        let person = Person(
            id: "", externalId: externalId, name: name, employment: employment, title: text("title"),
            payMinor: payMinor,
            currency: currency, payBasis: payBasis, band: text("band"), legacyBand: text("legacyBand"),
            workLayer: text("workLayer"),
            location: text("location"), hireDate: hireDate, managerId: nil, specId: text("specId"),
            budgetOwner: text("budgetOwner"),
            hoursPerWeek: hours, reviewerId: text("reviewerId"),
            equityGroups: labels.isEmpty ? nil : labels.joined(separator: "; "),
            variablePayMinor: variablePayMinor)
        return ImportedPerson(line: row.line, person: person, managerExternalId: text("managerId"))
    }

    /// `85,000.00`, `$85000`, `85 000`, `EUR 4.200,50` (with `decimalComma`).
    static func amount(_ raw: String, decimalComma: Bool) -> Double? {
        var digits = ""
        for character in raw {
            switch character {
            case "0"..."9": digits.append(character)
            case ".": digits.append(decimalComma ? Character("\u{0}") : ".")
            case ",": digits.append(decimalComma ? "." : Character("\u{0}"))
            case " ", "\u{00A0}", "'", "$", "€", "£", "¥", "₹", "₦", "₱": continue
            default:
                if character.isLetter { continue }
                return nil
            }
        }
        let cleaned = digits.filter { $0 != "\u{0}" }
        guard !cleaned.isEmpty, cleaned.filter({ $0 == "." }).count <= 1 else { return nil }
        return Double(cleaned)
    }

    static func date(_ raw: String, format: PeopleMapping.DateFormat) -> CalendarDate? {
        let separators: Set<Character> = ["/", ".", "-"]
        let parts = raw.split(whereSeparator: { separators.contains($0) }).map(String.init)
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        let (year, month, day): (Int, Int, Int) =
            switch format {
            case .iso: (a, b, c)
            case .us: (c, a, b)
            case .european, .dotted: (c, b, a)
            }
        guard (1900...2200).contains(year), (1...12).contains(month) else { return nil }
        let lengths = [
            31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
            31,
        ]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}
