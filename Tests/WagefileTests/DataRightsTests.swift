import Compliance
import ReferenceData
import Testing
import WorkModel

/// Consent, payment and use rules for work that records the worker: Wagefile's recorded-work
/// standard everywhere, then GDPR Art. 9, Illinois BIPA, India's DPDP Act and the Platform Work
/// Directive's biometric rule where they apply.
@Suite struct DataRightsTests {
    let reference: ReferenceSet

    init() throws { reference = try ComplianceFixture.reference() }

    func evaluate(
        _ rights: DataRights, status: WorkerStatus = .contractor, jurisdiction: String,
        engagement: Engagement = Engagement(),
        layer: WorkLayer = .physicalData, asOf: CalendarDate = Shipped.asOf
    ) -> (report: DataRightsReport, findings: [Finding]) {
        let spec = ComplianceFixture.spec(
            status: status, jurisdiction: jurisdiction, engagement: engagement, dataRights: rights)
        return DataRightsRules.evaluate(spec, layer: layer, asOf: asOf, reference: reference)
    }

    func rules(_ findings: [Finding]) -> [String] { findings.map(\.rule) }

    func severity(_ rule: String, in findings: [Finding]) -> Severity? { findings.first { $0.rule == rule }?.severity }

    /// Consent obtained in writing, withdrawable, with an itemised notice; free to refuse; paid
    /// directly; use disclosed and limited; retention stated; benefits shared; DPIA done.
    static let exemplary = DataRights(
        workerDataRecorded: true, biometric: true, biometricUse: .authentication,
        consent: {
            var consent = Consent(
                obtained: true, written: true, withdrawable: true, itemisedNotice: true, language: "Hindi")
            consent.onWithdrawal = .delete
            return consent
        }(),
        canRefuseWithoutPenalty: true, paidDirectly: true, downstreamUseDisclosed: true, secondaryUseLimits: true,
        retention: "deleted 3 years after last contact", benefitSharing: true, soldOrLicensed: false,
        impactAssessment: true)

    static func exemplary(_ change: (inout DataRights) -> Void) -> DataRights {
        var rights = exemplary
        change(&rights)
        return rights
    }

    // MARK: The recorded-work standard

    /// Garment workers in Gurugram wearing head cameras: employed for other work, recorded
    /// without consent, unable to refuse, and the facility is paid instead of them.
    static let gurugram = ComplianceFixture.spec(
        status: .dataByproduct, jurisdiction: "IN-HR", location: "Gurugram", headcount: 120, currency: "INR",
        offered: PayQuote(amount: 11274.60, currency: "INR", basis: .month),
        dataRights: DataRights(
            workerDataRecorded: true, biometric: true, canRefuseWithoutPenalty: false, paidDirectly: false,
            downstreamUseDisclosed: false, secondaryUseLimits: false))

    @Test func theGurugramGarmentWorkersRecordingIsBlocked() throws {
        let report = try ComplianceFixture.assess(
            Self.gurugram, hours: ComplianceFixture.hours(48), layer: .physicalData)
        #expect(report.dataRights.applies)
        #expect(report.dataRights.frameworks.map(\.id) == ["recorded-work-standard", "india-dpdp"])
        let rights = report.findings.filter {
            $0.rule.hasPrefix("data-rights.") || $0.rule.hasPrefix("dpdp.") || $0.rule.hasPrefix("gdpr.")
        }
        #expect(
            rules(rights) == [
                "data-rights.consent-missing", "data-rights.consent-not-free", "data-rights.not-paid-directly",
                "data-rights.downstream-use-undisclosed", "data-rights.secondary-use-unlimited",
                "data-rights.retention-missing",
                "data-rights.no-benefit-sharing", "dpdp.notice-and-consent",
            ])
        #expect(report.finding("data-rights.consent-missing")?.severity == .blocking)
        #expect(report.finding("data-rights.consent-not-free")?.severity == .blocking)
        let notPaid = try #require(report.finding("data-rights.not-paid-directly"))
        #expect(notPaid.severity == .blocking)
        #expect(notPaid.evidence == ["data_rights.paid_directly: no", "worker status: data-byproduct"])
        #expect(report.finding("data-rights.no-benefit-sharing")?.severity == .info, "not sold or licensed")
        #expect(report.classification.assessments.isEmpty, "a data question, not a status question")

