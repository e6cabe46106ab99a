public import WorkModel

/// A salary level a white-collar overtime exemption needs, with its source. The rules read the
/// annual salary the offer states; the weekly figure is the law's own where it sets one.
public struct ExemptSalaryLevel: Sendable, Hashable {
    public var id: String
    /// The rule in words a lawyer recognises, with its section.
    public var law: String
    /// `US` for the federal rule, or a state.
    public var jurisdiction: String
    public var weekly: Double
    public var annual: Double
    public var effective: CalendarDate
    /// The exemption classes the level applies to.
    public var covers: Set<Worker.OvertimeExemptionClass>
    /// How the figure is built, for the evidence.
    public var derivation: String
    /// For New York: the level applies only in New York City, Long Island and Westchester (true) or elsewhere (false).
    public var downstate: Bool?
    public var ref: SourceRef

    /// Salary levels on 2026-12-05. Federal: the 2019 rule stands because Texas v. U.S.
    /// Department of Labor (E.D. Tex. 2024-11-15) vacated the April 2024 rule (844 and 1,128 USD
    /// a week) nationwide. California has no highly-compensated exemption, so its full test
    /// applies to that class too. New York sets a level only for executives and administrators.
    public static let shipped: [ExemptSalaryLevel] = [
        ExemptSalaryLevel(
            id: "flsa-standard",
            law: "FLSA, 29 CFR 541.600 (2019 level; the 2024 rule vacated in Texas v. U.S. DOL, E.D. Tex. 2024-11-15)",
            jurisdiction: "US", weekly: 684, annual: 35_568, effective: CalendarDate(year: 2020, month: 1, day: 1),
            covers: [.executive, .administrative, .professional, .computer],
            derivation: "USD 684 a week x 52 = 35,568 a year",
            ref: SourceRef(source: "flsa-salary-level-2019", asOf: "2026-12", confidence: .medium)),
        ExemptSalaryLevel(
            id: "flsa-highly-compensated", law: "FLSA, 29 CFR 541.601 (highly compensated employees, 2019 level)",
            jurisdiction: "US", weekly: 684, annual: 107_432, effective: CalendarDate(year: 2020, month: 1, day: 1),
            covers: [.highlyCompensated],
            derivation: "USD 107,432 a year in total, at least 684 a week of it as salary",
            ref: SourceRef(source: "flsa-salary-level-2019", asOf: "2026-12", confidence: .medium)),
        ExemptSalaryLevel(
            id: "ca-lab-code-515",
            law: "California Labor Code 515(a) (twice the state minimum wage for full-time work)",
            jurisdiction: "US-CA", weekly: 1_352, annual: 70_304, effective: CalendarDate(year: 2026, month: 1, day: 1),
            covers: [.executive, .administrative, .professional, .highlyCompensated],
            derivation: "2 x USD 16.90 x 2,080 h = 70,304 a year (1,352 a week)",
            ref: SourceRef(source: "ca-lab-code-515", asOf: "2026-12", confidence: .medium)),
        ExemptSalaryLevel(
            id: "ny-exec-admin-downstate",
            law: "New York, 12 NYCRR 142-2.14 (executive and administrative, New York City, Long Island, Westchester)",
            jurisdiction: "US-NY", weekly: 1_275, annual: 66_300, effective: CalendarDate(year: 2026, month: 1, day: 1),
            covers: [.executive, .administrative], derivation: "USD 1,275.00 a week x 52 = 66,300 a year",
            downstate: true,
            ref: SourceRef(source: "ny-exempt-salary-2026", asOf: "2026-12", confidence: .medium)),
        ExemptSalaryLevel(
            id: "ny-exec-admin-rest-of-state",
            law: "New York, 12 NYCRR 142-2.14 (executive and administrative, rest of the state)",
            jurisdiction: "US-NY", weekly: 1_199.10, annual: 62_353.20,
            effective: CalendarDate(year: 2026, month: 1, day: 1),
            covers: [.executive, .administrative], derivation: "USD 1,199.10 a week x 52 = 62,353.20 a year",
            downstate: false,
            ref: SourceRef(source: "ny-exempt-salary-2026", asOf: "2026-12", confidence: .medium)),
        ExemptSalaryLevel(
            id: "wa-wac-296-128-545", law: "Washington, WAC 296-128-545 (2.25 x the state minimum wage for 40 hours)",
            jurisdiction: "US-WA", weekly: 1_541.70, annual: 80_168.40,
            effective: CalendarDate(year: 2026, month: 1, day: 1),
            covers: [.executive, .administrative, .professional],
            derivation: "2.25 x USD 17.13 x 40 h = 1,541.70 a week (80,168.40 a year)",
            ref: SourceRef(source: "wa-exempt-salary-2026", asOf: "2026-12", confidence: .medium)),
    ]

