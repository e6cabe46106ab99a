/// An employee or contractor in the portfolio, with the pay that only admin and
/// compensation may see. Storage keeps it (`StoredRecord`); the portfolio reports read it.
public struct Person: Sendable, Codable, Equatable {
    public static let employmentKinds = ["employee", "contractor", "vendor-worker"]
    public static let payBases = ["hourly", "weekly", "monthly", "annual", "per-task"]

    public var id: String
    /// The HRIS identifier, so re-imports update rather than duplicate.
    public var externalId: String?
    public var name: String
    public var employment: String
    public var title: String?
    /// Ordinary basic pay in the currency's minor units on `payBasis`.
    public var payMinor: Int64?
    /// Complementary or variable pay for a year (bonus, commission, allowances, in cash or in
    /// kind) in the same currency's minor units: the EU Pay Transparency Directive (2023/970,
    /// Art. 3(1)(a)) counts it as pay and reports its gap separately (Art. 9(1)(b), (d), (e)).
    public var variablePayMinor: Int64?
    public var currency: String?
    public var payBasis: String?
    public var band: String?
    /// The band the person sat in before AI work reached them; compression shows against it.
    public var legacyBand: String?
    /// The layer of the work they actually do, which may not be what their title says.
    public var workLayer: String?
    public var location: String?
    public var hireDate: String?
    public var managerId: String?
    /// The role spec (wage file) that prices this person's work.
    public var specId: String?
    public var budgetOwner: String?
    /// Contracted hours a week; annualizing hourly pay and comparing part-timers needs it.
    public var hoursPerWeek: Double?
    /// The person's id in judgment files, so agreement and gold accuracy count as evidence.
    public var reviewerId: String?
    /// Pay-equity group labels as `key=value; key=value` (for example `gender=F`), only when
    /// the organization chooses to supply them.
    public var equityGroups: String?
    public var revision: Int
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: String, externalId: String? = nil, name: String, employment: String, title: String? = nil,
        payMinor: Int64? = nil, currency: String? = nil, payBasis: String? = nil, band: String? = nil,
        legacyBand: String? = nil, workLayer: String? = nil, location: String? = nil, hireDate: String? = nil,
        managerId: String? = nil, specId: String? = nil, budgetOwner: String? = nil, hoursPerWeek: Double? = nil,
        reviewerId: String? = nil, equityGroups: String? = nil, variablePayMinor: Int64? = nil,
        revision: Int = 1, createdAt: String = "", updatedAt: String = ""
    ) {
        self.id = id
        self.externalId = externalId
        self.name = name
        self.employment = employment
        self.title = title
        self.payMinor = payMinor
        self.currency = currency
        self.payBasis = payBasis
        self.band = band
        self.legacyBand = legacyBand
        self.workLayer = workLayer
        self.location = location
        self.hireDate = hireDate
        self.managerId = managerId
        self.specId = specId
        self.budgetOwner = budgetOwner
        self.hoursPerWeek = hoursPerWeek
        self.reviewerId = reviewerId
        self.equityGroups = equityGroups
        self.variablePayMinor = variablePayMinor
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The same record with individual pay and pay-equity labels removed, for roles that may
    /// not see them.
    public var withoutPay: Person {
        var copy = self
        copy.payMinor = nil
        copy.variablePayMinor = nil
        copy.equityGroups = nil
        return copy
    }

    /// `equityGroups` parsed; nil when a part is not `key=value`.
    public var groupLabels: [String: String]? {
        func trimmed(_ text: Substring) -> String {
            String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        }
        guard let text = equityGroups, !trimmed(Substring(text)).isEmpty else { return [:] }
        var labels: [String: String] = [:]
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1).map(trimmed)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else { return nil }
            labels[pieces[0]] = pieces[1]
        }
        return labels
    }

    public var isInternal: Bool { employment == "employee" }
}