        let standard = try #require(report.dataRights.frameworks.first)
        #expect(standard.requirements.map(\.met) == [nil, false, nil, false, false, false, nil, nil])
    }

    @Test func aConsentedDirectlyPaidRecordingRaisesNothing() throws {
        let (report, findings) = evaluate(Self.exemplary, status: .dataByproduct, jurisdiction: "IN-HR")
        #expect(report.applies)
        #expect(findings.isEmpty)
        #expect(report.frameworks.map(\.id) == ["recorded-work-standard", "india-dpdp"])
        #expect(report.frameworks.allSatisfy { $0.requirements.allSatisfy { $0.met == true } })
    }

    @Test func consentThatCannotBeWithdrawnOrRefusedFreelyIsFlagged() {
        let fixed = evaluate(
            Self.exemplary {
                $0.consent?.withdrawable = false
                $0.canRefuseWithoutPenalty = nil
            }, jurisdiction: "IN-HR"
        ).findings
        #expect(severity("data-rights.consent-not-withdrawable", in: fixed) == .warning)
        #expect(severity("data-rights.consent-freedom-unknown", in: fixed) == .warning)
        #expect(!rules(fixed).contains("data-rights.consent-missing"))
        let unknownPay = evaluate(Self.exemplary { $0.paidDirectly = nil }, jurisdiction: "IN-HR").findings
        #expect(rules(unknownPay) == ["data-rights.direct-payment-unknown"])
        #expect(severity("data-rights.direct-payment-unknown", in: unknownPay) == .warning)
    }

    @Test func soldRecordingsWithoutBenefitSharingWarn() {
        let sold = evaluate(
            Self.exemplary {
                $0.benefitSharing = false
                $0.soldOrLicensed = true
            }, jurisdiction: "IN-HR"
        ).findings
        #expect(rules(sold) == ["data-rights.no-benefit-sharing"])
        #expect(severity("data-rights.no-benefit-sharing", in: sold) == .warning)
        #expect(
            sold.first?.message == "The recordings are sold or licensed, and the workers do not share in their value.")
    }

    // MARK: GDPR Art. 9

    @Test func biometricRecordingInGermanyNeedsExplicitConsentAndADPIA() throws {
        let (report, findings) = evaluate(
            Self.exemplary {
                $0.consent = nil
                $0.impactAssessment = false
            }, jurisdiction: "DE")
        #expect(report.frameworks.map(\.id) == ["recorded-work-standard", "gdpr-art9"])
        let consent = try #require(findings.first { $0.rule == "gdpr.art9-explicit-consent" })
        #expect(consent.severity == .blocking)
        #expect(
            consent.message
                == "GDPR Art. 9: processing special-category data needs explicit consent that can be withdrawn as easily as given."
        )
        #expect(severity("gdpr.dpia", in: findings) == .blocking, "a DPIA known not to be done")
        #expect(!rules(findings).contains("gdpr.employee-consent"), "a contractor")
    }

    @Test func consentThatCannotBeWithdrawnIsNotExplicit() {
        let findings = evaluate(Self.exemplary { $0.consent?.withdrawable = nil }, jurisdiction: "DE").findings
        #expect(severity("gdpr.art9-explicit-consent", in: findings) == .blocking)
    }

    @Test func anUnstatedDPIAWarns() {
        let findings = evaluate(Self.exemplary { $0.impactAssessment = nil }, jurisdiction: "DE").findings
        #expect(rules(findings) == ["gdpr.dpia"])
        #expect(severity("gdpr.dpia", in: findings) == .warning)
    }

    @Test func explicitConsentAndADPIASatisfyGDPR() throws {
        let (report, findings) = evaluate(Self.exemplary, jurisdiction: "DE")
        #expect(findings.isEmpty)
        let gdpr = try #require(report.frameworks.first { $0.id == "gdpr-art9" })
        #expect(gdpr.name == "GDPR Art. 9")
        #expect(gdpr.requirements.map(\.met) == [true, true, true])
    }

    @Test func employeeConsentIsRarelyFree() throws {
        let (report, findings) = evaluate(Self.exemplary, status: .employee, jurisdiction: "DE")
        #expect(rules(findings) == ["gdpr.employee-consent"])
        #expect(severity("gdpr.employee-consent", in: findings) == .warning)
        let gdpr = try #require(report.frameworks.first { $0.id == "gdpr-art9" })
        #expect(
            gdpr.requirements[2].met == nil, "free refusal is stated, but an employment relationship leaves it open")
        let unfree = evaluate(
            Self.exemplary { $0.canRefuseWithoutPenalty = false }, status: .vendorEmployee, jurisdiction: "DE")
        #expect(unfree.report.frameworks.first { $0.id == "gdpr-art9" }?.requirements[2].met == false)
        #expect(rules(unfree.findings).contains("gdpr.employee-consent"))
    }

    @Test func gdprCoversHealthInferenceAndTheUKButNotOrdinaryRecordings() throws {
        let health = evaluate(
            Self.exemplary {
                $0.biometric = false
                $0.consent = nil
            }, jurisdiction: "FR")
        #expect(rules(health.findings).contains("data-rights.consent-missing"))
        #expect(
            !rules(health.findings).contains("gdpr.art9-explicit-consent"), "neither biometric nor health inference")
        let inferred = evaluate(
            Self.exemplary {
                $0.biometric = false
                $0.healthInference = true
                $0.consent = nil
            }, jurisdiction: "FR")
        #expect(severity("gdpr.art9-explicit-consent", in: inferred.findings) == .blocking)
        let uk = evaluate(Self.exemplary { $0.consent = nil }, jurisdiction: "GB")
        #expect(uk.report.frameworks.first { $0.id == "gdpr-art9" }?.name == "UK GDPR Art. 9")
        #expect(
            uk.findings.first { $0.rule == "gdpr.art9-explicit-consent" }?.message.hasPrefix("UK GDPR Art. 9:") == true)
        #expect(
            !evaluate(Self.exemplary { $0.consent = nil }, jurisdiction: "US-CA").report.frameworks.contains {
                $0.id == "gdpr-art9"
            })
    }

    // MARK: Illinois BIPA

    @Test func bipaBlocksBiometricCollectionWithoutNoticeReleaseAndRetention() throws {
        let (report, findings) = evaluate(
            Self.exemplary {
                $0.consent = Consent(obtained: true, withdrawable: true)
                $0.consent?.onWithdrawal = .delete
                $0.retention = nil
            }, jurisdiction: "US-IL")
        #expect(report.frameworks.map(\.id) == ["recorded-work-standard", "illinois-bipa"])
        let finding = try #require(findings.first { $0.rule == "bipa.notice-and-release" })
        #expect(finding.severity == .blocking)
        #expect(
            finding.message
                == "Illinois BIPA: biometric collection lacks written notice of purpose and retention, a signed written release, a retention schedule."
        )
        #expect(!rules(findings).contains("bipa.no-profit"))
        let noRelease = evaluate(Self.exemplary { $0.consent?.written = false }, jurisdiction: "US-IL").findings
        #expect(
            noRelease.first { $0.rule == "bipa.notice-and-release" }?.message
                == "Illinois BIPA: biometric collection lacks a signed written release.")
    }

    @Test func bipaBlocksSellingBiometrics() {
        let findings = evaluate(Self.exemplary { $0.soldOrLicensed = true }, jurisdiction: "US-IL").findings
        #expect(rules(findings) == ["bipa.no-profit"])
        #expect(severity("bipa.no-profit", in: findings) == .blocking)
    }

    @Test func bipaIsSatisfiedByNoticeReleaseAndRetentionAndAppliesOnlyInIllinois() throws {
        let (report, findings) = evaluate(Self.exemplary, jurisdiction: "US-IL")
        #expect(findings.isEmpty)
        let bipa = try #require(report.frameworks.first { $0.id == "illinois-bipa" })
        #expect(bipa.requirements.map(\.met) == [true, true, true, true])
        let california = evaluate(
            Self.exemplary {
                $0.consent = nil
                $0.soldOrLicensed = true
            }, jurisdiction: "US-CA")
        #expect(!california.report.frameworks.contains { $0.id == "illinois-bipa" })
        #expect(!rules(california.findings).contains { $0.hasPrefix("bipa.") })
        let notBiometric = evaluate(
            Self.exemplary {
                $0.biometric = false
                $0.consent = nil
            }, jurisdiction: "US-IL")
        #expect(!rules(notBiometric.findings).contains { $0.hasPrefix("bipa.") })
    }

    // MARK: India DPDP

    @Test func dpdpWarnsBeforeItsDutiesApply() throws {
        let findings = evaluate(
            Self.exemplary { $0.consent?.itemisedNotice = nil }, jurisdiction: "IN-HR",
            asOf: ComplianceFixture.date(2027, 5, 12)
        ).findings
        let finding = try #require(findings.first { $0.rule == "dpdp.notice-and-consent" })
        #expect(finding.severity == .warning)
        #expect(
            finding.message == "India DPDP Act: recording lacks an itemised notice; the duties apply from 2027-05-13.")
    }

    @Test func dpdpBlocksFromItsDutiesDate() throws {
        let (report, findings) = evaluate(
            Self.exemplary { $0.consent?.itemisedNotice = nil }, jurisdiction: "IN-HR",
            asOf: ComplianceFixture.date(2027, 5, 13))
        let finding = try #require(findings.first { $0.rule == "dpdp.notice-and-consent" })
        #expect(finding.severity == .blocking)
        #expect(finding.message == "India DPDP Act: recording lacks an itemised notice.")
        #expect(report.frameworks.first { $0.id == "india-dpdp" }?.note == "Main duties apply since 2027-05-13.")
        // Consent that cannot be refused is not free under DPDP either.
        let unfree = evaluate(
            Self.exemplary { $0.canRefuseWithoutPenalty = false }, jurisdiction: "IN",
            asOf: ComplianceFixture.date(2027, 5, 13)
        ).findings
        #expect(
            unfree.first { $0.rule == "dpdp.notice-and-consent" }?.message
                == "India DPDP Act: recording lacks free and unconditional consent.")
        #expect(
            !rules(evaluate(Self.exemplary, jurisdiction: "IN-HR", asOf: ComplianceFixture.date(2027, 5, 13)).findings)
                .contains("dpdp.notice-and-consent"))
    }

    // MARK: EU Platform Work Directive: biometrics

    @Test func platformWorkersBiometricsForTrainingDataWarnPendingTransposition() throws {
        let (report, findings) = evaluate(
            Self.exemplary { $0.biometricUse = .trainingData }, status: .platformWorker, jurisdiction: "DE")
        #expect(report.frameworks.map(\.id) == ["recorded-work-standard", "gdpr-art9", "eu-platform-work-biometrics"])
        let finding = try #require(findings.first { $0.rule == "pwd.biometric-use" })
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "EU Platform Work Directive: platform workers' biometric data may be used for authentication only, not training-data. Member states apply this from 2026-12-02."
        )
    }

    @Test func platformWorkersBiometricsForIdentificationBlockAfterTheDeadline() throws {
        let findings = evaluate(
            Self.exemplary { $0.biometricUse = .identification }, status: .platformWorker, jurisdiction: "DE",
            asOf: ComplianceFixture.date(2026, 12, 2)
        ).findings
        let finding = try #require(findings.first { $0.rule == "pwd.biometric-use" })
        #expect(finding.severity == .blocking)
        #expect(
            finding.message
                == "EU Platform Work Directive: platform workers' biometric data may be used for authentication only, not identification."
        )
    }

    @Test func platformWorkersBiometricsForAuthenticationOnlyAreAllowed() throws {
        let (report, findings) = evaluate(
            Self.exemplary, status: .platformWorker, jurisdiction: "DE", asOf: ComplianceFixture.date(2026, 12, 2))
        #expect(!rules(findings).contains("pwd.biometric-use"))
        #expect(report.frameworks.first { $0.id == "eu-platform-work-biometrics" }?.requirements.map(\.met) == [true])
        let unstated = evaluate(
            Self.exemplary { $0.biometricUse = nil }, status: .platformWorker, jurisdiction: "DE",
            asOf: ComplianceFixture.date(2026, 12, 2))
        #expect(
            severity("pwd.biometric-use", in: unstated.findings) == .warning,
            "an unstated use warns, even after the deadline")
    }

    @Test func theBiometricRuleIsForPlatformWorkOnly() {
        let direct = evaluate(
            Self.exemplary { $0.biometricUse = .trainingData }, jurisdiction: "DE",
            engagement: Engagement(throughPlatform: false))
        #expect(!rules(direct.findings).contains("pwd.biometric-use"))
        #expect(!direct.report.frameworks.contains { $0.id == "eu-platform-work-biometrics" })
        let viaPlatform = evaluate(
            Self.exemplary { $0.biometricUse = .trainingData }, jurisdiction: "DE",
            engagement: Engagement(throughPlatform: true))
        #expect(rules(viaPlatform.findings).contains("pwd.biometric-use"))
        let kenya = evaluate(
            Self.exemplary { $0.biometricUse = .trainingData }, status: .platformWorker, jurisdiction: "KE")
        #expect(!rules(kenya.findings).contains("pwd.biometric-use"), "outside the EU")
    }

    // MARK: Scope

    @Test func workThatRecordsNobodyHasNoDataRightsFindings() throws {
        let (report, findings) = evaluate(
            DataRights(workerDataRecorded: false, biometric: true), jurisdiction: "DE", layer: .annotation)
        #expect(!report.applies)
        #expect(report.frameworks.isEmpty)
        #expect(findings.isEmpty)
        let engine = try ComplianceFixture.assess(ComplianceFixture.spec(jurisdiction: "DE", currency: "EUR"))
        #expect(!engine.dataRights.applies)
        #expect(
            !engine.rules.contains { $0.hasPrefix("data-rights.") || $0.hasPrefix("gdpr.") || $0.hasPrefix("pwd.") })
    }

    @Test func physicalDataWorkIsRecordedWorkEvenIfTheFlagIsMissing() {
        let (report, findings) = evaluate(
            DataRights(workerDataRecorded: false), jurisdiction: "US-CA", layer: .physicalData)
        #expect(report.applies)
        #expect(rules(findings).contains("data-rights.consent-missing"))
    }
}

/// The rule packs as registered: one per framework, each naming its primary source.
@Suite struct DataRightsRegistryTests {
    @Test("every registered data-rights rule has its own id and a citation")
    func registry() {
        let ids = DataRightsRules.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(DataRightsRules.rules.allSatisfy { !$0.citation.isEmpty })
        #expect(
            ids == [
                "recorded-work-standard", "eu-ai-act-emotion-recognition", "recorded-work-standard.payment-and-use",
                "gdpr-art9", "illinois-bipa", "india-dpdp", "eu-platform-work-biometrics",
            ])
    }
}