    /// FLSA computer employees may instead be paid at least this an hour (29 CFR 541.400(b)).
    public static let flsaComputerHourly = 27.63
}

/// The overtime exemption for salaried employees whom the spec treats as exempt
/// (`protections.overtime: false`): the salary basis, every applicable salary level (federal
/// and the state's), and the duties test the employer says it has checked. A finding when any
/// fails. Decision support, not legal advice.
public enum OvertimeExemption {
    static let statuses: Set<WorkerStatus> = [.employee, .fellow]
    static let downstatePlaces = [
        "new york", "nyc", "manhattan", "brooklyn", "queens", "bronx", "staten island", "long island", "nassau",
        "suffolk", "westchester",
    ]

    /// The levels that apply to a worker in `jurisdiction` claiming `claimed` (nil: any of the
    /// executive, administrative or professional exemptions) on `asOf`.
    public static func levels(
        jurisdiction: String, location: String?, claimed: Worker.OvertimeExemptionClass?, asOf: CalendarDate
    ) -> [ExemptSalaryLevel] {
        let classes: Set<Worker.OvertimeExemptionClass> =
            claimed.map { [$0] } ?? [.executive, .administrative, .professional]
        let downstate = location.map { place in downstatePlaces.contains { place.lowercased().contains($0) } } ?? true
        return ExemptSalaryLevel.shipped.filter { level in
            (level.jurisdiction == "US" || level.jurisdiction == jurisdiction) && level.effective <= asOf
                && !level.covers.isDisjoint(with: classes) && (level.downstate.map { $0 == downstate } ?? true)
        }
    }

    // Long because: the exemption tests in the order 29 CFR 541 applies them, each able to end the chain.
    public static func findings(_ spec: RoleSpec, asOf: CalendarDate) -> [Finding] {
        guard statuses.contains(spec.worker.status), spec.protections.overtime == false,
            ReferenceSetCountry.country(of: spec.worker.jurisdiction) == "US"
        else { return [] }
        let claimed = spec.worker.overtimeExemption
        let jurisdiction = spec.worker.jurisdiction
        var evidence = [
            "worker.status: \(spec.worker.status.rawValue)", "protections.overtime: no (treated as exempt)",
            "worker.overtime_exemption: \(claimed?.rawValue ?? "not stated")",
        ]
        if claimed == Worker.OvertimeExemptionClass.none {
            return [
                Finding(
                    severity: .blocking, rule: "overtime-exemption.none-claimed",
                    message:
                        "Overtime is not provided, yet no exemption is claimed: a non-exempt employee is owed 1.5 times the regular rate beyond 40 hours a week (FLSA section 7)\(jurisdiction == "US-CA" ? " and beyond 8 hours a day in California (Lab. Code 510)" : "").",
                    evidence: evidence,
                    fix:
                        "Pay overtime, or name the exemption relied on and check its salary and duties tests with counsel."
                )
            ]
        }
        guard let offer = spec.offered, offer.currency == "USD" else {
            return [
                Finding(
                    severity: .warning, rule: "overtime-exemption.salary-not-stated",
                    message:
                        "The role is treated as exempt from overtime but the spec states no salary in USD, so the salary test cannot be checked.",
                    evidence: evidence, fix: "State the salary under offered (basis annual or month).")
            ]
        }
        let levels = levels(jurisdiction: jurisdiction, location: spec.worker.location, claimed: claimed, asOf: asOf)
        let license = spec.engagement.licensedProfession
        // 29 CFR 541.304: a licensed lawyer or physician practising is exempt without a salary test (federal only).
        let practisingLawOrMedicine =
            (claimed == nil || claimed == .professional)
            && (license == .lawyer || license == .physician || license == .surgeon)
        let salaried: Double?
        switch offer.basis {
        case .annual: salaried = offer.amount
        case .month: salaried = offer.amount * 12
        case .hourly, .day, .perTask: salaried = nil
        }
        guard let annual = salaried else {
            if claimed == .computer, offer.basis == .hourly, offer.amount >= ExemptSalaryLevel.flsaComputerHourly {
                // California (Lab. Code 515.5) and Washington set their own hourly rates for computer professionals; not shipped.
                let stateNote =
                    ["US-CA", "US-WA"].contains(jurisdiction)
                    ? ["\(jurisdiction) sets its own computer-professional hourly rate, not shipped here: check it"]
                    : []
                return dutiesFindings(
                    spec,
                    evidence: evidence + [
                        "hourly \(Format.money(offer.amount)) USD at or above the 29 CFR 541.400(b) rate of \(Format.money(ExemptSalaryLevel.flsaComputerHourly))"
                    ] + stateNote)
            }
            if practisingLawOrMedicine {
                return dutiesFindings(
                    spec,
                    evidence: evidence + [
                        "29 CFR 541.304: no salary test for a licensed \(license?.rawValue ?? "") practising the profession (federal; state rules may still require one)"
                    ])
            }
            return [
                Finding(
                    severity: .blocking, rule: "overtime-exemption.not-salaried",
                    message:
                        "The role is treated as exempt from overtime but is paid \(offer.basis.rawValue); the white-collar exemptions need a fixed salary (29 CFR 541.602)\(jurisdiction == "US-CA" ? " and California's Lab. Code 515 salary" : "").",
                    evidence: evidence + ["offered: \(Format.money(offer.amount)) USD \(offer.basis.rawValue)"],
                    fix: "Pay overtime, or pay a salary at or above the levels that apply.")
            ]
        }
        evidence.append("offered: \(Format.money(annual, places: 0)) USD a year (\(Format.money(annual / 52)) a week)")
        var failed: [ExemptSalaryLevel] = []
        for level in levels {
            if practisingLawOrMedicine && level.jurisdiction == "US" { continue }
            let passes = annual + 0.005 >= level.annual
            if !passes { failed.append(level) }
            evidence.append(
                "\(level.law): \(level.derivation), effective \(level.effective): \(passes ? "met" : "not met") (\(level.ref.source), confidence \(level.ref.confidence.rawValue))"
            )
        }
        if jurisdiction == "US-NY" && spec.worker.location == nil {
            evidence.append(
                "worker.location not stated: the New York City, Long Island and Westchester level is used (the higher one)"
            )
        }
        if !failed.isEmpty {
            let worst = failed.max { $0.annual < $1.annual }
            return [
                Finding(
                    severity: .blocking, rule: "overtime-exemption.salary-below-level",
                    message:
                        "The role is treated as exempt from overtime, but a salary of \(Format.money(annual, places: 0)) USD a year is below "
                        + failed.map { "\($0.law) (\(Format.money($0.annual)))" }.joined(separator: " and ")
                        + ": the exemption fails and overtime is owed.",
                    evidence: evidence,
                    fix:
                        "Raise the salary to at least \(Format.money(worst?.annual ?? annual)) USD a year, or pay overtime."
                )
            ]
        }
        return dutiesFindings(spec, evidence: evidence)
    }

