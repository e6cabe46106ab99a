import WorkModel

/// Which California test governs a worker: the ABC test (Lab. Code 2775) or, for the
/// exemptions of Lab. Code 2776-2784 (AB 2257, 2020), the Borello test. An exemption holds
/// only when the hirer can show every condition the statute sets; a condition the spec does not
/// state is one the hirer has not shown, so the ABC test stays.
struct CaliforniaRoute: Sendable {
    /// True when an exemption holds and Borello, not ABC, decides status.
    var toBorello: Bool
    /// The section relied on, e.g. "Lab. Code 2783(c)"; nil when no exemption is claimed.
    var section: String?
    /// One reading per statutory condition, each named after it.
    var conditions: [FactorReading]
    /// A sentence for the conclusion: why the route was taken.
    var summary: String
    /// A caution counsel should read (e.g. the medical licensees' health-care-entity condition).
    var caution: String?
}

enum CaliforniaExemptions {
    static let source = "ca-ab2257-exemptions"

    static func route(_ context: ClassificationContext) -> CaliforniaRoute {
        let e = context.spec.engagement
        let r = context.readings
        if let profession = e.licensedProfession, profession != .other {
            return licensedOccupation(profession)
        }
        switch e.californiaExemption {
        case .businessToBusiness?:
            return conditional(
                "Lab. Code 2776 (business-to-business)",
                [
                    condition(
                        "2776(a)(1) free from control", FactorReading.composite("control", [r.control, r.instructions])),
                    condition("2776(a)(2) serves the hirer, not its customers", r.servesHirerDirectly),
                    condition("2776(a)(3) written contract with pay and due date", r.writtenContract),
                    condition("2776(a)(4) business licence", r.businessLicence),
                    condition("2776(a)(5) own business location", r.businessLocation),
                    condition("2776(a)(6) independently established business", r.ownBusiness),
                    condition("2776(a)(7) free to contract with others", r.worksForOthers),
                    condition("2776(a)(8) advertises to the public", r.advertises),
                    condition("2776(a)(9) own tools and equipment", r.investment),
                    condition("2776(a)(10) negotiates own rates", r.setsOwnRates),
                    condition("2776(a)(11) sets own hours and place", r.schedule),
                ],
                caution:
                    "Criteria (9) to (12) are stated from the statute as summarised, not read here; (12), no contractor's licence work, is not checked."
            )
        case .professionalServices?:
            return conditional(
                "Lab. Code 2778 (professional services)",
                [
                    condition("2778(a)(1) own business location", r.businessLocation),
                    condition("2778(a)(2) business licence", r.businessLicence),
                    condition("2778(a)(3) sets or negotiates own rates", r.setsOwnRates),
                    condition("2778(a)(4) sets own hours", r.schedule),
                    condition("2778(a)(5) works for others or holds out to the public", r.worksForOthers),
                    condition("2778(a)(6) discretion and independent judgment", r.skill),
                    condition(
                        "2778(b) written contract with rate and payment date (writers, editors, translators and others)",
                        r.writtenContract),
                ],
                caution:
                    "The occupation must be one 2778 lists (marketing, human resources, travel agent, graphic design, grant writer, fine artist, enrolled agent, freelance writer, translator, editor, copy editor, illustrator and others); the spec does not name it, so confirm it."
            )
        case .none?, nil:
            return CaliforniaRoute(toBorello: false, section: nil, conditions: [], summary: "", caution: nil)
        }
    }

    /// Lab. Code 2783 (section number not verified against the enacted text here): licensed
    /// occupations go to Borello. The medical licensees are covered when they perform medical
    /// services for or by a health-care entity or their own practice.
    static func licensedOccupation(_ profession: Engagement.LicensedProfession) -> CaliforniaRoute {
        let reading = FactorReading(
            factor: "exemption", leaning: .contractor,
            reasoning: "licensed \(profession.rawValue): Lab. Code 2783 sends licensed occupations to Borello")
        return CaliforniaRoute(
            toBorello: true, section: "Lab. Code 2783 (licensed occupations)", conditions: [reading],
            summary:
                "A licensed \(profession.rawValue) is exempt from the ABC test (Lab. Code 2783), so Borello decides status.",
            caution: profession.isMedical
                ? "For medical licensees the exemption covers professional or medical services provided to or by a health-care entity or medical group; whether reviewing a model's clinical output is such a service is a question for counsel."
                : nil)
    }

    static func condition(_ name: String, _ reading: FactorReading) -> FactorReading {
        switch reading.leaning {
        case .contractor: FactorReading(factor: name, leaning: .contractor, reasoning: "met: \(reading.reasoning)")
        case .employee: FactorReading(factor: name, leaning: .employee, reasoning: "not met: \(reading.reasoning)")
        case .neutral, .unknown:
            FactorReading(
                factor: name, leaning: .unknown, reasoning: "not shown: \(reading.reasoning)", missing: reading.missing)
        }
    }

    /// Every condition must hold; one not met or not shown keeps the ABC test.
    static func conditional(_ section: String, _ conditions: [FactorReading], caution: String) -> CaliforniaRoute {
        let failed = conditions.filter { $0.leaning == .employee }.map(\.factor)
        let unshown = conditions.filter { $0.leaning == .unknown }.map(\.factor)
        if failed.isEmpty && unshown.isEmpty {
            return CaliforniaRoute(
                toBorello: true, section: section, conditions: conditions,
                summary: "Every condition of \(section) is met on the stated facts, so Borello decides status.",
                caution: caution)
        }
        let why =
            failed.isEmpty
            ? "not shown: \(unshown.joined(separator: "; "))"
            : "not met: \(failed.joined(separator: "; "))"
        return CaliforniaRoute(
            toBorello: false, section: section, conditions: conditions,
            summary: "The \(section) exemption is claimed but does not hold (\(why)), so the ABC test applies.",
            caution: caution)
    }
}
