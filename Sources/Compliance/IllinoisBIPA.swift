import WorkModel

/// Illinois Biometric Information Privacy Act: collecting biometric identifiers needs written
/// notice, a signed release and a public retention schedule (s.15(a)-(b)); selling or
/// profiting from them is barred (s.15(c)). Source: 740 ILCS 14.
public struct IllinoisBIPA: DataRightsRule {
    public let id = "illinois-bipa"
    public let citation = "740 ILCS 14"

    public init() {}

    public func applies(to context: DataRightsContext) -> Bool {
        context.jurisdiction == "US-IL" && context.rights.biometric == true
    }

    public func evaluate(_ context: DataRightsContext) -> DataRightsResult {
        let rights = context.rights
        let consent = context.consent
        var result = DataRightsResult(frameworks: [
            FrameworkCheck(
                id: id, name: "Illinois Biometric Information Privacy Act", citation: citation,
                note:
                    "Collecting biometric identifiers needs written notice, a signed release and a public retention schedule; selling or profiting from them is barred.",
                requirements: [
                    DataRequirement(
                        requirement: "written notice of collection, purpose and retention period",
                        met: consent.itemisedNotice, field: "data_rights.consent.itemised_notice"),
                    DataRequirement(
                        requirement: "signed written release", met: consent.written,
                        field: "data_rights.consent.written"),
                    DataRequirement(
                        requirement: "retention schedule: destroy at purpose end or 3 years after last contact",
                        met: rights.retention.map { !$0.isEmpty }, field: "data_rights.retention"),
                    DataRequirement(
                        requirement: "no selling or profiting from the biometrics",
                        met: rights.soldOrLicensed.map { !$0 }, field: "data_rights.sold_or_licensed"),
                ])
        ])
        var gaps: [String] = []
        if consent.itemisedNotice != true { gaps.append("written notice of purpose and retention") }
        if consent.written != true { gaps.append("a signed written release") }
        if rights.retention?.isEmpty ?? true { gaps.append("a retention schedule") }
        if !gaps.isEmpty {
            result.add(
                .blocking, "bipa.notice-and-release",
                "Illinois BIPA: biometric collection lacks \(gaps.joined(separator: ", ")).",
                ["jurisdiction: US-IL", "biometric: yes"],
                "Give written notice, obtain a signed release and publish the retention schedule before collecting.")
        }
        if rights.soldOrLicensed == true {
            result.add(
                .blocking, "bipa.no-profit",
                "Illinois BIPA bars selling, leasing or otherwise profiting from biometric identifiers.",
                ["data_rights.sold_or_licensed: yes"],
                "Do not sell or license the biometric data; strip identifiers before any transfer, with legal review.")
        }
        return result
    }
}
