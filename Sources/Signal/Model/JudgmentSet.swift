import WorkModel

/// What to keep and how to read values when a collection of judgments is finished.
public struct JudgmentSetOptions: Sendable {
    /// The level of measurement the values are read at (`--level`); nominal by default.
    public var level: MeasurementLevel
    /// The order of the values, lowest first (`--value-order`): required for labels at the ordinal
    /// level, and every value in the data must be in it. nil orders numbers ascending and labels
    /// by text.
    public var valueOrder: [JudgmentValue]?
    /// When the export holds several rubrics (questions), the one to measure.
    public var rubric: String?
    /// Treat values as pairwise choices a / b / tie.
    public var pairwise: Bool
    /// Reviewers that are models (an LLM judge; `--judge`, a trailing `*` matches a prefix):
    /// their judgments are set aside from every human statistic and held to the human
    /// consensus and gold instead (`JudgeAgreement`).
    public var judges: [String] = []

    /// Options; the defaults read every value as a nominal label, keep every rubric (an error when
    /// there are several) and do not treat values as pairwise choices.
    public init(
        level: MeasurementLevel = .nominal, valueOrder: [JudgmentValue]? = nil, rubric: String? = nil,
        pairwise: Bool = false
    ) {
        self.level = level
        self.valueOrder = valueOrder
        self.rubric = rubric
        self.pairwise = pairwise
    }
}

/// A finished set of judgments: shards whose columns hold global reviewer, value and option
/// codes. Every statistic takes one of these (or the sufficient statistics built from it).
///
/// SAFETY: `@unchecked Sendable` holds because the shards are never written once the set
/// exists: `JudgmentCollector.finish` consumes the collector (so no reader keeps a reference
/// to them) and rewrites the columns before building the set; every statistic only reads.
public struct JudgmentSet: @unchecked Sendable {
    let shards: [JudgmentShard]
    /// Reviewer ids, sorted; a reviewer's code is its index here.
    public let reviewers: [String]
    /// The distinct values, in the order the level needs; a value's code is its index here.
    public let domain: ValueDomain
    /// The options named in pairwise judgments (`a` / `b`), sorted; an option's code is its index.
    /// Empty when no judgment is pairwise.
    public let options: [String]
    /// The rubric measured: the one asked for, or the only one present; nil when judgments carry none.
    public let rubric: String?
    /// The level of measurement the domain was built for.
    public let level: MeasurementLevel
    /// Gold answers given for items (from judgments or a gold file), as value codes.
    public let hasGold: Bool
    /// Whether any judgment carries a time (enables calibration windows).
    public let hasTime: Bool
    /// Whether any judgment names pairwise options (enables Bradley-Terry and useful pairs).
    public let hasPairs: Bool
    /// Each value code's rank by first appearance in the input (file order, then line): the
    /// order crowd-kit's pandas frames give classes, which decides exact ties the same way.
    public let appearanceRank: [Int]
    /// What the importers counted and dropped (cancelled annotations, gold, statuses), for the report.
    public let notes: [String]
    /// The judgments of the reviewers named as judges, set aside from the human statistics.
    public var judgeJudgments: [(item: String, reviewer: String, value: JudgmentValue)] = []

    /// Judgments in the set, with or without a value.
    public var judgmentCount: Int { shards.reduce(0) { $0 + $1.judgmentCount } }
    /// Distinct items read, including any whose judgments a rubric filter dropped (items with
    /// a value are `AgreementReport.units`).
    public var itemCount: Int { shards.reduce(0) { $0 + $1.unitCount } }

    /// Every judgment's item, reviewer, value and time, in shard order (see `forEachJudgment`).
    public func forEach(_ body: (_ item: String, _ reviewer: String, _ value: JudgmentValue?, _ time: Int64?) -> Void) {
        forEachJudgment { body($0.item, $0.reviewer, $0.value, $0.time) }
    }

