import Pricing
import ReferenceData
import WorkModel

extension DecisionFile {
    /// The role's place in the job architecture (reference table `grades`): its grade, the
    /// grade's range here, where the role's midpoint sits in it, and the grade's neighbours.
    public struct GradeSection: Sendable, Codable, Hashable {
        /// The grade's id in the job architecture (`G09`, ...).
        public var id: String
        /// The grade's name.
        public var name: String
        /// The roles typical of the grade, as the grade table describes them.
        public var typical: String?
        /// The grade's range in USD per hour in the US market, before location.
        public var usdHourly: Range
        /// The grade's range localised as the role band is (same location factor and exchange rate).
        public var currency: String
        /// The grade's range per hour in ``currency``.
        public var hourly: Range
        /// The grade's range per year in ``currency``, at the role band's hours a year.
        public var annual: Range
        /// (max - min) / min.
        public var rangeSpread: Double
        /// The role's band midpoint in USD per hour before location: the figure placed.
        public var roleMidUSD: Double
        /// Role midpoint / grade midpoint.
        public var roleMidToGradeMid: Double
        /// (role midpoint - grade min) / (grade max - grade min).
        public var rangePenetration: Double
        /// The grade below, with the progression and overlap between the two; nil at the bottom.
        public var lower: GradeNeighbour?
        /// The grade above, with the progression and overlap between the two; nil at the top.
        public var upper: GradeNeighbour?
        /// How the grade was chosen, in words (``DecisionFile/gradeMethod``).
        public var method: String
    }

    /// A neighbouring grade with the structure's two measures between it and the role's grade.
    public struct GradeNeighbour: Sendable, Codable, Hashable {
        /// The neighbouring grade's id.
        public var id: String
        /// The neighbouring grade's name.
        public var name: String
        /// The neighbouring grade's midpoint in USD per hour in the US market, before location.
        public var midUSD: Double
        /// mid(upper) / mid(lower) - 1, between the two grades.
        public var progression: Double
        /// (max(lower) - min(upper)) / (max(upper) - min(upper)), between the two grades.
        public var overlap: Double
        /// The neighbour's (max - min) / min, so its band can be localised like this grade's
        /// (the path upward's grade step); absent in files computed before it was kept.
        public var rangeSpread: Double?
    }

    /// How every file places the role in a grade: nearest midpoint in log space, before location.
    public static let gradeMethod =
        "Placed in the grade whose midpoint is nearest the role's band midpoint in log space, both in USD/h in the US market before location; the grade's range is then localised like the band."

    /// The grade section and its provenance; nil when no grade structure is loaded.
    static func gradeSection(_ pricing: RolePricing, reference: ReferenceSet) -> (
        section: GradeSection, provenance: [Provenance]
    )? {
        let roleMid = pricing.preLocationMidUSD
        guard let placement = GradePlacement.place(midUSD: roleMid, in: reference.grades) else { return nil }
        let grade = placement.grade
        let usd = PayBand(min: grade.minUSDHourly, mid: grade.midUSDHourly, max: grade.maxUSDHourly)
        let perUSD = pricing.exchangeRate?.perUSD ?? 1
        let local = usd.scaled(by: pricing.location.factor * perUSD)
        let annual = local.scaled(by: pricing.hours.hoursPerYear)
        func range(_ band: PayBand, places: Int = 2) -> Range {
            Range(
                min: Format.round(band.min, places: places), mid: Format.round(band.mid, places: places),
                max: Format.round(band.max, places: places))
        }
        func neighbour(_ other: JobGrade?, below: Bool) -> GradeNeighbour? {
            other.map { other in
                let (lower, upper) = below ? (other, grade) : (grade, other)
                return GradeNeighbour(
                    id: other.id, name: other.name, midUSD: other.midUSDHourly,
                    progression: Format.round(GradeStructure.progression(from: lower, to: upper), places: 4),
                    overlap: Format.round(GradeStructure.overlap(lower: lower, upper: upper), places: 4),
                    rangeSpread: other.rangeSpread)
            }
        }
        let currency = pricing.spec.currency
        let section = GradeSection(
            id: grade.id, name: grade.name, typical: grade.typical, usdHourly: range(usd), currency: currency,
            hourly: range(local),
            annual: range(annual, places: 0), rangeSpread: grade.rangeSpread,
            roleMidUSD: Format.round(roleMid, places: 2),
            roleMidToGradeMid: Format.round(placement.midToGradeMid, places: 4),
            rangePenetration: Format.round(placement.rangePenetration, places: 4),
            lower: neighbour(placement.lower, below: true), upper: neighbour(placement.upper, below: false),
            method: gradeMethod)

        let practice = reference.source("pay-structure-practice")?.ref ?? grade.ref
        var trail = [
            Provenance(
                figure: "grade.usdHourly.mid", value: grade.midUSDHourly, unit: "USD/h", ref: grade.ref,
                derivation:
                    "grade \(grade.id) (\(grade.name)) of the job architecture, nearest in log space to the role's \(Format.number(roleMid, maxPlaces: 2)) USD/h = band mid \(Format.number(pricing.bandUSDHourly.mid, maxPlaces: 2)) USD/h / location factor \(Format.number(pricing.location.factor))"
            ),
            Provenance(
                figure: "grade.rangeSpread", value: grade.rangeSpread, ref: grade.ref,
                derivation:
                    "min = mid / (1 + spread / 2) = \(Format.number(usd.min, maxPlaces: 2)); max = min x (1 + spread) = \(Format.number(usd.max, maxPlaces: 2)) USD/h"
            ),
            Provenance(
                figure: "grade.hourly.mid", value: section.hourly.mid, unit: "\(currency)/h", source: "computed",
                derivation:
                    "grade mid \(Format.number(grade.midUSDHourly)) USD/h x location \(Format.number(pricing.location.factor)) x \(Format.number(perUSD)) \(currency)/USD, as the band"
            ),
            Provenance(
                figure: "grade.roleMidToGradeMid", value: section.roleMidToGradeMid, ref: practice,
                derivation:
                    "role mid \(Format.number(roleMid, maxPlaces: 2)) / grade mid \(Format.number(grade.midUSDHourly)) USD/h; range penetration (role mid - min) / (max - min) = \(Format.number(section.rangePenetration))"
            ),
        ]
        for (name, next) in [("lower", section.lower), ("upper", section.upper)] {
            guard let next else { continue }
            trail.append(
                Provenance(
                    figure: "grade.\(name).progression", value: next.progression, ref: practice,
                    derivation:
                        "mid(upper) / mid(lower) - 1 between \(grade.id) and \(next.id); overlap (max lower - min upper) / (max upper - min upper) = \(Format.number(next.overlap))"
                ))
        }
        return (section, trail)
    }
}

