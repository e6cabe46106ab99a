/// The values a spec may use, drawn from the loaded reference data (shipped plus the user's
/// overrides), so a spec is checked against the same tables it will be priced with.
public struct Vocabulary: Sendable, Hashable {
    public var taskKinds: [String]
    public var categories: [String]
    /// Factor id to its levels, lowest first.
    public var factorLevels: [String: [String]]
    /// Factor ids in table order (complexity first, then consequence).
    public var factorOrder: [String]
    public var currencies: [String]
    public var budgetOwners: [String]
    /// The level a spec that leaves a factor out gets, for factors that have one.
    public var factorDefaults: [String: String]

    public init(
        taskKinds: [String], categories: [String], factorLevels: [String: [String]], factorOrder: [String],
        currencies: [String], budgetOwners: [String], factorDefaults: [String: String] = [:]
    ) {
        self.factorDefaults = factorDefaults
        self.taskKinds = taskKinds
        self.categories = categories
        self.factorLevels = factorLevels
        self.factorOrder = factorOrder
        self.currencies = currencies
        self.budgetOwners = budgetOwners
    }
}
