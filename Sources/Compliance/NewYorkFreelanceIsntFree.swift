public import WorkModel

/// New York's Freelance Isn't Free Act (General Business Law art. 44-A, in force statewide since
/// 2024-08-28; New York City's own Local Law 140 of 2016 since 2017-05-15). A hirer that
/// engages an individual or one-person entity as an independent contractor for services worth
/// USD 800 or more, alone or together with other engagements over 120 days, must give a written
/// contract (names and addresses, itemised services, their value, rate and method of pay, the
/// payment date or how it is set, the date to submit the list of services) and pay by the
/// contract's date or, without one, within 30 days of completion. Lawyers, licensed medical
/// professionals, construction contractors and sales representatives are excluded.
public enum NewYorkFreelanceIsntFree {
    public static let threshold = 800.0
    public static let aggregationDays = 120.0
    public static let paymentDays = 30.0
    static let statuses: Set<WorkerStatus> = [.contractor, .consultant]
    static let source = "GBL art. 44-A (ny-fifa-2024, medium); NYC Local Law 140 of 2016 (nyc-fifa-2017, medium)"

    /// Value of the services over 120 days: the hourly rate x weekly hours x the weeks of the
    /// engagement that fall within 120 days.
    public static func valueOver120Days(hourly: Double, hoursPerWeek: Double, engagementWeeks: Double) -> Double {
        hourly * hoursPerWeek * min(engagementWeeks, aggregationDays / 7)
    }

    // Long because: the act's tests in its own order (threshold, written contract, payment), each finding quoting the same aggregated figures.
    public static func findings(
        _ spec: RoleSpec, hourly: Double?, hours: HoursBasis, defaultEngagementWeeks: Double, asOf: CalendarDate
    ) -> [Finding] {
        guard spec.worker.jurisdiction == "US-NY", statuses.contains(spec.worker.status),
            asOf >= CalendarDate(year: 2024, month: 8, day: 28) || spec.worker.location.map(isNYC) == true
        else { return [] }
        let e = spec.engagement
        if let profession = e.licensedProfession, profession == .lawyer || profession.isMedical {
            return [
                Finding(
                    severity: .info, rule: "ny-fifa.excluded",
                    message:
                        "New York's Freelance Isn't Free Act excludes \(profession == .lawyer ? "lawyers" : "licensed medical professionals"); its contract and payment rules do not apply.",
                    evidence: ["engagement.licensed_profession: \(profession.rawValue)", "source: \(source)"])
            ]
        }
        let weeks = spec.payPractice.engagementWeeks ?? defaultEngagementWeeks
        var evidence = ["source: \(source)"]
        if let hourly, spec.currency == "USD" || spec.offered?.currency == "USD" {
            let value = valueOver120Days(hourly: hourly, hoursPerWeek: hours.hoursPerWeek, engagementWeeks: weeks)
            evidence.append(
                "value over 120 days: \(Format.money(hourly)) USD/h x \(Format.number(hours.hoursPerWeek)) h a week x \(Format.number(min(weeks, aggregationDays / 7), maxPlaces: 2)) weeks = \(Format.money(value)) USD"
                    + (spec.payPractice.engagementWeeks == nil
                        ? " (engagement not stated: the policy's \(Format.number(defaultEngagementWeeks)) weeks assumed)"
                        : ""))
            if value < threshold {
                return [
                    Finding(
                        severity: .info, rule: "ny-fifa.below-threshold",
                        message:
                            "The engagement is worth \(Format.money(value)) USD over 120 days, below New York's USD 800 Freelance Isn't Free threshold; other engagements with the same freelancer in those 120 days count toward it.",
                        evidence: evidence)
                ]
            }
        } else {
            evidence.append("value over 120 days: not computed (no hourly figure in USD); the act is assumed to apply")
        }
        var findings: [Finding] = []
        switch e.writtenContract {
        case false?:
            findings.append(
                Finding(
                    severity: .blocking, rule: "ny-fifa.no-written-contract",
                    message:
                        "New York's Freelance Isn't Free Act requires a written contract for freelance services worth USD 800 or more; the spec says there is none.",
                    evidence: evidence + ["engagement.written_contract: no"],
                    fix:
                        "Give a written contract naming both parties and addresses, the itemised services, their value, the rate and method of pay, the payment date, and the date to submit the list of services; keep it six years."
                ))
        case nil:
            findings.append(
                Finding(
                    severity: .warning, rule: "ny-fifa.contract-not-stated",
                    message:
                        "New York's Freelance Isn't Free Act requires a written contract for this engagement; the spec does not say there is one.",
                    evidence: evidence + ["engagement.written_contract: not stated"],
                    fix: "State engagement.written_contract after checking the contract's contents."))
        case true?: break
        }
        if let days = e.paymentDueDays, days > paymentDays, e.writtenContract != true {
            findings.append(
                Finding(
                    severity: .blocking, rule: "ny-fifa.late-payment",
                    message:
                        "Without a contract date, New York requires payment within 30 days of completion; the spec pays \(Format.number(days)) days after.",
                    evidence: evidence + [
                        "engagement.payment_due_days: \(Format.number(days))",
                        "engagement.written_contract: \(Format.yesNo(e.writtenContract))",
                    ],
                    fix: "Pay within 30 days of completion, or agree a payment date in the written contract."))
        }
        if spec.payPractice.paidOnTime == false {
            findings.append(
                Finding(
                    severity: .blocking, rule: "ny-fifa.paid-late",
                    message:
                        "Freelancers are not paid on time; New York requires payment by the contract's date, or within 30 days of completion, with double damages for late payment.",
                    evidence: evidence + ["pay_practice.paid_on_time: no"], fix: "Pay by the contract's date."))
        }
        return findings
    }

    static func isNYC(_ place: String) -> Bool {
        ["new york", "nyc", "manhattan", "brooklyn", "queens", "bronx", "staten island"].contains {
            place.lowercased().contains($0)
        }
    }
}
