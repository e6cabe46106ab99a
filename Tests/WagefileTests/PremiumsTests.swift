import Testing
import ReferenceData
import Pricing

/// Premium triggers from premiums.yaml compound multiplicatively.
struct PremiumsTests {
    let reference: ReferenceSet

    init() throws { reference = try Shipped.get().reference }

    @Test func credentialAndHarmfulContentCompoundTo138() {
        let premiums = Premiums.applicable(to: ["expertise": "credentialed", "content_exposure": "routine"], in: reference)
        #expect(premiums.applied.map(\.id) == ["harmful-content-exposure", "credential"])
        expectClose(premiums.multiplier, 1.38, tolerance: 1e-12)  // 1.15 x 1.20
    }

    @Test func namedSignOffTriggersBothAuthorityPremiums() {
        let premiums = Premiums.applicable(to: ["authority": "named-sign-off"], in: reference)
        #expect(premiums.applied.map(\.id) == ["release-authority", "named-sign-off"])
        expectClose(premiums.multiplier, 1.155, tolerance: 1e-12)  // 1.10 x 1.05
        let gating = Premiums.applicable(to: ["authority": "release-gating"], in: reference)
        #expect(gating.applied.map(\.id) == ["release-authority"])
        expectClose(gating.multiplier, 1.1, tolerance: 1e-12)
    }

    @Test func everyPremiumAtOnce() {
        let premiums = Premiums.applicable(
            to: ["language": "scarce", "modality": "video", "content_exposure": "extreme", "expertise": "senior-credentialed", "authority": "named-sign-off"],
            in: reference)
        #expect(premiums.applied.count == 6)
        // 1.15 x 1.10 x 1.15 x 1.20 x 1.10 x 1.05
        expectClose(premiums.multiplier, 2.0162835, tolerance: 1e-9)
    }

    @Test func levelsBelowTheTriggersEarnNoPremium() {
        let premiums = Premiums.applicable(
            to: ["language": "less-common", "modality": "code", "content_exposure": "occasional", "expertise": "specialist", "authority": "rejects-output"],
            in: reference)
        #expect(premiums.applied.isEmpty)
        #expect(premiums.multiplier == 1)
        #expect(Premiums.applicable(to: [:], in: reference).multiplier == 1)
    }
}
