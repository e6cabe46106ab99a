/// An employee or contractor in the portfolio, with the pay that only admin and
/// compensation may see.
public struct Person: StoredRecord {
    public static let table = "people"
    public static let entity = "person"
    public static let filters = [
        "employment": "employment", "workLayer": "work_layer", "band": "band", "managerId": "manager_id",
        "specId": "spec_id", "budgetOwner": "budget_owner", "location": "location",
    ]
    public static let sortColumn = "name"
    public static let employmentKinds = ["employee", "contractor", "vendor-worker"]
    public static let payBases = ["hourly", "weekly", "monthly", "annual", "per-task"]

    public var id: String
    /// The HRIS identifier, so re-imports update rather than duplicate.
    public var externalId: String?
    public var name: String
    public var employment: String
    public var title: String?
    /// Pay in the currency's minor units on `payBasis`.
    public var payMinor: Int64?
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
    public var revision: Int
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: String, externalId: String? = nil, name: String, employment: String, title: String? = nil,
        payMinor: Int64? = nil, currency: String? = nil, payBasis: String? = nil, band: String? = nil,
        legacyBand: String? = nil, workLayer: String? = nil, location: String? = nil, hireDate: String? = nil,
        managerId: String? = nil, specId: String? = nil, budgetOwner: String? = nil,
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
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        Check.required(name, "name", into: &problems)
        Check.oneOf(employment, Person.employmentKinds, "employment", into: &problems)
        Check.money(payMinor, currency, "payMinor", "currency", into: &problems)
        Check.oneOf(payBasis, Person.payBases, "payBasis", into: &problems)
        if payMinor != nil && payBasis == nil { problems.append(FieldProblem("payBasis", "is required when payMinor is given")) }
        Check.oneOf(workLayer, Check.workLayers, "workLayer", into: &problems)
        Check.date(hireDate, "hireDate", into: &problems)
        for (value, field) in [(externalId, "externalId"), (title, "title"), (band, "band"), (legacyBand, "legacyBand"),
                               (location, "location"), (specId, "specId"), (budgetOwner, "budgetOwner")] {
            Check.length(value, field, into: &problems)
        }
        if managerId == id { problems.append(FieldProblem("managerId", "a person cannot manage themselves")) }
        return problems
    }

    /// The same record with individual pay removed, for roles that may not see it.
    public var withoutPay: Person {
        var copy = self
        copy.payMinor = nil
        return copy
    }
}