    static func dutiesFindings(_ spec: RoleSpec, evidence: [String]) -> [Finding] {
        let hints =
            "the duties test turns on the primary duty; the spec describes it as: \(spec.judgmentPurchased) (credential: \(spec.expertise.credential ?? "not stated"))"
        switch spec.worker.exemptDutiesMet {
        case false?:
            return [
                Finding(
                    severity: .blocking, rule: "overtime-exemption.duties-not-met",
                    message:
                        "The role is treated as exempt from overtime, but the employer's review found its primary duty does not meet the duties test: overtime is owed.",
                    evidence: evidence + ["worker.exempt_duties_met: no"],
                    fix: "Pay overtime for hours beyond 40 a week (and 8 a day in California).")
            ]
        case nil:
            return [
                Finding(
                    severity: .warning, rule: "overtime-exemption.duties-not-stated",
                    message:
                        "The salary test is met, but the spec does not say the primary duty meets the duties test of \(spec.worker.overtimeExemption.map { "the \($0.rawValue) exemption" } ?? "an exemption"); salary alone does not make a role exempt.",
                    evidence: evidence + ["worker.exempt_duties_met: not stated", hints],
                    fix:
                        "Name the exemption (worker.overtime_exemption) and record the duties review (worker.exempt_duties_met), with counsel."
                )
            ]
        case true?:
            return [
                Finding(
                    severity: .info, rule: "overtime-exemption.holds",
                    message:
                        "The overtime exemption holds on the stated salary and duties. Decision support, not legal advice.",
                    evidence: evidence + ["worker.exempt_duties_met: yes"], fix: nil)
            ]
        }
    }
}

/// The country part of a jurisdiction code, without depending on the reference set.
enum ReferenceSetCountry {
    static func country(of jurisdiction: String) -> String { String(jurisdiction.prefix { $0 != "-" }) }
}
