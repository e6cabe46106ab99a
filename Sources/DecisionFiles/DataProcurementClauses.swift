import Compliance
import WorkModel

/// A contract term a buyer should require of a data vendor, and the findings of this file it answers.
public struct DataClause: Sendable, Codable, Hashable {
    /// A stable id for the clause.
    public var id: String
    /// A short heading for the clause.
    public var title: String
    /// The clause in words a procurement team can paste into a contract.
    public var text: String
    /// Finding rules of this file the term answers; empty when none is open.
    public var answers: [String]
}

extension DecisionFile {
    /// The procurement clause set for recorded work: consent records, direct payment evidence,
    /// an audit right, secondary-use and retention limits, and a grievance channel, in words a
    /// procurement team can paste, each tied to the open findings it answers.
    mutating func addDataClauses() {
        guard compliance.dataRights.applies else { return }
        // Only problems are answered; an info finding (the data payment reaches the band) is not one.
        let open = findings.filter { $0.severity != .info }.map(\.rule)
        func answering(_ prefixes: [String]) -> [String] {
            Array(Set(open.filter { rule in prefixes.contains { rule.hasPrefix($0) } })).sorted()
        }
        let payment = compliance.dataRights.payment
        let c = payment?.currency ?? band.currency
        let perHour =
            payment.map { figures -> String in
                let floor =
                    figures.buyerPerFootageHour.map { max(figures.workerPerRecordedHour, figures.threshold * $0) }
                    ?? figures.workerPerRecordedHour
                return floor > 0 ? " of at least \(Format.money(floor)) \(c) per recorded hour" : ""
            } ?? ""
        dataClauses = [
            DataClause(
                id: "consent-records", title: "Consent records",
                text:
                    "The vendor obtains each recorded worker's specific, informed consent in their language before recording, shows that refusing costs no work or pay, lets consent be withdrawn as easily as given, and on withdrawal deletes the worker's recordings or excludes them from every later training run. Signed records are kept for the life of the data and produced on request.",
                answers: answering([
                    "data-rights.consent", "data-rights.withdrawal", "gdpr.", "bipa.", "dpdp.", "eu-ai-act.",
                ])),
            DataClause(
                id: "direct-payment-evidence", title: "Direct payment evidence",
                text:
                    "The vendor pays each recorded worker directly for the data\(perHour), on top of the wage and shown on the payslip, and delivers with each dataset a payment record per worker cohort (payroll or transfer reference, number of workers, hours recorded, total paid): counts and totals, not bank details.",
                answers: answering([
                    "data-rights.not-paid-directly", "data-rights.direct-payment-unknown", "data-payment.",
                ])),
            DataClause(
                id: "audit-right", title: "Audit right",
                text:
                    "The buyer, or an auditor it names, may audit the consent records, the payment records and the sites where recording happens, with worker interviews out of management's hearing, at least once a year and after any complaint.",
                answers: answering([
                    "data-payment.paid-through-facility", "vendor.audit-overdue", "vendor.no-audit",
                    "vendor.supply-chain",
                ])),
            DataClause(
                id: "use-and-retention", title: "Secondary-use limits and retention",
                text:
                    "The data is used only for the purpose disclosed to the workers; any new use, resale or licence needs fresh consent and, where workers share in licensing, their share. Recordings are deleted at the end of the purpose or on the retention date stated in the contract, and the vendor certifies deletion.",
                answers: answering([
                    "data-rights.secondary-use", "data-rights.retention", "data-rights.downstream-use",
                    "data-rights.no-benefit-sharing",
                ])),
            DataClause(
                id: "grievance-channel", title: "Worker grievance channel",
                text:
                    "Recorded workers have a channel, independent of the facility and in their language, to raise complaints about recording, consent or payment, with a reply within 30 days and no retaliation; the vendor reports complaints and their outcomes to the buyer each quarter.",
                answers: answering([
                    "data-rights.consent-not-free", "data-rights.consent-freedom-unknown",
                    "data-payment.facility-paid-worker-not",
                ])),
        ]
    }
}
