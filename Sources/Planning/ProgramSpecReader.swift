import Specs
package import WorkModel

/// Reads a program spec (YAML or JSON, `wagefile.program/v1`), reporting every problem with
/// its line, column and field, as the role-spec reader does.
package enum ProgramSpecReader {
    package static let topLevel = [
        "program", "id", "title", "items", "currency", "horizon_weeks", "hours_per_week", "start",
        "agreement_target", "useful_pair", "audit_sample", "audit_tier", "auto_grader", "difficulty", "tiers",
        "monte_carlo",
    ]
    package static let tierFields = [
        "id", "name", "level", "judges_per_item", "items_per_hour", "rate", "agreement", "capacity",
        "hiring_lead_weeks", "managed_share", "managed_markup", "rotation_per_quarter", "recalibration_hours",
        "agreement_by_class",
    ]
    package static let classFields = ["class", "share", "route", "auto_agreement"]
    package static let estimateFields = ["mode", "low", "high"]
    package static let rateFields = ["card", "band", "amount", "low", "high"]

    // Long because: a field-by-field reader of the program spec, checking each section against those read before it (tiers before routes) and reporting every problem with its line.
    package static func read(_ text: String, file: String) throws(InputError) -> ProgramSpec {
        guard let root = try SpecDocument.parse(text, file: file) else {
            throw InputError([Diagnostic(file: file, location: .start, field: "", message: "the program spec is empty")]
            )
        }
        var reader = FieldReader(file: file)
        guard let top = reader.mapping(root, path: "", allowed: topLevel) else { throw InputError(reader.diagnostics) }
        if let tag = reader.string(top, "program"), tag != "wagefile.program/v1" {
            reader.report(top.location(of: "program"), "program", "expected wagefile.program/v1, found '\(tag)'")
        }
        let id = reader.string(top, "id", required: true) ?? ""
        let title = reader.string(top, "title") ?? id
        let items = reader.integer(top, "items", minimum: 1)
        if !top.has("items") {
            reader.report(top.location, "items", "required field is missing (how many items the program judges)")
        }
        let currency = reader.string(top, "currency") ?? "USD"
        if !RoleSpecFormat.isCurrencyCode(currency) {
            reader.report(
                top.location(of: "currency"), "currency", "expected an ISO 4217 code like USD, found '\(currency)'")
        }
        let horizon = reader.number(top, "horizon_weeks", required: true, exclusiveMinimum: 0) ?? 1
        let hours = reader.number(top, "hours_per_week", range: 1...80) ?? 40
        var start: CalendarDate?
        if let text = reader.string(top, "start") {
            if let date = CalendarDate(text), date.day != nil {
                start = date
            } else {
                reader.report(top.location(of: "start"), "start", "expected a date as YYYY-MM-DD, found '\(text)'")
            }
        }
        let target = reader.number(top, "agreement_target", range: 0.5...1) ?? 0.8
        let usefulPair = readUsefulPair(top, reader: &reader)
        let audit = reader.number(top, "audit_sample", range: 0...1) ?? 0
        let auditTier = reader.string(top, "audit_tier")
        var autoCost = 0.0
        if let node = top.value("auto_grader"),
            let view = reader.mapping(node, path: "auto_grader", allowed: ["cost_per_item"])
        {
            autoCost = reader.number(view, "cost_per_item", range: 0...1_000) ?? 0
        }
        var draws = 10_000
        var seed: UInt64 = 1
        if let node = top.value("monte_carlo"),
            let view = reader.mapping(node, path: "monte_carlo", allowed: ["draws", "seed"])
        {
            draws = reader.integer(view, "draws", minimum: 1) ?? draws
            if draws > 10_000_000 {
                reader.report(view.location(of: "draws"), "monte_carlo.draws", "at most 10,000,000 draws")
            }
            seed = UInt64(reader.integer(view, "seed", minimum: 0) ?? 1)
        }

        var tiers: [ReviewerTier] = []
        if let node = top.value("tiers"), let list = reader.list(node, path: "tiers") {
            for (index, item) in list.enumerated() {
                if let tier = readTier(item, path: "tiers[\(index)]", currency: currency, reader: &reader) {
                    tiers.append(tier)
                }
            }
        } else if !top.has("tiers") {
            reader.report(top.location, "tiers", "required field is missing (the reviewer tiers)")
        }
        var seen: Set<String> = []
        for (index, tier) in tiers.enumerated()
        where !seen.insert(tier.id).inserted || tier.id == ProgramSpec.autoGrader {
            reader.report(top.location(of: "tiers"), "tiers[\(index)].id", "'\(tier.id)' is used twice or is reserved")
        }
        let routes = [ProgramSpec.autoGrader] + tiers.map(\.id)

        var classes: [DifficultyClass] = []
        if let node = top.value("difficulty"), let list = reader.list(node, path: "difficulty") {
            for (index, item) in list.enumerated() {
                let path = "difficulty[\(index)]"
                guard let view = reader.mapping(item, path: path, allowed: classFields) else { continue }
                let name = reader.string(view, "class", required: true) ?? ""
                let share = reader.number(view, "share", required: true, range: 0...1) ?? 0
                let route =
                    reader.string(view, "route", required: true).flatMap {
                        reader.check($0, at: view.location(of: "route"), path: "\(path).route", from: routes)
                    } ?? ""
                let auto = reader.number(view, "auto_agreement", range: 0...1)
                classes.append(DifficultyClass(id: name, share: share, route: route, autoAgreement: auto))
            }
            let total = classes.reduce(0) { $0 + $1.share }
            if !classes.isEmpty && abs(total - 1) > 0.001 {
                reader.report(
                    node.location, "difficulty",
                    "the class shares add up to \(Format.number(total)); they must add up to 1")
            }
        } else if !top.has("difficulty") {
            reader.report(
                top.location, "difficulty", "required field is missing (classes of items with their shares and routes)")
        }
        if audit > 0 {
            if let auditTier {
                _ = reader.check(
                    auditTier, at: top.location(of: "audit_tier"), path: "audit_tier", from: tiers.map(\.id))
            } else {
                reader.report(
                    top.location(of: "audit_sample"), "audit_tier",
                    "required when audit_sample is above 0: the tier that checks auto-graded items")
            }
        }
        for (index, item) in classes.enumerated()
        where item.route == ProgramSpec.autoGrader && item.autoAgreement == nil {
            reader.report(
                top.location(of: "difficulty"), "difficulty[\(index)].auto_agreement",
                "required for a class the auto-grader takes: how often its labels match the humans' (from the audit sample)"
            )
        }
        let classIds = Set(classes.map(\.id))
        for (index, tier) in tiers.enumerated() {
            for name in tier.agreementByClass.keys.sorted() where !classIds.contains(name) {
                reader.report(
                    top.location(of: "tiers"), "tiers[\(index)].agreement_by_class.\(name)",
                    "no difficulty class '\(name)'; classes: \(classes.map(\.id).joined(separator: ", "))")
            }
        }
        if !reader.diagnostics.isEmpty { throw InputError(reader.diagnostics) }
        return ProgramSpec(
            id: id, title: title, items: items ?? 0, classes: classes, tiers: tiers, auditSample: audit,
            auditTier: auditTier, autoGraderCostPerItem: autoCost, currency: currency, agreementTarget: target,
            usefulPair: usefulPair, horizonWeeks: horizon, hoursPerWeek: hours, start: start, draws: draws, seed: seed)
    }

    /// `useful_pair: unanimous | majority`, `{share: 0.8}` or `{posterior: 0.9}` (the default).
    static func readUsefulPair(_ top: MappingView, reader: inout FieldReader) -> UsefulPairRule {
        guard let node = top.value("useful_pair") else { return .default }
        if case .scalar = node {
            switch reader.string(top, "useful_pair") {
            case "unanimous"?: return .unanimous
            case "majority"?: return .majority
            case let other?:
                reader.report(
                    top.location(of: "useful_pair"), "useful_pair",
                    "expected unanimous, majority, {share: 0.5-1} or {posterior: 0.5-1}, found '\(other)'")
            case nil: break
            }
            return .default
        }
        guard let view = reader.mapping(node, path: "useful_pair", allowed: ["share", "posterior"]) else {
            return .default
        }
        let kinds = ["share", "posterior"].filter { view.has($0) }
        guard kinds.count == 1 else {
            reader.report(
                node.location, "useful_pair",
                "give exactly one of share (the larger side's share of votes) or posterior (the chance the majority is right)"
            )
            return .default
        }
        if let share = reader.number(view, "share", range: 0.5...1) { return .share(share) }
        if let level = reader.number(view, "posterior", range: 0.5...1) { return .posterior(level) }
        return .default
    }

    static func readTier(_ node: SpecNode, path: String, currency: String, reader: inout FieldReader) -> ReviewerTier? {
        guard let view = reader.mapping(node, path: path, allowed: tierFields) else { return nil }
        let id = reader.string(view, "id", required: true) ?? ""
        let judges = reader.integer(view, "judges_per_item", minimum: 1) ?? 1
        let throughput =
            estimate(view, "items_per_hour", path: path, range: 0.01...100_000, required: true, reader: &reader)
            ?? Estimate(1)
        let agreement =
            estimate(view, "agreement", path: path, range: 0.5...1, required: true, reader: &reader) ?? Estimate(0.8)
        var source = RateSource.given
        var rate = Estimate(0)
        if let node = view.value("rate"), let rateView = reader.mapping(node, path: "\(path).rate", allowed: rateFields)
        {
            let kinds = ["card", "band", "amount"].filter { rateView.has($0) }
            if kinds.count != 1 {
                reader.report(
                    node.location, "\(path).rate",
                    "give exactly one of card (a rate card), band (a role spec's band) or amount")
            } else if let card = reader.string(rateView, "card") {
                source = .card(card)
            } else if let band = reader.string(rateView, "band") {
                source = .band(band)
            } else if let amount = reader.number(rateView, "amount", exclusiveMinimum: 0) {
                let low = reader.number(rateView, "low", exclusiveMinimum: 0) ?? amount
                let high = reader.number(rateView, "high", exclusiveMinimum: 0) ?? amount
                if low > amount || amount > high {
                    reader.report(node.location, "\(path).rate", "expected low <= amount <= high")
                }
                rate = Estimate(amount, low: low, high: high)
            }
        } else if !view.has("rate") {
            reader.report(view.location, "\(path).rate", "required field is missing (card, band or amount)")
        }
        let managed = reader.number(view, "managed_share", range: 0...1) ?? 0
        var byClass: [String: Double] = [:]
        if let node = view.value("agreement_by_class"),
            let classes = reader.mapping(node, path: "\(path).agreement_by_class")
        {
            for entry in classes.entries {
                if let value = reader.number(classes, entry.key, range: 0.5...1) { byClass[entry.key] = value }
            }
        }
        var tier = ReviewerTier(
            id: id, name: reader.string(view, "name") ?? id, level: reader.integer(view, "level", minimum: 0) ?? 1,
            judgesPerItem: judges,
            throughput: throughput, rateSource: source, rate: rate, currency: currency, agreement: agreement,
            capacity: reader.integer(view, "capacity", minimum: 0),
            hiringLeadWeeks: reader.number(view, "hiring_lead_weeks", range: 0...104) ?? 0,
            managedShare: managed, managedMarkup: reader.number(view, "managed_markup", range: 0...5) ?? 0,
            rotationPerQuarter: reader.number(view, "rotation_per_quarter", range: 0...1) ?? 0,
            recalibrationHours: reader.number(view, "recalibration_hours", range: 0...1_000) ?? 0)
        tier.agreementByClass = byClass
        return tier
    }

    /// A number, or `{mode, low, high}`.
    static func estimate(
        _ view: MappingView, _ key: String, path: String, range: ClosedRange<Double>, required: Bool,
        reader: inout FieldReader
    ) -> Estimate? {
        guard let node = view.value(key) else {
            if required { reader.report(view.location, "\(path).\(key)", "required field is missing") }
            return nil
        }
        if case .scalar = node { return reader.number(view, key, range: range).map { Estimate($0) } }
        guard let inner = reader.mapping(node, path: "\(path).\(key)", allowed: estimateFields) else { return nil }
        guard let mode = reader.number(inner, "mode", required: true, range: range) else { return nil }
        let low = reader.number(inner, "low", range: range) ?? mode
        let high = reader.number(inner, "high", range: range) ?? mode
        guard low <= mode && mode <= high else {
            reader.report(
                node.location, "\(path).\(key)",
                "expected low <= mode <= high, found \(Format.number(low)), \(Format.number(mode)), \(Format.number(high))"
            )
            return nil
        }
        return Estimate(mode, low: low, high: high)
    }
}
