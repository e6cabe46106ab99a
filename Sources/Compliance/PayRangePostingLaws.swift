public import WorkModel

/// A pay-range posting (or pre-employment pay information) law: where it applies, from when,
/// to which employers, and what the advertisement or the applicant must be given. Figures and
/// citations from ../shared/reference/FACTS.md section 10, each with its source and confidence.
public struct PayRangePostingLaw: Sendable, Hashable {
    public enum Duty: String, Sendable, Hashable {
        /// The advertisement itself must state the range.
        case rangeInPosting = "range-in-posting"
        /// The applicant must be told the initial pay or its range before the interview (in the
        /// advertisement or otherwise): the EU Directive's Art. 5.
        case rangeBeforeInterview = "range-before-interview"
    }

    public var id: String
    public var name: String
    public var citation: String
    /// ISO code the law covers (`US-NY`); `localities` narrows it to places within.
    public var jurisdiction: String
    public var localities: [String]
    public var effective: CalendarDate
    /// Employers with at least this many employees are covered (nil: any employer).
    public var minimumEmployees: Int?
    public var duty: Duty
    public var requires: String
    public var source: String
    public var confidence: String
    /// When the figures were last read against the source.
    public var checked: CalendarDate
}

/// Where the EU Pay Transparency Directive (2023/970) stands in a member state: its
/// transposition deadline was 2026-06-07 (Art. 34). A directive binds the state, not private
/// employers, until it is transposed (no horizontal direct effect: Case 152/84 Marshall, Case
/// C-91/92 Faccini Dori), so Art. 5 is applied only where national law has taken it up.
public struct DirectiveTransposition: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case transposed
        /// The recruitment-stage duty (Art. 5) is in national law; other parts may not be.
        case recruitmentDutyInForce = "recruitment-duty-in-force"
        case notTransposed = "not-transposed"
    }

    public var country: String
    public var status: Status
    public var inForce: CalendarDate?
    public var note: String
    public var source: String
    public var confidence: String
}

