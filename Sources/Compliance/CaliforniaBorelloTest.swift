import WorkModel

/// The Borello test (S. G. Borello & Sons v. DIR (1989) 48 Cal.3d 341), which governs the
/// workers Lab. Code 2776-2784 exempt from the ABC test. The principal test is the hirer's
/// right to control the manner and means of the work; the right to discharge at will, without
/// cause, is strong evidence of employment; the secondary factors (a)-(h) are weighed together,
/// not counted as a vote. The weighing used here:
/// - right to control points to employment: high, unless the secondary factors lean the other
///   way and discharge is not at will (then medium);
/// - no right to control: low when discharge is not at will and more of the known secondary
///   factors favour independence than employment (with four or more known); medium otherwise;
/// - control not stated: undetermined, or medium when discharge at will is stated.
/// So a truly independent professional can reach low risk.
public struct CaliforniaBorelloTest: ClassificationTest {
    public let id = "california-borello"
    public let name = "California Borello test (exempt occupation)"
    public let citation = "S. G. Borello & Sons v. DIR (1989) 48 Cal.3d 341; Lab. Code 2775(b)(3), 2776-2784"

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool {
        context.jurisdiction == "US-CA" && CaliforniaExemptions.route(context).toBorello
    }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let r = context.readings
        let route = CaliforniaExemptions.route(context)
        let control = FactorReading.composite("right-to-control", [r.control, r.instructions])
            .named("right-to-control", prefix: "principal: right to control the manner and means: ")
        let discharge = r.dischargeAtWill.named("discharge-at-will", prefix: "strong evidence: ")
        let secondary = [
            Self.firstKnown([r.ownBusiness, r.worksForOthers]).named(
                "a-distinct-business", prefix: "(a) distinct occupation or business: "),
            FactorReading.composite("supervision", [r.schedule, r.monitoring]).named(
                "b-supervision", prefix: "(b) done under direction or by an unsupervised specialist: "),
            r.skill.named("c-skill", prefix: "(c) skill required: "),
            Self.anyContractor("tools-and-place", [r.investment, r.businessLocation]).named(
                "d-tools-and-place", prefix: "(d) who supplies tools and place: "),
            r.permanence.named("e-length", prefix: "(e) length of the engagement: "),
            r.paidBy.named("f-payment", prefix: "(f) paid by time or by the job: "),
            r.integral.named("g-regular-business", prefix: "(g) part of the hirer's regular business: "),
            r.contract.named("h-belief", prefix: "(h) what the parties believe they created: "),
        ]
        let tally = Tally(secondary)
        let risk: ClassificationRisk
        var conclusion: String
        switch control.leaning {
        case .employee:
            if discharge.leaning != .employee && tally.contractor > tally.employee {
                risk = .medium
                conclusion =
                    "The hirer controls the manner and means, but the secondary factors lean to independence (\(tally.contractor) to \(tally.employee)); control usually decides."
            } else {
                risk = .high
                conclusion =
                    "The hirer controls the manner and means of the work"
                    + (discharge.leaning == .employee ? " and may discharge at will" : "")
                    + ": likely an employee under Borello."
            }
        case .contractor, .neutral:
            if discharge.leaning == .employee {
                risk = .medium
                conclusion =
                    "No right to control the manner and means is stated, but discharge at will is strong evidence of employment."
            } else if tally.known >= 4 && tally.contractor > tally.employee && discharge.leaning == .contractor {
                risk = .low
                conclusion =
                    "No right to control the manner and means, no discharge at will, and the secondary factors favour independence (\(tally.contractor) to \(tally.employee)): likely an independent contractor under Borello."
            } else {
                risk = tally.known < 4 || discharge.leaning == .unknown ? .undetermined : .medium
                conclusion =
                    risk == .undetermined
                    ? "No right to control is stated, but discharge at will or too few secondary factors are stated to weigh (\(tally.known) of 8)."
                    : "No right to control is stated; the secondary factors are mixed (\(tally.employee) toward employment, \(tally.contractor) toward independence)."
            }
        case .unknown:
            risk = discharge.leaning == .employee ? .medium : .undetermined
            conclusion =
                "The right to control the manner and means, Borello's principal test, cannot be read from the spec."
        }
        conclusion = route.summary + " " + conclusion + (route.caution.map { " \($0)" } ?? "")
        return assessment(
            standing: .inForce,
            note:
                "Borello governs occupations exempt from the ABC test under Lab. Code 2776-2784 (AB 2257, 2020); the exemption's own conditions are shown first.",
            risk: risk, conclusion: conclusion, factors: route.conditions + [control, discharge] + secondary)
    }

    /// The first stated of several readings of one factor.
    static func firstKnown(_ readings: [FactorReading]) -> FactorReading {
        readings.first { $0.leaning != .unknown }
            ?? FactorReading.composite(readings.first?.factor ?? "factor", readings)
    }

    /// A factor that points to independence when any of its facts does (own tools or own premises).
    static func anyContractor(_ factor: String, _ readings: [FactorReading]) -> FactorReading {
        let independent = readings.filter { $0.leaning == .contractor }
        if !independent.isEmpty {
            return FactorReading(
                factor: factor, leaning: .contractor, reasoning: independent.map(\.reasoning).joined(separator: "; "))
        }
        return FactorReading.composite(factor, readings)
    }
}
