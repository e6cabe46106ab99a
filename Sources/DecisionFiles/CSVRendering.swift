import Compliance
import WorkModel

/// One row per decision file, for spreadsheets. Quoting follows RFC 4180.
public enum CSVRendering {
    /// The column names, in order; new columns are only ever added at the end.
    public static let header =
        [
            "id", "title", "kind", "file", "layer", "category", "complexity", "consequence", "total_points", "currency",
            "hourly_min", "hourly_mid", "hourly_max", "annual_min", "annual_mid", "annual_max", "offered_hourly",
            "compa_ratio", "range_penetration", "circle", "blocking_findings", "warning_findings", "budget_owner",
            "floor_hourly", "effective_hourly", "gap_to_floor", "shifted_cost_per_worker_month", "classification_risk",
        ] + GradeText.csvHeader + LoadedCostText.csvHeader

    /// One CSV line (without a line break) for `file`, in ``header`` order: the band in the spec's
    /// currency, the offer's position, finding counts, the binding floor and effective pay, the
    /// highest binding classification risk, then the grade and loaded-cost columns.
    public static func row(_ file: DecisionFile) -> String {
        let fields: [String] =
            [
                file.spec.id, file.spec.title, file.spec.kind, file.spec.file, file.layer, file.category?.id ?? "",
                Format.number(file.scores.complexity), Format.number(file.scores.consequence),
                Format.number(file.scores.total),
                file.band.currency,
                Format.fixed(file.band.hourly.min, places: 2), Format.fixed(file.band.hourly.mid, places: 2),
                Format.fixed(file.band.hourly.max, places: 2),
                Format.fixed(file.band.annual.min, places: 0), Format.fixed(file.band.annual.mid, places: 0),
                Format.fixed(file.band.annual.max, places: 0),
                file.offered.map { Format.fixed($0.hourly, places: 2) } ?? "",
                file.offered.map { Format.fixed($0.compaRatio, places: 4) } ?? "",
                file.offered.map { Format.fixed($0.rangePenetration, places: 4) } ?? "",
                file.offered?.circle ?? "",
                String(file.findings.filter { $0.severity == .blocking }.count),
                String(file.findings.filter { $0.severity == .warning }.count),
                file.budgetOwner ?? "",
                file.compliance.wageFloor.map { Format.fixed($0.hourlyInSpecCurrency, places: 2) } ?? "",
                file.compliance.effectivePay.map { Format.fixed($0.effectiveHourly, places: 2) } ?? "",
                file.compliance.effectivePay?.gapToFloor.map { Format.fixed($0, places: 2) } ?? "",
                file.compliance.effectivePay.map { Format.fixed($0.shiftedCostPerWorkerMonth, places: 2) } ?? "",
                // The highest risk under a test that binds; proposals inform but do not count here.
                file.compliance.classification.assessments.filter { $0.standing.binds }.map(\.risk).max()?.rawValue
                    ?? "",
            ] + GradeText.csv(file) + LoadedCostText.csv(file)
        return fields.map(quote).joined(separator: ",")
    }

    /// ``header`` as one CSV line, without a line break.
    public static func headerLine() -> String { header.joined(separator: ",") }

    /// One CSV cell, safe for spreadsheets; every CSV Wagefile writes goes through here.
    public static func quote(_ field: String) -> String {
        // A leading =, +, - or @ would run as a formula in a spreadsheet; prefix it.
        var value = field
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
