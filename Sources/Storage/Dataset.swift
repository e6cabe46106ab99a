package import WorkModel

extension Dataset: StoredRecord {
    package static let table = "datasets"
    package static let entity = "dataset"
    package static let filters = ["vendorId": "vendor_id", "sourceSpecId": "source_spec_id"]
    package static let sortColumn = "name"

    package func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        Check.required(name, "name", into: &problems)
        Check.length(description, "description", max: 4000, into: &problems)
        Check.length(consentRecord, "consentRecord", into: &problems)
        Check.length(retention, "retention", into: &problems)
        Check.length(paymentEvidence, "paymentEvidence", into: &problems)
        if let paidWorkers, paidWorkers < 0 {
            problems.append(FieldProblem("paidWorkers", "must be 0 or more; got \(paidWorkers)"))
        }
        Check.money(paidTotalMinor, paidCurrency, "paidTotalMinor", "paidCurrency", into: &problems)
        return problems
    }
}
