/// How the tool importers read an export: what names an item, which responses count, whether
/// ground truth is also a judgment. The defaults are what an annotation lead comparing
/// reviewers wants; each is a flag of `wagefile agree`.
public struct ImportOptions: Sendable, Hashable {
    /// The task data key (Label Studio) or record field (Argilla) that names the item, when the
    /// tool's own id is not the one the team uses (`--item-key`).
    public var itemKey: String?
    /// Label Studio: also count a `ground_truth` annotation as its author's judgment
    /// (`--count-gold`). Off by default: ground truth is the reference the reviewers are held
    /// to, usually an expert's, and counting it as one more reviewer inflates their agreement.
    public var countGold: Bool
    /// Argilla: the response statuses that count (`--status`); by default only `submitted`,
    /// since a draft may change and a discarded response was withdrawn.
    public var statuses: Set<String>
    /// The one control or question to read from an export that does not say which columns
    /// are answers (Label Studio JSON_MIN, CSV and TSV): `--rubric`.
    public var rubric: String?

    public init(
        itemKey: String? = nil, countGold: Bool = false, statuses: Set<String> = ["submitted"], rubric: String? = nil
    ) {
        self.itemKey = itemKey
        self.countGold = countGold
        self.statuses = statuses
        self.rubric = rubric
    }
}
