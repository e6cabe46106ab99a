import Compliance
import DecisionFiles
import Foundation
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// Recorded work priced: the data payment beside the wage, worked by hand on the two Gurugram
/// examples (120 sewing operators, 48 h a week of which 40 recorded; the buyer pays 2,500 INR
/// an hour of footage; the facility 200,000 INR a month for access).
@Suite("Recorded work: the data payment")
struct DataPaymentTests {
    static func example(_ name: String, edit: (String) -> String = { $0 }) throws -> DecisionFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../examples/\(name).yaml")
        return try Shipped.get().builder.build(try readSpec(edit(try String(contentsOf: url, encoding: .utf8))))
    }

    @Test(
        "with a fair data payment: 550 INR a recorded hour, 22 % of the buyer's price, the wage and data pay inside the band"
    )
    func fairPayment() throws {
        let file = try Self.example("gurugram-garment-egocentric-fair-pay")
        let figures = try #require(file.compliance.dataRights.payment)
        // 40 h x 52 / 12 = 173.33 recorded hours a month.
        #expect(figures.recordedHoursPerMonth == 173.33)
        // 400 + 6 % of 2,500 = 550 INR per recorded hour; x 173.33 = 95,333.33 a month.
        #expect(figures.workerPerRecordedHour == 550 && figures.workerPerMonth == 95_333.33)
        #expect(figures.workerShareOfBuyerPrice == 0.22)
        // Facility: 200,000 / (120 x 173.33) = 9.615 INR an hour of footage = 0.38 % of 2,500.
        #expect(figures.facilityPerFootageHour == 9.62 && figures.facilityShareOfBuyerPrice == 0.0038)
        // The data company keeps 1 - 0.22 - 0.003846 - 0.02 = 0.7562.
        #expect(figures.fundShareOfBuyerPrice == 0.02 && figures.sellerShareOfBuyerPrice == 0.7562)
        // 95,333.33 / 13,100 = 7.2774 times the monthly wage.
        #expect(figures.shareOfWage == 7.2774)
        #expect(!file.findings.contains { $0.rule.hasPrefix("data-payment.") && $0.severity != .info })
        // Wage 62.98 + 550 x 40 / 48 = 521.31 INR/h against a band minimum of 517.34: inside.
        let priced = try #require(file.findings.first { $0.rule == "data-payment.prices-the-data-work" })
        #expect(priced.message.contains("521.31 INR/h, inside the band"))
        #expect(!file.findings.contains { $0.rule == "green-circle" })
    }

    @Test("without one: the facility is paid 200,000 a month and the workers nothing, a blocking finding")
    func facilityPaidWorkerNot() throws {
        let file = try Self.example("gurugram-garment-egocentric")
        let figures = try #require(file.compliance.dataRights.payment)
        #expect(figures.workerPerRecordedHour == 0 && figures.workerShareOfBuyerPrice == 0)
        #expect(figures.sellerShareOfBuyerPrice == 0.9962)
        #expect(file.findings.first { $0.rule == "data-payment.facility-paid-worker-not" }?.severity == .blocking)
        // The zero share is that finding, not a second one.
        #expect(!file.findings.contains { $0.rule == "data-payment.worker-share-below-policy" })
        // The direct-payment clause answers it and names the policy's 10 % of 2,500 = 250 per recorded hour.
        let clause = try #require(file.dataClauses?.first { $0.id == "direct-payment-evidence" })
        #expect(clause.answers.contains("data-payment.facility-paid-worker-not"))
        #expect(clause.text.contains("of at least 250.00 INR per recorded hour"))
        #expect(
            file.dataClauses?.map(\.id) == [
                "consent-records", "direct-payment-evidence", "audit-right", "use-and-retention", "grievance-channel",
            ])
        #expect(MarkdownRendering.render(file).contains("## Contract terms to require of the data vendor"))
    }

    @Test("the policy threshold on both sides: 9.9 % of the buyer's price warns, 10 % does not")
    func workerShareThreshold() throws {
        func share(_ perHour: String) throws -> DecisionFile {
            try Self.example("gurugram-garment-egocentric-fair-pay") {
                $0.replacingOccurrences(
                    of: "per_recorded_hour: 400\n      share_of_sale: 0.06",
                    with: "per_recorded_hour: \(perHour)\n      share_of_sale: 0")
            }
        }
        // 247.50 / 2,500 = 9.9 %; 250 / 2,500 = 10 %.
        let below = try share("247.50")
        let finding = try #require(below.findings.first { $0.rule == "data-payment.worker-share-below-policy" })
        #expect(
            finding.severity == .warning
                && finding.evidence.contains { $0.contains("a policy choice, not a market rate") })
        #expect(!(try share("250")).findings.contains { $0.rule == "data-payment.worker-share-below-policy" })
    }

    @Test("a licence price is spread over the hours it covers; a share without a price is named")
    func licenceAndUnknownPrice() throws {
        // 100,000 INR for a licence to 50 hours = 2,000 INR an hour; 6 % of it = 120 + 400 = 520.
        let licence = try Self.example("gurugram-garment-egocentric-fair-pay") {
            $0.replacingOccurrences(
                of: "buyer_pays: {per_footage_hour: 2500}",
                with: "buyer_pays: {per_licence: 100000, licence_footage_hours: 50}")
        }
        #expect(licence.compliance.dataRights.payment?.buyerPerFootageHour == 2_000)
        #expect(licence.compliance.dataRights.payment?.workerPerRecordedHour == 520)
        let unknown = try Self.example("gurugram-garment-egocentric-fair-pay") {
            $0.replacingOccurrences(of: "    buyer_pays: {per_footage_hour: 2500}\n", with: "")
        }
        #expect(unknown.findings.contains { $0.rule == "data-payment.buyer-price-unknown" })
        #expect(unknown.compliance.dataRights.payment?.workerPerRecordedHour == 400)
        #expect(unknown.compliance.dataRights.payment?.notes.contains { $0.contains("is not priced") } == true)
    }

    @Test("a data vendor's footage: 2 % to the workers through the site, 5.6 % to the site, 92.4 % kept")
    func vendorFootage() throws {
        let file = try Self.example("vendor-egocentric-footage")
        let figures = try #require(file.compliance.dataRights.payment)
        // 36 h x 52 / 12 = 156 recorded hours a month; 2 % of 2,500 = 50 INR an hour, 7,800 a month.
        #expect(
            figures.recordedHoursPerMonth == 156 && figures.workerPerRecordedHour == 50
                && figures.workerPerMonth == 7_800)
        // Site: 5 % of 2,500 = 125, plus 150,000 / (60 x 156) = 16.03: 141.03 an hour = 5.64 %.
        #expect(figures.facilityPerFootageHour == 141.03 && figures.facilityShareOfBuyerPrice == 0.0564)
        #expect(figures.sellerShareOfBuyerPrice == 0.9236)
        let rules = Set(file.findings.map(\.rule))
        #expect(
            rules.isSuperset(of: [
                "data-payment.worker-share-below-policy", "data-payment.paid-through-facility",
                "data-rights.consent-not-free",
            ]))
        // The payment-proof and audit clauses answer the payment going through the site.
        // Low wages and weak transparency in the vendor's supply chain are the audit's business too.
        #expect(
            file.dataClauses?.first { $0.id == "audit-right" }?.answers
                == [
                    "data-payment.paid-through-facility", "vendor.supply-chain-unassessed",
                    "vendor.supply-chain.low-wages", "vendor.supply-chain.weak-transparency",
                ])
    }

    @Test("a payment block the reader refuses, with the field")
    func badPayments() throws {
        let reader = try Shipped.get().reader
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../examples/gurugram-garment-egocentric-fair-pay.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        func fields(_ edited: String) -> [String] {
            if case .failure(let error) = reader.read(edited, file: "x.yaml") { return error.diagnostics.map(\.field) }
            return []
        }
        // 0.99 to the worker and 0.02 to the fund: 1.01 of the sale.
        #expect(
            fields(text.replacingOccurrences(of: "share_of_sale: 0.06", with: "share_of_sale: 0.99")) == [
                "data_rights.payment"
            ])
        #expect(
            fields(text.replacingOccurrences(of: "{per_footage_hour: 2500}", with: "{per_licence: 100000}")) == [
                "data_rights.payment.buyer_pays.licence_footage_hours"
            ])
        #expect(
            fields(
                text.replacingOccurrences(
                    of: "{per_footage_hour: 2500}", with: "{per_footage_hour: 2500, per_licence: 5}")
            ).contains("data_rights.payment.buyer_pays"))
    }
}

