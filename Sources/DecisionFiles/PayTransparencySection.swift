import Compliance
import Pricing
import ReferenceData
import WorkModel

extension DecisionFile {
    /// What the pay-range posting laws ask of this role's advertisement: the laws in force where
    /// the work is done, whether the employer is covered, the range to post (the band), and the
    /// range the spec says the advertisement carries.
    public struct PayTransparencySection: Sendable, Codable, Hashable {
        /// The posting laws in force where the work is done on the evaluation date.
        public var laws: [PostingLaw]
        /// `yes`, `no`, `if the employer has N or more employees`, or `before the interview`.
        public var rangeRequired: String
        /// The band on the basis the role is offered on: what a good-faith range would state.
        public var rangeToPost: PostedRange
        /// Whether the spec says the role is advertised (`posting.advertised`); nil when it does not say.
        public var advertised: Bool?
        /// The range the spec says the advertisement carries; nil when none is given.
        public var postedRange: PostedRange?
        /// Caveats about coverage and transposition, in words.
        public var notes: [String]
    }

    /// A pay-range posting law (docs/LAW.md) that reaches the role's jurisdiction.
    public struct PostingLaw: Sendable, Codable, Hashable {
        /// The law's id in the posting-law table.
        public var id: String
        /// The law's short name.
        public var name: String
        /// Its legal citation.
        public var citation: String
        /// The date it took effect.
        public var effective: String
        /// Which employers it covers, in words (for example, a headcount threshold).
        public var employers: String
        /// `yes`, `no` or `unknown` (the spec does not give the employer's headcount).
        public var covered: String
        /// What it makes the employer do (post a range, disclose on request, ...).
        public var duty: String
        /// What the posted range must be (for example, a good-faith range).
        public var requires: String
        /// The primary source of the rule.
        public var source: String
        /// How sure the reference is of the reading.
        public var confidence: String
        /// When the rule was last checked against its source.
        public var checked: String
    }

    /// A pay range as an advertisement states it.
    public struct PostedRange: Sendable, Codable, Hashable {
        /// The bottom of the range, in ``currency`` per ``basis``.
        public var min: Double
        /// The top of the range, in ``currency`` per ``basis``.
        public var max: Double
        /// The range's currency.
        public var currency: String
        /// The period of the range (`hourly`, `annual`, ...).
        public var basis: String
    }