/// A supplier of AI training work: annotation vendors, expert networks, data brokers.
public struct Vendor: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    /// ISO country code of the vendor's workforce, for floors and classification.
    public var country: String?
    /// The vendor contract spec whose decision file carries the checklist and supply-chain findings.
    public var contractSpecId: String?
    public var annualSpendMinor: Int64?
    public var currency: String?
    public var budgetOwner: String?
    public var lastAudit: String?
    /// When the next audit is due; the register flags it once past.
    public var nextAudit: String?
    /// What the last audit found, in the auditor's words.
    public var auditFindings: String?
    /// The last audit left a blocking finding open (unpaid wages, no grievance route, ...).
    public var auditBlocking: Bool
    public var notes: String?
    public var revision: Int
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: String, name: String, country: String? = nil, contractSpecId: String? = nil,
        annualSpendMinor: Int64? = nil, currency: String? = nil, budgetOwner: String? = nil,
        lastAudit: String? = nil, nextAudit: String? = nil, auditFindings: String? = nil, auditBlocking: Bool = false,
        notes: String? = nil, revision: Int = 1, createdAt: String = "", updatedAt: String = ""
    ) {
        self.id = id
        self.name = name
        self.country = country
        self.contractSpecId = contractSpecId
        self.annualSpendMinor = annualSpendMinor
        self.currency = currency
        self.budgetOwner = budgetOwner
        self.lastAudit = lastAudit
        self.nextAudit = nextAudit
        self.auditFindings = auditFindings
        self.auditBlocking = auditBlocking
        self.notes = notes
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, country, contractSpecId, annualSpendMinor, currency, budgetOwner, lastAudit, nextAudit,
            auditFindings,
            auditBlocking, notes, revision, createdAt, updatedAt
    }

    // `auditBlocking` may be left out (no open blocking audit finding), as clients written
    // before it existed do.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            country: try c.decodeIfPresent(String.self, forKey: .country),
            contractSpecId: try c.decodeIfPresent(String.self, forKey: .contractSpecId),
            annualSpendMinor: try c.decodeIfPresent(Int64.self, forKey: .annualSpendMinor),
            currency: try c.decodeIfPresent(String.self, forKey: .currency),
            budgetOwner: try c.decodeIfPresent(String.self, forKey: .budgetOwner),
            lastAudit: try c.decodeIfPresent(String.self, forKey: .lastAudit),
            nextAudit: try c.decodeIfPresent(String.self, forKey: .nextAudit),
            auditFindings: try c.decodeIfPresent(String.self, forKey: .auditFindings),
            auditBlocking: try c.decodeIfPresent(Bool.self, forKey: .auditBlocking) ?? false,
            notes: try c.decodeIfPresent(String.self, forKey: .notes),
            revision: try c.decode(Int.self, forKey: .revision),
            createdAt: try c.decode(String.self, forKey: .createdAt),
            updatedAt: try c.decode(String.self, forKey: .updatedAt))
    }
}

/// A training dataset, linked to the wage file of the work that produced it.
public struct Dataset: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var vendorId: String?
    /// The role or contract spec of the people whose work made the data.
    public var sourceSpecId: String?
    public var description: String?
    /// Whether the data records people working (movements, voices, screens), which brings consent rules.
    public var recordedWork: Bool
    /// Where the consent records are kept; required when `recordedWork` is true.
    public var consentRecord: String?
    public var retention: String?
    /// Proof that the data payment reached the recorded workers: a payroll or transfer record
    /// reference per worker cohort, with the number of workers paid and the total (counts and
    /// totals, never personal bank details).
    public var paymentEvidence: String?
    public var paidWorkers: Int?
    public var paidTotalMinor: Int64?
    public var paidCurrency: String?
    public var revision: Int
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: String, name: String, vendorId: String? = nil, sourceSpecId: String? = nil, description: String? = nil,
        recordedWork: Bool = false, consentRecord: String? = nil, retention: String? = nil,
        paymentEvidence: String? = nil, paidWorkers: Int? = nil, paidTotalMinor: Int64? = nil,
        paidCurrency: String? = nil,
        revision: Int = 1, createdAt: String = "", updatedAt: String = ""
    ) {
        self.paymentEvidence = paymentEvidence
        self.paidWorkers = paidWorkers
        self.paidTotalMinor = paidTotalMinor
        self.paidCurrency = paidCurrency
        self.id = id
        self.name = name
        self.vendorId = vendorId
        self.sourceSpecId = sourceSpecId
        self.description = description
        self.recordedWork = recordedWork
        self.consentRecord = consentRecord
        self.retention = retention
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One person read from an export row, not yet stored: the database gives the id and resolves
/// the manager, whose HRIS id the row names.
public struct ImportedPerson: Sendable, Equatable {
    public var line: Int
    public var person: Person
    public var managerExternalId: String?

    public init(line: Int, person: Person, managerExternalId: String?) {
        self.line = line
        self.person = person
        self.managerExternalId = managerExternalId
    }
}
