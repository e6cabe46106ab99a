/// The rules the compression report judges pay by, each with a stable id a flag names, so an
/// analyst can trace every flag (and its cost to fix) to one written definition, and a reviewer
/// can disagree with a rule rather than with a figure.
public struct CompressionRule: Sendable, Codable, Hashable {
    /// The stable id a flag names (`compression.inversion`, ...).
    public var id: String
    /// The flag kind the rule raises (inversion, compression, below-external, ...).
    public var kind: String
    /// When the rule fires, in words.
    public var definition: String
    /// The hourly pay that fixes the flag, in words; its cost is (target - pay) x annual hours.
    public var fix: String

    /// A tenured incumbent paid below new hires doing the same work.
    public static let inversion = CompressionRule(
        id: "compression.inversion", kind: "inversion",
        definition:
            "a tenured incumbent's compa-ratio is below the median compa-ratio of new hires doing the same work",
        fix: "band midpoint x new hires' median compa-ratio x (1 + new-hire threshold)")
    /// A tenured incumbent ahead of new hires by less than the policy's new-hire threshold.
    public static let compression = CompressionRule(
        id: "compression.new-hire-lead", kind: "compression",
        definition: "a tenured incumbent's compa-ratio leads the new hires' median by less than the new-hire threshold",
        fix: "band midpoint x new hires' median compa-ratio x (1 + new-hire threshold)")
    /// External hires and contractors doing the same work paid more than the external gap above the person.
    public static let belowExternal = CompressionRule(
        id: "compression.below-external", kind: "below-external",
        definition:
            "external hires and contractors doing the same work (the same wage file, or the same job category in the layer) sit at a median compa-ratio, contract rates as employee-equivalent pay, more than the external gap above the person's",
        fix: "band midpoint x external median compa-ratio / (1 + external gap), at most the band maximum")
    /// Parity with the external market would pass the band maximum: a finding about the band.
    public static let bandBelowMarket = CompressionRule(
        id: "compression.band-below-market", kind: "band-below-market",
        definition:
            "parity with the external median would pass the band maximum: the band is below the market for the work",
        fix:
            "reprice the wage file; the cost shown is what parity would cost past the band maximum, and is not in the cost to parity"
    )
    /// A manager paid less than their best-paid direct report.
    public static let supervisorInversion = CompressionRule(
        id: "compression.supervisor-inversion", kind: "supervisor-inversion",
        definition: "a manager is paid less than their best-paid direct report",
        fix: "best-paid direct report's hourly pay x (1 + supervisor premium)")
    /// A manager ahead of their best-paid direct report by less than the supervisor premium.
    public static let supervisorPremium = CompressionRule(
        id: "compression.supervisor-premium", kind: "supervisor-premium",
        definition: "a manager earns less than the supervisor premium over their best-paid direct report",
        fix: "best-paid direct report's hourly pay x (1 + supervisor premium)")
    /// Pay below the band minimum.
    public static let greenCircle = CompressionRule(
        id: "compression.below-band-minimum", kind: "green-circle",
        definition: "hourly pay below the band minimum (a green circle)",
        fix: "the band minimum")
    /// Pay above the band maximum (information; costs nothing).
    public static let redCircle = CompressionRule(
        id: "compression.above-band-maximum", kind: "red-circle",
        definition: "hourly pay above the band maximum (a red circle); information, not a gap",
        fix: "none: hold increases until the band moves (cost 0)")

    /// Every rule, in the order a person's flags are raised.
    public static let all: [CompressionRule] = [
        inversion, compression, belowExternal, bandBelowMarket, supervisorInversion, supervisorPremium, greenCircle,
        redCircle,
    ]
}
