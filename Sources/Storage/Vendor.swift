/// A supplier of AI training work: annotation vendors, expert networks, data brokers.
public struct Vendor: StoredRecord {
    public static let table = "vendors"
    public static let entity = "vendor"
    public static let filters = ["country": "country", "contractSpecId": "contract_spec_id", "budgetOwner": "budget_owner"]
    public static let sortColumn = "name"

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
    public var notes: String?
    public var revision: Int
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: String, name: String, country: String? = nil, contractSpecId: String? = nil,
        annualSpendMinor: Int64? = nil, currency: String? = nil, budgetOwner: String? = nil,
        lastAudit: String? = nil, notes: String? = nil, revision: Int = 1, createdAt: String = "", updatedAt: String = ""
    ) {
        self.id = id
        self.name = name
        self.country = country
        self.contractSpecId = contractSpecId
        self.annualSpendMinor = annualSpendMinor
        self.currency = currency
        self.budgetOwner = budgetOwner
        self.lastAudit = lastAudit
        self.notes = notes
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        Check.required(name, "name", into: &problems)
        Check.money(annualSpendMinor, currency, "annualSpendMinor", "currency", into: &problems)
        Check.date(lastAudit, "lastAudit", into: &problems)
        Check.length(country, "country", max: 10, into: &problems)
        Check.length(notes, "notes", max: 4000, into: &problems)
        Check.length(contractSpecId, "contractSpecId", into: &problems)
        Check.length(budgetOwner, "budgetOwner", into: &problems)
        return problems
    }
}
