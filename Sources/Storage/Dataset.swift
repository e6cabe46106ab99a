/// A training dataset, linked to the wage file of the work that produced it.
public struct Dataset: StoredRecord {
    public static let table = "datasets"
    public static let entity = "dataset"
    public static let filters = ["vendorId": "vendor_id", "sourceSpecId": "source_spec_id"]
    public static let sortColumn = "name"

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
    public var revision: Int
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: String, name: String, vendorId: String? = nil, sourceSpecId: String? = nil, description: String? = nil,
        recordedWork: Bool = false, consentRecord: String? = nil, retention: String? = nil,
        revision: Int = 1, createdAt: String = "", updatedAt: String = ""
    ) {
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

    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        Check.required(name, "name", into: &problems)
        Check.length(description, "description", max: 4000, into: &problems)
        Check.length(consentRecord, "consentRecord", into: &problems)
        Check.length(retention, "retention", into: &problems)
        return problems
    }
}
