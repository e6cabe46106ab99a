import ReferenceData
public import WorkModel

/// Which pay-range posting laws reach a role on a date, and whether its employer is covered.
public struct PostingLawReading: Sendable, Hashable {
    public var law: PayRangePostingLaw
    /// `yes`, `no` (under the size threshold) or `unknown` (the spec does not give the employer's headcount).
    public var covered: String
}

public enum PayTransparencyRules {
    /// The laws are written for advertisements of jobs, that is of employment; a contractor,
    /// consultant or platform engagement is outside them unless it is really employment (the
    /// worker-status tests say whether it may be).
    public static let employeePositions: Set<WorkerStatus> = [.employee, .fellow]

    /// The laws in force on `asOf` where the work is done. A law with localities applies when
    /// `worker.location` names one of them.
    public static func applicable(_ spec: RoleSpec, asOf: CalendarDate) -> [PostingLawReading] {
        let jurisdiction = spec.worker.jurisdiction
        let country = String(jurisdiction.prefix { $0 != "-" })
        let place = spec.worker.location.map(PlaceNames.words)
        var laws = PayRangePostingLaws.laws.filter { law in
            law.jurisdiction == jurisdiction && law.effective <= asOf
                && (law.localities.isEmpty
                    || place.map { place in law.localities.contains { PlaceNames.names(place, $0) } } == true)
        }
        if let row = transposition(country), row.status != .notTransposed, (row.inForce ?? asOf) <= asOf {
            laws.append(PayRangePostingLaws.article5(row))
        }
        let employees = spec.posting?.employerEmployees
        let position = employeePositions.contains(spec.worker.status)
        return laws.map { law in
            let covered: String
            if !position {
                covered = "no"
            } else if let minimum = law.minimumEmployees, minimum > 1 {
                covered = employees.map { $0 >= minimum ? "yes" : "no" } ?? "unknown"
            } else {
                covered = "yes"
            }
            return PostingLawReading(law: law, covered: covered)
        }
    }

    /// The member state's transposition row, when the work is in the EU.
    public static func transposition(_ country: String) -> DirectiveTransposition? {
        PayRangePostingLaws.transpositions.first { $0.country == country }
    }
}