    /// Adds the pay-transparency section and its findings; findings stay most severe first.
    mutating func addPayTransparency(_ pricing: RolePricing, asOf: CalendarDate) {
        let (section, raised) = Self.payTransparency(pricing, asOf: asOf)
        payTransparency = section
        guard !raised.isEmpty else { return }
        findings = (findings + raised).enumerated().sorted {
            ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset)
        }.map(\.element)
    }

    static func payTransparency(_ pricing: RolePricing, asOf: CalendarDate) -> (PayTransparencySection?, [Finding]) {
        let spec = pricing.spec
        guard spec.kind == .role else { return (nil, []) }
        let readings = PayTransparencyRules.applicable(spec, asOf: asOf)
        let country = String(spec.worker.jurisdiction.prefix { $0 != "-" })
        let transposition = PayTransparencyRules.transposition(country)
        let posting = spec.posting
        let toPost = rangeToPost(pricing)
        let posted = posting?.range.map {
            PostedRange(min: $0.min, max: $0.max, currency: spec.currency, basis: $0.basis.rawValue)
        }
        var notes: [String] = []
        if let transposition, transposition.status == .notTransposed {
            notes.append(
                "The EU Pay Transparency Directive (2023/970) was due in national law by 2026-06-07 (Art. 34); in \(country) it is not yet (\(transposition.note); \(transposition.confidence) confidence). Until it is, Art. 5 does not bind a private employer (no horizontal direct effect); giving applicants the range to post before the interview prepares for it."
            )
        }
        guard !readings.isEmpty || transposition != nil else { return (nil, []) }
        if !readings.isEmpty && !PayTransparencyRules.employeePositions.contains(spec.worker.status) {
            notes.append(
                "These laws cover advertisements for employment; this is a \(spec.worker.status.rawValue) engagement, so none requires a range. If the worker-status tests find the work is employment, advertise it with the range to post."
            )
        }

        let inPosting = readings.filter { $0.law.duty == .rangeInPosting }
        let required: String
        if inPosting.contains(where: { $0.covered == "yes" }) {
            required = "yes"
        } else if let smallest = inPosting.filter({ $0.covered == "unknown" }).compactMap(\.law.minimumEmployees).min()
        {
            required = "if the employer has \(smallest) or more employees"
        } else if readings.contains(where: { $0.law.duty == .rangeBeforeInterview }) {
            required = "before the interview"
        } else {
            required = "no"
        }
        let section = PayTransparencySection(
            laws: readings.map { reading in
                let law = reading.law
                return PostingLaw(
                    id: law.id, name: law.name, citation: law.citation, effective: law.effective.description,
                    employers: law.minimumEmployees.map { $0 > 1 ? "\($0) or more employees" : "any employer" }
                        ?? "any employer",
                    covered: reading.covered, duty: law.duty.rawValue, requires: law.requires, source: law.source,
                    confidence: law.confidence, checked: law.checked.description)
            },
            rangeRequired: required, rangeToPost: toPost, advertised: posting?.advertised, postedRange: posted,
            notes: notes)
        return (section, findings(section, readings: readings, pricing: pricing))
    }

    /// The band on the offer's basis (hourly for per-task offers and roles without one).
    static func rangeToPost(_ pricing: RolePricing) -> PostedRange {
        let currency = pricing.spec.currency
        let band = pricing.bandHourly
        switch pricing.spec.offered?.basis {
        case .annual?:
            return PostedRange(
                min: Format.round(pricing.bandAnnual.min, places: 0),
                max: Format.round(pricing.bandAnnual.max, places: 0), currency: currency, basis: "annual")
        case .month?:
            return PostedRange(
                min: Format.round(band.min * pricing.hours.hoursPerMonth, places: 0),
                max: Format.round(band.max * pricing.hours.hoursPerMonth, places: 0), currency: currency, basis: "month"
            )
        case .day?:
            return PostedRange(
                min: Format.round(band.min * pricing.hours.hoursPerDay, places: 2),
                max: Format.round(band.max * pricing.hours.hoursPerDay, places: 2), currency: currency, basis: "day")
        default:
            return PostedRange(
                min: Format.round(band.min, places: 2), max: Format.round(band.max, places: 2), currency: currency,
                basis: "hourly")
        }
    }

    /// A posted range as people write it: whole amounts a month or a year, cents an hour or a day.
    static func describe(_ range: PostedRange) -> String {
        let places = ["annual", "month"].contains(range.basis) ? 0 : 2
        return
            "\(Format.money(range.min, places: places)) to \(Format.money(range.max, places: places)) \(range.currency) (\(range.basis))"
    }

    static func findings(_ section: PayTransparencySection, readings: [PostingLawReading], pricing: RolePricing)
        -> [Finding]
    {
        let post = describe(section.rangeToPost)
        var found: [Finding] = []
        let inPosting = readings.filter { $0.law.duty == .rangeInPosting && $0.covered != "no" }
        if section.advertised == true && section.postedRange == nil {
            if let law = inPosting.first(where: { $0.covered == "yes" }) ?? inPosting.first {
                let sure = law.covered == "yes"
                found.append(
                    Finding(
                        severity: sure ? .blocking : .warning, rule: "pay-range-missing",
                        message:
                            "The role is advertised without a pay range; \(law.law.citation) requires \(law.law.requires)\(sure ? "" : " from employers with \(law.law.minimumEmployees ?? 1) or more employees (posting.employer_employees is not stated)").",
                        evidence: [
                            "posting.advertised: true", "posting.range: not stated",
                            "\(law.law.id): in force from \(law.law.effective); \(law.law.source), \(law.law.confidence) confidence",
                        ],
                        fix: "State the range in the advertisement: \(post), the band for this role."))
            } else if let article5 = readings.first(where: { $0.law.duty == .rangeBeforeInterview }) {
                found.append(
                    Finding(
                        severity: .warning, rule: "pay-range-missing",
                        message:
                            "The role is advertised without a pay range; \(article5.law.citation) gives applicants the right to \(article5.law.requires).",
                        evidence: [
                            "posting.advertised: true", "posting.range: not stated",
                            "\(article5.law.id): \(article5.law.source), \(article5.law.confidence) confidence",
                        ],
                        fix: "Give applicants \(post) before the interview, or state it in the advertisement."))
            }
        }
        if let posted = section.postedRange, let basis = PayBasis(rawValue: posted.basis) {
            let hours = pricing.hours
            let low = PayQuote(amount: posted.min, currency: posted.currency, basis: basis).hourly(hours: hours)
            let high = PayQuote(amount: posted.max, currency: posted.currency, basis: basis).hourly(hours: hours)
            let band = pricing.bandHourly
            if let low, let high, high < band.min || low > band.max {
                found.append(
                    Finding(
                        severity: .warning, rule: "pay-range-outside-band",
                        message:
                            "The posted range (\(Format.money(low)) to \(Format.money(high)) \(posted.currency)/h) does not meet the band (\(Format.money(band.min)) to \(Format.money(band.max))): the laws ask for a range the employer expects in good faith to pay.",
                        evidence: [
                            "posting.range: \(describe(posted))",
                            "band: \(Format.money(band.min)) / \(Format.money(band.max)) \(posted.currency)/h",
                        ],
                        fix: "Post \(post), or price the role again if the band is not what you will pay."))
            }
        }
        return found
    }
}

/// The pay-transparency section in each rendering.
enum PayTransparencyText {
    static func rows(_ section: DecisionFile.PayTransparencySection) -> [(String, String)] {
        var rows: [(String, String)] = [
            ("Range required", section.rangeRequired),
            ("Range to post", DecisionFile.describe(section.rangeToPost) + ", the band"),
            ("Advertised", Format.yesNo(section.advertised)),
            ("Posted range", section.postedRange.map(DecisionFile.describe) ?? "none stated"),
        ]
        for law in section.laws {
            rows.append(
                (
                    law.name,
                    "\(law.citation), in force from \(law.effective); \(law.employers) (covered: \(law.covered)); requires \(law.requires). Source: \(law.source), \(law.confidence) confidence, checked \(law.checked)"
                ))
        }
        return rows
    }

    static func markdown(_ file: DecisionFile) -> String {
        guard let section = file.payTransparency else { return "" }
        var out = "\n## Pay transparency\n\n| | |\n|---|---|\n"
        for (label, value) in rows(section) { out += "| \(label) | \(MarkdownRendering.cell(value)) |\n" }
        for note in section.notes { out += "\n\(note)\n" }
        return out
    }

    static func html(_ file: DecisionFile) -> String {
        guard let section = file.payTransparency else { return "" }
        var body = "<section><h2>Pay transparency</h2><dl class=\"summary\">"
        for (label, value) in rows(section) {
            body += HTMLRendering.item(HTMLRendering.e(label), HTMLRendering.e(value))
        }
        body += "</dl>"
        for note in section.notes { body += "<p>\(HTMLRendering.e(note))</p>" }
        return body + "</section>"
    }
}