/// The grade section in each rendering.
enum GradeText {
    static func rows(_ section: DecisionFile.GradeSection) -> [(String, String)] {
        let c = section.currency
        var rows = [
            ("Grade", "\(section.id) \(section.name)" + (section.typical.map { " (typical: \($0))" } ?? "")),
            (
                "Grade range, US market (USD/h)",
                "\(Format.money(section.usdHourly.min)) / \(Format.money(section.usdHourly.mid)) / \(Format.money(section.usdHourly.max)); spread \(Format.percent(section.rangeSpread, places: 0)) of the minimum"
            ),
            (
                "Grade range here (\(c))",
                "\(Format.money(section.hourly.min)) / \(Format.money(section.hourly.mid)) / \(Format.money(section.hourly.max)) an hour; \(Format.money(section.annual.min, places: 0)) / \(Format.money(section.annual.mid, places: 0)) / \(Format.money(section.annual.max, places: 0)) a year"
            ),
            (
                "Role in the grade",
                "midpoint \(Format.money(section.roleMidUSD)) USD/h before location = \(Format.number(section.roleMidToGradeMid, maxPlaces: 3)) of the grade midpoint; \(Format.percent(section.rangePenetration)) into its range"
            ),
        ]
        if let lower = section.lower {
            rows.append(
                (
                    "Grade below",
                    "\(lower.id) \(lower.name), midpoint \(Format.money(lower.midUSD)) USD/h; progression \(Format.percent(lower.progression)), overlap \(Format.percent(lower.overlap))"
                ))
        }
        if let upper = section.upper {
            rows.append(
                (
                    "Grade above",
                    "\(upper.id) \(upper.name), midpoint \(Format.money(upper.midUSD)) USD/h; progression \(Format.percent(upper.progression)), overlap \(Format.percent(upper.overlap))"
                ))
        }
        return rows
    }

    static func markdown(_ file: DecisionFile) -> String {
        guard let section = file.grade else { return "" }
        var out = "\n## Job grade\n\n| | |\n|---|---|\n"
        for (label, value) in rows(section) { out += "| \(label) | \(MarkdownRendering.cell(value)) |\n" }
        return out + "\n\(section.method)\n"
    }

    static func html(_ file: DecisionFile) -> String {
        guard let section = file.grade else { return "" }
        var body = "<section><h2>Job grade</h2><dl class=\"summary\">"
        for (label, value) in rows(section) {
            body += HTMLRendering.item(HTMLRendering.e(label), HTMLRendering.e(value))
        }
        return body + "</dl><p>\(HTMLRendering.e(section.method))</p></section>"
    }

    static let csvHeader = ["grade", "grade_min", "grade_mid", "grade_max", "grade_position"]

    static func csv(_ file: DecisionFile) -> [String] {
        guard let section = file.grade else { return Array(repeating: "", count: csvHeader.count) }
        return [
            section.id, Format.fixed(section.hourly.min, places: 2), Format.fixed(section.hourly.mid, places: 2),
            Format.fixed(section.hourly.max, places: 2), Format.fixed(section.roleMidToGradeMid, places: 4),
        ]
    }
}
