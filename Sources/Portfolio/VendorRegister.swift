public import Compliance
import DecisionFiles
public import WorkModel

/// Every vendor with what a buyer must know: the procurement checklist answers and supply-chain
/// risks from its contract's wage file, audit dates and what the audit found, and the findings.
/// Vendors with an open blocking finding come first and say why.
public struct VendorRegister: Sendable, Codable {
    /// The register's schema id, `wagefile.vendors/v1`.
    public var schema = "wagefile.vendors/v1"
    /// The snapshot date audit ages are counted to.
    public var asOf: String
    /// One entry per vendor, blocking ones first.
    public var vendors: [Entry]
    /// Vendors with an open blocking finding.
    public var blockingVendors: Int
    /// How the register was made, in words.
    public var notes: [String]
    /// Decision support, not legal advice.
    public var disclaimer: String

    /// One vendor: commercial terms, the wage file of its contract, oversight answers and what blocks it.
    public struct Entry: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        /// Where the vendor is based.
        public var country: String?
        /// Left out for roles that may not see commercial terms.
        public var annualSpend: Double?
        /// The currency of ``annualSpend``.
        public var currency: String?
        /// The budget the spend comes from.
        public var budgetOwner: String?
        /// The spec of the vendor contract.
        public var contractSpecId: String?
        /// That spec's wage file; nil when none is computed.
        public var wageFile: WageFileLink?
        /// The procurement checklist answers from the wage file.
        public var checklist: [OversightItem]
        /// The supply-chain risks from the wage file.
        public var supplyChain: [OversightItem]
        /// The date of the last audit (the vendor record's, else the wage file's).
        public var lastAudit: String?
        /// Months since the last audit.
        public var auditAgeMonths: Int?
        /// The date the next audit is due, as recorded.
        public var nextAudit: String?
        /// True when the next audit's date has passed.
        public var auditOverdue: Bool
        /// What the last audit found, as recorded.
        public var auditFindings: String?
        /// The wage file's findings.
        public var findings: [Finding]
        /// True when anything in ``blockingReasons`` is open.
        public var openBlocking: Bool
        /// What blocks the vendor: no contract spec or wage file, blocking findings, an open audit finding.
        public var blockingReasons: [String]
    }
}

/// Which wage file a vendor or dataset rests on.
public struct WageFileLink: Sendable, Codable, Hashable {
    /// The spec id.
    public var specId: String
    /// The spec's title.
    public var title: String
    /// The wage file's work layer.
    public var layer: String
    /// The date the wage file was computed for.
    public var evaluatedOn: String
    /// True when the wage file has a blocking finding.
    public var blocking: Bool
}

extension WageFileLink {
    init(_ file: DecisionFile) {
        self.init(
            specId: file.spec.id, title: file.spec.title, layer: file.layer, evaluatedOn: file.evaluatedOn,
            blocking: file.blocking)
    }
}

extension VendorRegister {
    /// The register of every vendor in the snapshot; `includeSpend` false leaves out commercial terms.
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
                reasons.append(
                    "the last audit left a blocking finding open\(vendor.auditFindings.map { ": \($0)" } ?? "")")
            }
            let lastAudit = vendor.lastAudit ?? oversight?.lastAudit
            let age = lastAudit.flatMap(CalendarDate.init).map { $0.months(until: snapshot.asOf) }
            let overdue = vendor.nextAudit.flatMap(CalendarDate.init).map { $0 < snapshot.asOf } ?? false
            if overdue { reasons.append("the audit due \(vendor.nextAudit ?? "") has not been recorded") }
            entries.append(
                Entry(
                    id: vendor.id, name: vendor.name, country: vendor.country,
                    annualSpend: includeSpend
                        ? vendor.annualSpendMinor.map {
                            Money(minorUnits: $0, currency: vendor.currency ?? "USD").amount
                        } : nil,
                    currency: vendor.currency, budgetOwner: vendor.budgetOwner ?? file?.budgetOwner,
                    contractSpecId: vendor.contractSpecId,
                    wageFile: file.map(WageFileLink.init), checklist: oversight?.checklist ?? [],
                    supplyChain: oversight?.supplyChain ?? [],
                    lastAudit: lastAudit, auditAgeMonths: age, nextAudit: vendor.nextAudit, auditOverdue: overdue,
                    auditFindings: vendor.auditFindings, findings: file?.findings ?? [], openBlocking: !reasons.isEmpty,
                    blockingReasons: reasons))
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