    /// Gold answers by item, for the bundle.
    public func goldAnswers() -> [(item: String, value: JudgmentValue)] {
        var result: [(String, JudgmentValue)] = []
        for shard in shards where !shard.gold.isEmpty {
            for (unit, code) in shard.gold.enumerated() where code >= 0 {
                result.append((shard.items.string(Int32(unit)), domain.values[Int(code)]))
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }
}

/// Turns the collected shards into a `JudgmentSet`: one reviewer table, one value domain,
/// columns rewritten to the global codes (in parallel, one shard per worker).
///
/// SAFETY: each worker borrows the columns of its own shard (`shards[s]`) as mutable buffers and writes
/// codes from maps sized to that shard's tables; no other worker touches that shard.
enum JudgmentSetFinisher {
    static func finish(
        _ shards: [JudgmentShard], files: [String], gold: [PendingGold] = [], notes: [String] = [],
        options: JudgmentSetOptions
    ) throws(InputError) -> JudgmentSet {
        // Rubric selection first: it decides which values are in the domain, and which gold applies.
        let rubric = try selectRubric(shards, files: files, wanted: options.rubric)
        applyGold(gold, rubric: rubric, to: shards)
        let (rawByText, firstSeen) = distinctValues(shards, files: files, filtered: options.rubric != nil)
        let domain = try valueDomain(rawByText, firstSeen: firstSeen, options: options)
        let reviewers = Set(shards.flatMap(\.reviewers.strings)).sorted()
        let optionList = Set(shards.flatMap(\.options.strings)).sorted()
        recode(shards, reviewers: reviewers, options: optionList, values: rawByText, domain: domain)
        let judged = try setAside(judges: options.judges, reviewers: reviewers, domain: domain, from: shards)
        var set = JudgmentSet(
            shards: shards, reviewers: reviewers, domain: domain, options: optionList, rubric: rubric,
            level: options.level,
            hasGold: shards.contains { $0.gold.contains { $0 >= 0 } },
            hasTime: shards.contains { !$0.time.isEmpty },
            hasPairs: shards.contains { !$0.optionA.isEmpty },
            appearanceRank: appearanceRank(domain, firstSeen: firstSeen, files: files), notes: notes)
        set.judgeJudgments = judged
        return set
    }

    /// Takes the judgments of the reviewers `judges` names out of the shards (after recoding),
    /// returning them with their item and value.
    static func setAside(
        judges: [String], reviewers: [String], domain: ValueDomain, from shards: [JudgmentShard]
    ) throws(InputError) -> [(item: String, reviewer: String, value: JudgmentValue)] {
        guard !judges.isEmpty else { return [] }
        // A judge that names no reviewer is a typo, not a judge with no judgments: say so.
        let unmatched = judges.filter { judge in
            !reviewers.contains { judge.hasSuffix("*") ? $0.hasPrefix(judge.dropLast()) : $0 == judge }
        }
        guard unmatched.isEmpty else {
            throw InputError(
                unmatched.map { judge in
                    Diagnostic(
                        file: "--judge", location: .start, field: judge,
                        message:
                            "no reviewer is named \(judge); reviewers: \(reviewers.prefix(20).joined(separator: ", "))")
                })
        }
        let codes = Set(
            reviewers.indices.filter { r in
                judges.contains { $0.hasSuffix("*") ? reviewers[r].hasPrefix($0.dropLast()) : reviewers[r] == $0 }
            }.map { Int32($0) })
        var judged: [(item: String, reviewer: String, value: JudgmentValue)] = []
        for shard in shards {
            for i in 0..<shard.judgmentCount where codes.contains(shard.reviewer[i]) && shard.value[i] >= 0 {
                judged.append(
                    (
                        shard.items.string(shard.unit[i]), reviewers[Int(shard.reviewer[i])],
                        domain.values[Int(shard.value[i])]
                    ))
            }
            let column = shard.reviewer
            shard.filter { !codes.contains(column[$0]) }
        }
        return judged.sorted { ($0.item, $0.reviewer) < ($1.item, $1.reviewer) }
    }

    /// Sets each gold answer of the measured rubric (or of no rubric) on its item, in the
    /// shard that holds it; gold for items nobody judged is ignored.
    static func applyGold(_ gold: [PendingGold], rubric: String?, to shards: [JudgmentShard]) {
        for answer in gold where answer.rubric == nil || answer.rubric == rubric {
            withBytes(of: answer.item) { itemBytes, itemLength in
                for shard in shards {
                    guard let unit = shard.items.find(itemBytes, itemLength) else { continue }
                    shard.padColumns()
                    shard.setGold(
                        unit: unit,
                        value: withBytes(of: answer.value.description) {
                            shard.internValue($0, $1, file: answer.file, line: answer.line)
                        })
                    return
                }
            }
        }
    }

    /// The rubric measured: the one asked for (its judgments kept, the others dropped), or the
    /// only one there is; several without a choice is an error that lists them.
    static func selectRubric(_ shards: [JudgmentShard], files: [String], wanted: String?) throws(InputError) -> String?
    {
        var rubricNames = Set<String>()
        for shard in shards { rubricNames.formUnion(shard.rubrics.strings) }
        guard let wanted else {
            guard rubricNames.count <= 1 else {
                throw InputError([
                    Diagnostic(
                        file: files.first ?? "-", location: .start, field: "rubric",
                        message:
                            "the judgments answer \(rubricNames.count) rubrics (\(rubricNames.sorted().prefix(8).joined(separator: ", "))); choose one with --rubric"
                    )
                ])
            }
            return rubricNames.first
        }
        guard rubricNames.contains(wanted) else {
            throw InputError([
                Diagnostic(
                    file: "--rubric", location: .start, field: wanted,
                    message: rubricNames.isEmpty
                        ? "the judgments carry no rubric"
                        : "no judgment has this rubric; rubrics: \(rubricNames.sorted().joined(separator: ", "))")
            ])
        }
        for shard in shards {
            guard let local = shard.rubrics.find(wanted) else {
                shard.filter { _ in false }
                continue
            }
            shard.padColumns()
            let column = shard.rubric
            shard.filter { column[$0] == local }
        }
        return wanted
    }

    typealias FirstSeen = [JudgmentValue: (file: String, line: Int)]

    /// Every distinct raw text still referenced, read as a label or a number, and where each
    /// value was first seen (to point at it in an error).
    static func distinctValues(_ shards: [JudgmentShard], files: [String], filtered: Bool) -> (
        [String: JudgmentValue], FirstSeen
    ) {
        var rawByText: [String: JudgmentValue] = [:]
        var firstSeen: FirstSeen = [:]
        for shard in shards {
            // Every value read is referenced by the judgment or gold answer it came with,
            // unless a rubric filter dropped judgments.
            var used = [Bool](repeating: !filtered, count: shard.values.count)
            if filtered {
                for v in shard.value where v >= 0 { used[Int(v)] = true }
                for g in shard.gold where g >= 0 { used[Int(g)] = true }
            }
            for id in 0..<shard.values.count where used[id] {
                let text = shard.values.string(Int32(id))
                let value = rawByText[text] ?? JudgmentValue(text: text)
                rawByText[text] = value
                let seen = shard.valueFirstSeen[id]
                let location = (
                    file: files.indices.contains(Int(seen.file)) ? files[Int(seen.file)] : "-", line: Int(seen.line)
                )
                if let existing = firstSeen[value], existing.file == location.file, existing.line <= location.line {
                    continue
                }
                firstSeen[value] = location
            }
        }
        return (rawByText, firstSeen)
    }

    /// The value domain: pairwise choices a / b / tie, or the values at the level asked for.
    static func valueDomain(_ rawByText: [String: JudgmentValue], firstSeen: FirstSeen, options: JudgmentSetOptions)
        throws(InputError) -> ValueDomain
    {
        guard options.pairwise else {
            return try ValueDomain.build(raw: Array(rawByText.values), level: options.level, order: options.valueOrder)
            {
                firstSeen[$0] ?? ("-", 1)
            }
        }
        let pairChoices: [JudgmentValue] = PairChoice.allCases.map { .label($0.rawValue) }
        let stray = rawByText.values.filter { !pairChoices.contains($0) }.sorted()
        guard stray.isEmpty else {
            throw InputError(
                stray.prefix(5).map { value in
                    let at = firstSeen[value] ?? ("-", 1)
                    return Diagnostic(
                        file: at.file, location: SourceLocation(line: at.line, column: 1), field: "value",
                        message: "'\(value)' is not a pairwise choice; expected a, b or tie")
                })
        }
        return ValueDomain(values: pairChoices)
    }

    /// Rewrites every shard's columns from its local ids to the set's global codes, one shard
    /// per worker.
    static func recode(
        _ shards: [JudgmentShard], reviewers: [String], options: [String], values: [String: JudgmentValue],
        domain: ValueDomain
    ) {
        let reviewerIndex = Dictionary(uniqueKeysWithValues: reviewers.enumerated().map { ($1, Int32($0)) })
        let optionIndex = Dictionary(uniqueKeysWithValues: options.enumerated().map { ($1, Int32($0)) })
        ParallelShards.forEach(shards.count) { s in
            let shard = shards[s]
            shard.padColumns()
            let reviewerMap = shard.reviewers.strings.map { reviewerIndex[$0] ?? -1 }
            let valueMap = shard.values.strings.map { text -> Int32 in
                guard let value = values[text], let code = domain.code(of: value) else { return -1 }
                return Int32(code)
            }
            let optionMap = shard.options.strings.map { optionIndex[$0] ?? -1 }
            shard.reviewer.withUnsafeMutableBufferPointer { column in
                for i in column.indices { column[i] = reviewerMap[Int(column[i])] }
            }
            shard.value.withUnsafeMutableBufferPointer { column in
                for i in column.indices where column[i] >= 0 { column[i] = valueMap[Int(column[i])] }
            }
            for i in shard.gold.indices where shard.gold[i] >= 0 { shard.gold[i] = valueMap[Int(shard.gold[i])] }
            for i in shard.optionA.indices where shard.optionA[i] >= 0 {
                shard.optionA[i] = optionMap[Int(shard.optionA[i])]
                shard.optionB[i] = shard.optionB[i] >= 0 ? optionMap[Int(shard.optionB[i])] : -1
            }
        }
    }

    /// Each value code's rank by first appearance in the input (file order, then line).
    static func appearanceRank(_ domain: ValueDomain, firstSeen: FirstSeen, files: [String]) -> [Int] {
        let firstFile = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let appearance = domain.values.enumerated().map { code, value -> (Int, Int, Int) in
            guard let at = firstSeen[value] else { return (Int.max, Int.max, code) }
            return (firstFile[at.file] ?? Int.max, at.line, code)
        }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var rank = [Int](repeating: 0, count: domain.count)
        for (position, entry) in appearance.enumerated() { rank[entry.2] = position }
        return rank
    }
}
