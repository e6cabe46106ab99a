public import WorkModel
public import Compliance
import DecisionFiles

/// Every vendor with what a buyer must know: the procurement checklist answers and supply-chain
/// risks from its contract's wage file, audit dates and what the audit found, and the findings.
/// Vendors with an open blocking finding come first and say why.
public struct VendorRegister: Sendable, Codable {
    public var schema = "wagefile.vendors/v1"
    public var asOf: String
    public var vendors: [Entry]
    public var blockingVendors: Int
    public var notes: [String]
    public var disclaimer: String

    public struct Entry: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var country: String?
        /// Left out for roles that may not see commercial terms.
        public var annualSpend: Double?
        public var currency: String?
        public var budgetOwner: String?
        public var contractSpecId: String?
        public var wageFile: WageFileLink?
        public var checklist: [OversightItem]
        public var supplyChain: [OversightItem]
        public var lastAudit: String?
        public var auditAgeMonths: Int?
        public var nextAudit: String?
        public var auditOverdue: Bool
        public var auditFindings: String?
        public var findings: [Finding]
        public var openBlocking: Bool
        public var blockingReasons: [String]
    }
}

/// Which wage file a vendor or dataset rests on.
public struct WageFileLink: Sendable, Codable, Hashable {
    public var specId: String
    public var title: String
    public var layer: String
    public var evaluatedOn: String
    public var blocking: Bool
}

extension WageFileLink {
    init(_ file: DecisionFile) {
        self.init(specId: file.spec.id, title: file.spec.title, layer: file.layer, evaluatedOn: file.evaluatedOn, blocking: file.blocking)
    }
}

extension VendorRegister {
    public static func build(_ snapshot: PortfolioSnapshot, includeSpend: Bool) -> VendorRegister {
        var entries: [Entry] = []
        for vendor in snapshot.vendors {
            let file = vendor.contractSpecId.flatMap { snapshot.wageFiles[$0] }
            let oversight = file?.compliance.vendor
            var reasons: [String] = []
            if vendor.contractSpecId == nil {
                reasons.append("no vendor contract spec: the work it supplies has no wage file")
            } else if file == nil {
                reasons.append("the contract spec '\(vendor.contractSpecId ?? "")' has no decision file yet")
            }
            for finding in file?.findings ?? [] where finding.severity == .blocking {
                reasons.append("\(finding.rule): \(finding.message)")
            }
            if vendor.auditBlocking {
                reasons.append("the last audit left a blocking finding open\(vendor.auditFindings.map { ": \($0)" } ?? "")")
            }
            let lastAudit = vendor.lastAudit ?? oversight?.lastAudit
            let age = lastAudit.flatMap(CalendarDate.init).map { $0.months(until: snapshot.asOf) }
            let overdue = vendor.nextAudit.flatMap(CalendarDate.init).map { $0 < snapshot.asOf } ?? false
            if overdue { reasons.append("the audit due \(vendor.nextAudit ?? "") has not been recorded") }
            entries.append(Entry(
                id: vendor.id, name: vendor.name, country: vendor.country,
                annualSpend: includeSpend ? vendor.annualSpendMinor.map { Money(minorUnits: $0, currency: vendor.currency ?? "USD").amount } : nil,
                currency: vendor.currency, budgetOwner: vendor.budgetOwner ?? file?.budgetOwner, contractSpecId: vendor.contractSpecId,
                wageFile: file.map(WageFileLink.init), checklist: oversight?.checklist ?? [], supplyChain: oversight?.supplyChain ?? [],
                lastAudit: lastAudit, auditAgeMonths: age, nextAudit: vendor.nextAudit, auditOverdue: overdue,
                auditFindings: vendor.auditFindings, findings: file?.findings ?? [], openBlocking: !reasons.isEmpty, blockingReasons: reasons))
        }
        entries.sort { ($0.openBlocking ? 0 : 1, $0.name, $0.id) < ($1.openBlocking ? 0 : 1, $1.name, $1.id) }
        return VendorRegister(
            asOf: snapshot.asOf.description, vendors: entries, blockingVendors: entries.filter(\.openBlocking).count,
            notes: [
                "Checklist and supply-chain answers come from each vendor contract's wage file; audit dates and findings from the vendor record.",
                "Blocking: a blocking finding in the contract's wage file, a blocking audit finding left open, an overdue audit, or no wage file at all.",
            ],
            disclaimer: Disclaimer.text)
    }
}
