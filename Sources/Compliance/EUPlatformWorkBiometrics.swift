import WorkModel

/// EU Platform Work Directive: platforms may process platform workers' biometric data only to
/// authenticate them, never to identify them or infer emotions or health. Member states apply
/// it from the transposition deadline, 2026-12-02. Source: Directive (EU) 2024/2831, Art. 7.
public struct EUPlatformWorkBiometrics: DataRightsRule {
    public let id = "eu-platform-work-biometrics"
    public let citation = "Directive (EU) 2024/2831, Art. 7"

    public init() {}

    public func applies(to context: DataRightsContext) -> Bool {
        context.inEU && context.rights.biometric == true && EUPlatformWorkPresumption.isPlatformWork(context.spec)
    }

    public func evaluate(_ context: DataRightsContext) -> DataRightsResult {
        let pending = context.asOf < EUPlatformWorkPresumption.transpositionDeadline
        let use = context.rights.biometricUse
        var result = DataRightsResult(frameworks: [
            FrameworkCheck(
                id: id, name: "EU Platform Work Directive: biometric data", citation: citation,
                note:
                    "Platforms may process biometric data of platform workers only for authentication, never to identify them, and never to infer emotions or health.",
                requirements: [
                    DataRequirement(
                        requirement: "biometric data used for authentication only",
                        met: use.map { $0 == .authentication }, field: "data_rights.biometric_use")
                ])
        ])
        if use != .authentication {
            result.add(
                use == nil ? .warning : (pending ? .warning : .blocking), "pwd.biometric-use",
                use == nil
                    ? "EU Platform Work Directive: the spec does not say what platform workers' biometric data is used for; only authentication is allowed."
                    : "EU Platform Work Directive: platform workers' biometric data may be used for authentication only, not \(use?.rawValue ?? "")."
                        + (pending ? " Member states apply this from 2026-12-02." : ""),
                ["data_rights.biometric_use: \(use?.rawValue ?? "not stated")", "through a platform: yes"],
                "Limit biometric processing to authentication, or stop collecting it from platform workers.")
        }
        return result
    }
}