@Suite("Recorded work: consent withdrawal and the EU AI Act")
struct RecordedWorkLawTests {
    static func file(jurisdiction: String, onWithdrawal: String?, emotion: Bool = false) throws -> DecisionFile {
        try DataPaymentTests.example("gurugram-garment-egocentric-fair-pay") { text in
            var edited = text.replacingOccurrences(
                of: "    on_withdrawal: delete\n", with: onWithdrawal.map { "    on_withdrawal: \($0)\n" } ?? "")
            if jurisdiction != "IN-HR" {
                edited = edited.replacingOccurrences(
                    of: "  jurisdiction: IN-HR\n  location: Gurugram\n", with: "  jurisdiction: \(jurisdiction)\n"
                )
                .replacingOccurrences(of: "  skill_level: skilled-a\n", with: "")
            }
            if emotion {
                edited = edited.replacingOccurrences(
                    of: "  biometric: true\n", with: "  biometric: true\n  emotion_inference: true\n")
            }
            return edited
        }
    }

    @Test("withdrawal with nothing said about the recordings already taken warns")
    func withdrawalUnstated() throws {
        #expect(
            try Self.file(jurisdiction: "IN-HR", onWithdrawal: nil).findings.first {
                $0.rule == "data-rights.withdrawal-effect-unstated"
            }?.severity == .warning)
        #expect(
            !(try Self.file(jurisdiction: "IN-HR", onWithdrawal: "exclude-from-future-training")).findings.contains {
                $0.rule.hasPrefix("data-rights.withdrawal")
            })
    }

    @Test("GDPR Art. 17(1)(b): recordings kept after withdrawal block in the EU and warn elsewhere")
    func keptAfterWithdrawal() throws {
        #expect(
            try Self.file(jurisdiction: "DE", onWithdrawal: "keep").findings.first {
                $0.rule == "data-rights.withdrawal-keeps-recordings"
            }?.severity == .blocking)
        #expect(
            try Self.file(jurisdiction: "IN-HR", onWithdrawal: "keep").findings.first {
                $0.rule == "data-rights.withdrawal-keeps-recordings"
            }?.severity == .warning)
    }

    @Test("AI Act Art. 5(1)(f): inferring workers' emotions is prohibited in the EU since 2025-02-02")
    func emotionRecognition() throws {
        let germany = try Self.file(jurisdiction: "DE", onWithdrawal: "delete", emotion: true)
        #expect(germany.findings.first { $0.rule == "eu-ai-act.workplace-emotion-recognition" }?.severity == .blocking)
        #expect(germany.compliance.dataRights.frameworks.contains { $0.id == "eu-ai-act-emotion-recognition" })
        #expect(
            !(try Self.file(jurisdiction: "IN-HR", onWithdrawal: "delete", emotion: true)).findings.contains {
                $0.rule.hasPrefix("eu-ai-act")
            })
    }
}
