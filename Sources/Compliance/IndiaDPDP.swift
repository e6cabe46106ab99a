import WorkModel

/// India's Digital Personal Data Protection Act 2023: an itemised notice (s.5) and consent that
/// is free, specific, informed, unconditional, unambiguous and withdrawable (s.6). The main
/// duties apply from 2027-05-13 (`DataRightsRules.dpdpDutiesFrom`). Source: DPDP Act 2023.
public struct IndiaDPDP: DataRightsRule {
    public let id = "india-dpdp"
    public let citation = "DPDP Act 2023, s.5 and s.6"

    public init() {}

    public func applies(to context: DataRightsContext) -> Bool { context.country == "IN" }

    public func evaluate(_ context: DataRightsContext) -> DataRightsResult {
        let rights = context.rights
        let consent = context.consent
        let inForce = context.asOf >= DataRightsRules.dpdpDutiesFrom
        var result = DataRightsResult(frameworks: [
            FrameworkCheck(
                id: id, name: "India Digital Personal Data Protection Act 2023", citation: citation,
                note: inForce
                    ? "Main duties apply since 2027-05-13."
                    : "Main duties apply from 2027-05-13; build the notice and consent now.",
                requirements: [
                    DataRequirement(
                        requirement: "itemised notice of the data and each purpose", met: consent.itemisedNotice,
                        field: "data_rights.consent.itemised_notice"),
                    DataRequirement(
                        requirement: "consent free, specific, informed, unconditional and unambiguous",
                        met: consent.obtained == true ? rights.canRefuseWithoutPenalty : consent.obtained,
                        field: "data_rights.can_refuse_without_penalty"),
                    DataRequirement(
                        requirement: "consent withdrawable", met: consent.withdrawable,
                        field: "data_rights.consent.withdrawable"),
                ])
        ])
        var gaps: [String] = []
        if consent.itemisedNotice != true { gaps.append("an itemised notice") }
        if consent.obtained != true || rights.canRefuseWithoutPenalty != true {
            gaps.append("free and unconditional consent")
        }
        if consent.withdrawable != true { gaps.append("a way to withdraw") }
        if !gaps.isEmpty {
            result.add(
                inForce ? .blocking : .warning, "dpdp.notice-and-consent",
                "India DPDP Act: recording lacks \(gaps.joined(separator: ", "))"
                    + (inForce ? "." : "; the duties apply from 2027-05-13."),
                ["jurisdiction: \(context.jurisdiction)", "evaluated on \(context.asOf)"],
                "Give an itemised notice in the worker's language and take consent that can be refused and withdrawn.")
        }
        return result
    }
}
