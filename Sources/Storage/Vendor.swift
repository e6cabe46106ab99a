package import WorkModel

extension Vendor: StoredRecord {
    package static let table = "vendors"
    package static let entity = "vendor"
    package static let filters = [
        "country": "country", "contractSpecId": "contract_spec_id", "budgetOwner": "budget_owner",
    ]
    package static let sortColumn = "name"

    package func problems() -> [FieldProblem] {
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
