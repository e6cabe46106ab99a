public import ReferenceData
public import WorkModel

/// Which work layer the tasks describe, whatever the title says, with the reasons a reviewer
/// can check. The tasks decide; direction and title are only checked against them.
public struct LayerInference: Sendable, Hashable {
    public struct Share: Sendable, Hashable, Codable {
        public var layer: String
        public var share: Double
        public var tasks: [String]

        public init(layer: String, share: Double, tasks: [String]) {
            self.layer = layer
            self.share = share
            self.tasks = tasks
        }
    }

    public var layer: WorkLayer
    /// Layers in descending share of working time.
    public var shares: [Share]
    public var reasons: [String]
    public var directionFits: Bool
    /// A title hint that points at another layer than the tasks.
    public var conflictingTitleHint: TitleHint?
    /// The job category: declared, or the category with the largest share of time.
    public var category: String?
    public var categoryDeclared: Bool
    /// The category the tasks point at, when it differs from the declared one.
    public var inferredCategory: String?

    /// Each task's share of time, with unstated shares splitting what the stated ones leave.
    public static func resolvedShares(_ tasks: [TaskShare]) -> [Double] {
        let stated = tasks.compactMap(\.share)
        let unstated = tasks.count - stated.count
        let remainder = max(0, 1 - stated.reduce(0, +))
        let each = unstated > 0 ? remainder / Double(unstated) : 0
        return tasks.map { $0.share ?? each }
    }

    public static func infer(_ spec: RoleSpec, reference: ReferenceSet) -> LayerInference {
        let shares = resolvedShares(spec.tasks)
        var byLayer: [WorkLayer: (share: Double, tasks: [String])] = [:]
        var byCategory: [String: Double] = [:]
        for (task, share) in zip(spec.tasks, shares) {
            guard let kind = reference.task(task.task) else { continue }
            byLayer[kind.layer, default: (0, [])].share += share
            byLayer[kind.layer, default: (0, [])].tasks.append("\(task.task) \(Format.percent(share, places: 0))")
            if let category = kind.category { byCategory[category, default: 0] += share }
        }
        let order = WorkLayer.allCases
        let ranked = byLayer.sorted { lhs, rhs in
            if lhs.value.share != rhs.value.share { return lhs.value.share > rhs.value.share }
            return (order.firstIndex(of: lhs.key) ?? 0) < (order.firstIndex(of: rhs.key) ?? 0)
        }
        let layer = ranked.first?.key ?? .annotation
        var reasons: [String] = []
        if let top = ranked.first {
            reasons.append(
                "\(Format.percent(top.value.share, places: 0)) of working time is \(top.key.rawValue) work: \(top.value.tasks.joined(separator: ", "))"
            )
        }
        for other in ranked.dropFirst() {
            reasons.append(
                "also \(Format.percent(other.value.share, places: 0)) \(other.key.rawValue): \(other.value.tasks.joined(separator: ", "))"
            )
        }
        let allowed = reference.layer(layer)?.directions ?? []
        let directionFits = allowed.contains(spec.direction)
        reasons.append(
            directionFits
                ? "direction '\(spec.direction.rawValue)' fits \(layer.rawValue) work"
                : "direction '\(spec.direction.rawValue)' is unusual for \(layer.rawValue) work (expected \(allowed.map(\.rawValue).joined(separator: " or ")))"
        )

        let hint = reference.titleHint(for: spec.title)
        if let hint {
            reasons.append(
                hint.layer == layer
                    ? "the title '\(spec.title)' agrees (it suggests \(hint.layer.rawValue))"
                    : "the title '\(spec.title)' suggests \(hint.layer.rawValue), but the tasks decide")
        }

        let categoryOrder = reference.categories.map(\.id)
        let inferred = byCategory.max { lhs, rhs in
            if lhs.value != rhs.value { return lhs.value < rhs.value }
            return (categoryOrder.firstIndex(of: lhs.key) ?? 0) > (categoryOrder.firstIndex(of: rhs.key) ?? 0)
        }?.key
        let category = spec.category ?? inferred
        return LayerInference(
            layer: layer,
            shares: ranked.map { Share(layer: $0.key.rawValue, share: $0.value.share, tasks: $0.value.tasks) },
            reasons: reasons, directionFits: directionFits,
            conflictingTitleHint: hint.flatMap { $0.layer == layer ? nil : $0 },
            category: category, categoryDeclared: spec.category != nil,
            inferredCategory: spec.category != nil && inferred != spec.category ? inferred : nil)
    }
}
