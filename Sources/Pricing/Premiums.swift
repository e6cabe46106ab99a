public import ReferenceData
import WorkModel

/// The premium triggers a set of factor levels sets off, compounded.
public struct Premiums: Sendable, Hashable {
    public var applied: [PremiumTrigger]

    public var multiplier: Double { applied.reduce(1) { $0 * (1 + $1.percent / 100) } }

    public static func applicable(to factors: [String: String], in reference: ReferenceSet) -> Premiums {
        Premiums(applied: reference.premiums.filter { $0.applies(to: factors) })
    }
}
