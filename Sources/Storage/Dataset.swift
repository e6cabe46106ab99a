public import WorkModel

extension Dataset: StoredRecord {
    public static let table = "datasets"
    public static let entity = "dataset"
    public static let filters = ["vendorId": "vendor_id", "sourceSpecId": "source_spec_id"]
    public static let sortColumn = "name"

    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        Check.required(name, "name", into: &problems)
        Check.length(description, "description", max: 4000, into: &problems)
        Check.length(consentRecord, "consentRecord", into: &problems)
        Check.length(retention, "retention", into: &problems)
        return problems
    }
}
