/// What the work is, whatever the title says. The seven layers of the compensation map in
/// "AI Training Work Splits the Pay Band" (June 2026).
public enum WorkLayer: String, Sendable, Codable, CaseIterable, Hashable {
    case annotation
    case evaluation
    case expertReview = "expert-review"
    case dataQualityOps = "data-quality-ops"
    case appliedAIOps = "applied-ai-ops"
    case physicalData = "physical-data"
    case evaluationLead = "evaluation-lead"
}

/// The four labour markets stacked under the one "AI trainer" title.
public enum LaborSegment: String, Sendable, Codable, CaseIterable, Hashable {
    case commodityAnnotation = "commodity-annotation"
    case evaluationQA = "evaluation-qa"
    case expertTraining = "expert-training"
    case appliedAIOperations = "applied-ai-operations"
}

/// Whether the work trains the model, evaluates it, deploys it inside an organization, or
/// produces physical-world data (question 2 of the decision file).
public enum Direction: String, Sendable, Codable, CaseIterable, Hashable {
    case train
    case evaluate
    case deploy
    case physicalData = "physical-data"
}

/// The worker's status, which drives classification checks and which protections apply.
public enum WorkerStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case employee
    case contractor
    case vendorEmployee = "vendor-employee"
    case platformWorker = "platform-worker"
    case consultant
    case fellow
    case dataByproduct = "data-byproduct"
}

/// Whether the file prices a role the organization fills or a contract bought from a vendor.
public enum SpecKind: String, Sendable, Codable, CaseIterable, Hashable {
    case role
    case vendorContract = "vendor-contract"
}