public enum PayRangePostingLaws {
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)
    }

    static let checked = date(2026, 12, 5)

    /// New York City and its boroughs, as `worker.location` may give them ("New York" alone could
    /// be the state, so it is not read as the city).
    static let newYorkCity = ["New York City", "NYC", "Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island"]

    public static let laws: [PayRangePostingLaw] = [
        PayRangePostingLaw(
            id: "nyc-local-law-32-2022", name: "New York City pay transparency law",
            citation: "NYC Admin. Code 8-107(32) (Local Law 32 of 2022, amended by Local Law 59 of 2022)",
            jurisdiction: "US-NY", localities: newYorkCity, effective: date(2022, 11, 1), minimumEmployees: 4,
            duty: .rangeInPosting,
            requires:
                "a good-faith minimum and maximum salary or hourly wage in every advertisement for a job, promotion or transfer performed at least in part in New York City",
            source: "FACTS section 10 (mondaq 2022, theemployerreport, booklawllp)", confidence: "medium",
            checked: checked),
        PayRangePostingLaw(
            id: "ny-labor-law-194-b", name: "New York State pay transparency law", citation: "N.Y. Labor Law 194-b",
            jurisdiction: "US-NY", localities: [], effective: date(2023, 9, 17), minimumEmployees: 4,
            duty: .rangeInPosting,
            requires:
                "the compensation range believed in good faith to be accurate, and the job description if one exists, in every advertisement for a job performed in New York or reporting to a supervisor there",
            source: "FACTS section 10 (nixonpeabody, cooley 2023-09-14)", confidence: "medium-high", checked: checked),
        PayRangePostingLaw(
            id: "ca-lab-code-432-3", name: "California pay scale disclosure (SB 1162)",
            citation: "Cal. Lab. Code 432.3(c)(3)",
            jurisdiction: "US-CA", localities: [], effective: date(2023, 1, 1), minimumEmployees: 15,
            duty: .rangeInPosting,
            requires:
                "the pay scale (the salary or hourly wage range the employer reasonably expects to pay) in every job posting, including postings through third parties",
            source: "FACTS section 10 (stokeswagner, tcwglobal)", confidence: "medium", checked: checked),
        PayRangePostingLaw(
            id: "wa-rcw-49-58-110", name: "Washington wage and benefit disclosure",
            citation: "RCW 49.58.110 (SB 5761, amended by SSB 5408 of 2025)",
            jurisdiction: "US-WA", localities: [], effective: date(2023, 1, 1), minimumEmployees: 15,
            duty: .rangeInPosting,
            requires:
                "the wage scale or salary range and a general description of benefits and other compensation in each posting",
            source: "FACTS section 10 (WA House bill report 5408-S; natlawreview 2025-04-23)", confidence: "high",
            checked: checked),
        PayRangePostingLaw(
            id: "co-epewa", name: "Colorado Equal Pay for Equal Work Act",
            citation: "C.R.S. 8-5-201 (amended by SB 23-105)",
            jurisdiction: "US-CO", localities: [], effective: date(2021, 1, 1), minimumEmployees: 1,
            duty: .rangeInPosting,
            requires:
                "the hourly or salary range, a general description of benefits and, from 2024, the application deadline in each posting",
            source: "FACTS section 10 (workforcebulletin, vensure, rewardset)", confidence: "medium", checked: checked),
        PayRangePostingLaw(
            id: "il-820-ilcs-112", name: "Illinois Equal Pay Act pay scale disclosure (HB 3129)",
            citation: "820 ILCS 112/10(b-25)",
            jurisdiction: "US-IL", localities: [], effective: date(2025, 1, 1), minimumEmployees: 15,
            duty: .rangeInPosting,
            requires:
                "the pay scale and benefits (or a hyperlink to them) in each posting for a job performed at least in part in Illinois or reporting to a supervisor there",
            source: "FACTS section 10 (IDOL release via propayhr 2024-12-17; aghllaw)", confidence: "medium-high",
            checked: checked),
    ]

    /// The Directive's Art. 5 in each member state, as far as found (FACTS section 10: the
    /// pointfactors tracker of late June 2026, medium); states not listed there are taken as
    /// not yet transposed, low confidence.
    public static let transpositions: [DirectiveTransposition] = {
        let tracker = "FACTS section 10 (pointfactors.com late June 2026; paritir tracker; hanna-ai)"
        var rows: [DirectiveTransposition] = [
            .init(
                country: "IT", status: .transposed, inForce: date(2026, 6, 7), note: "fully transposed by the deadline",
                source: tracker, confidence: "medium"),
            .init(
                country: "LT", status: .transposed, inForce: date(2026, 6, 7), note: "fully transposed by the deadline",
                source: tracker, confidence: "medium"),
            .init(
                country: "MT", status: .transposed, inForce: date(2026, 6, 7), note: "fully transposed by the deadline",
                source: tracker, confidence: "medium"),
            .init(
                country: "SK", status: .transposed, inForce: date(2026, 6, 7), note: "fully transposed by the deadline",
                source: tracker, confidence: "medium"),
            .init(
                country: "PL", status: .recruitmentDutyInForce, inForce: date(2025, 12, 24),
                note: "the recruitment-stage duties are in the Labour Code from 2025-12-24; the rest is not transposed",
                source: tracker, confidence: "medium"),
            .init(
                country: "BE", status: .notTransposed, inForce: nil,
                note:
                    "only the French Community's public sector (decree of 2024-09-12); private employers not yet covered",
                source: tracker, confidence: "medium"),
            .init(
                country: "CZ", status: .notTransposed, inForce: nil, note: "only the pay-secrecy ban (2025-06-01)",
                source: tracker, confidence: "medium"),
            .init(
                country: "DE", status: .notTransposed, inForce: nil,
                note: "deadline missed; the Entgelttransparenzgesetz (2017) still applies", source: tracker,
                confidence: "medium"),
            .init(
                country: "FR", status: .notTransposed, inForce: nil, note: "deadline missed", source: tracker,
                confidence: "medium"),
            .init(
                country: "ES", status: .notTransposed, inForce: nil, note: "deadline missed", source: tracker,
                confidence: "medium"),
            .init(
                country: "DK", status: .notTransposed, inForce: nil,
                note: "deadline missed; a bill was in consultation", source: tracker, confidence: "medium"),
            .init(
                country: "NL", status: .notTransposed, inForce: nil, note: "targets 2027-01-01", source: tracker,
                confidence: "medium"),
            .init(
                country: "SE", status: .notTransposed, inForce: nil, note: "transposition paused", source: tracker,
                confidence: "medium"),
        ]
        let listed = Set(rows.map(\.country))
        for country in ["AT", "BG", "HR", "CY", "EE", "FI", "GR", "HU", "IE", "LV", "LU", "PT", "RO", "SI"]
        where !listed.contains(country) {
            rows.append(
                .init(
                    country: country, status: .notTransposed, inForce: nil, note: "no transposition found",
                    source: tracker, confidence: "low"))
        }
        return rows
    }()

    /// The Directive's Art. 5 duty, as a law for the states where it is in national law.
    static func article5(_ row: DirectiveTransposition) -> PayRangePostingLaw {
        PayRangePostingLaw(
            id: "eu-2023-970-art-5-\(row.country.lowercased())",
            name: "EU Pay Transparency Directive, Art. 5, as transposed in \(row.country)",
            citation: "Directive (EU) 2023/970, Art. 5(1)-(2), national transposition", jurisdiction: row.country,
            localities: [],
            effective: row.inForce ?? date(2026, 6, 7), minimumEmployees: nil, duty: .rangeBeforeInterview,
            requires:
                "the initial pay or its range, based on objective, gender-neutral criteria, given to applicants before the interview (in the advertisement or otherwise); no question on their pay history",
            source: row.source, confidence: row.confidence, checked: checked)
    }
}
