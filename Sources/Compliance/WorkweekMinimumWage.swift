public import WorkModel

/// Minimum wage judged per workweek, as US law requires: the FLSA takes each workweek on its
/// own and allows no averaging across weeks (29 CFR 776.4, 778.104); California requires the
/// minimum for every hour worked (Armenta v. Osmose (2005) 135 Cal.App.4th 314), so unpaid
/// hours are not cured by higher pay in the same week either. Spreading one-off unpaid hours
/// (qualification, onboarding) over the engagement, as average effective pay does, can hide a
/// week-one violation; this computes the worst week.
public enum WorkweekMinimumWage {
    /// Countries whose minimum-wage law is judged per workweek here.
    static let countries: Set<String> = ["US"]

    public static func applies(jurisdiction: String) -> Bool {
        countries.contains(ReferenceSetCountry.country(of: jurisdiction))
    }

    /// The worst week's effective pay: every one-off unpaid hour in the first week, unless the
    /// spec says they are spread (`pay_practice.one_off_timing: spread`). Nil when there are no
    /// one-off hours, or they are spread, so the average week is also the worst.
    public static func worstWeek(
        nominalHourly: Double, taskHoursPerWeek: Double, practice: PayPractice, perUSD: Double, headcount: Int?
    ) -> (pay: EffectivePay, assumed: Bool)? {
        let oneOff = (practice.unpaidQualificationHours ?? 0) + (practice.unpaidOnboardingHours ?? 0)
        guard oneOff > 0, practice.oneOffTiming != .spread else { return nil }
        let pay = EffectivePay.compute(
            nominalHourly: nominalHourly, taskHoursPerWeek: taskHoursPerWeek, practice: practice,
            defaultEngagementWeeks: 1, perUSD: perUSD, headcount: headcount, engagementOverride: 1)
        return (pay, practice.oneOffTiming == nil)
    }

    static func citation(_ jurisdiction: String) -> String {
        jurisdiction == "US-CA"
            ? "California pays every hour at the minimum (Armenta v. Osmose (2005) 135 Cal.App.4th 314) and the FLSA judges each workweek alone (29 CFR 776.4)"
            : "the FLSA judges each workweek alone and allows no averaging across weeks (29 CFR 776.4, 778.104)"
    }
}
