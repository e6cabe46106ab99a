public import WorkModel

extension Vendor: StoredRecord {
    public static let table = "vendors"
    public static let entity = "vendor"
    public static let filters = [
        "country": "country", "contractSpecId": "contract_spec_id", "budgetOwner": "budget_owner",
    ]
    public static let sortColumn = "name"

    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        Check.required(name, "name", into: &problems)
        Check.money(annualSpendMinor, currency, "annualSpendMinor", "currency", into: &problems)
        Check.date(lastAudit, "lastAudit", into: &problems)
        Check.date(nextAudit, "nextAudit", into: &problems)
        Check.length(country, "country", max: 10, into: &problems)
        Check.length(notes, "notes", max: 4000, into: &problems)
        Check.length(auditFindings, "auditFindings", max: 4000, into: &problems)
        Check.length(contractSpecId, "contractSpecId", into: &problems)
        Check.length(budgetOwner, "budgetOwner", into: &problems)
        return problems
    }
}
