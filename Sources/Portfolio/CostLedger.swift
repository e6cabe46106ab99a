import DecisionFiles
import ReferenceData
import WorkModel

/// The working sheet behind the consolidated cost: it posts each worker's spend once, from the
/// record that pays them, puts each wage file's shifted cost beside that spend, and keeps the
/// counts the reconciliation checks against the records.
struct CostLedger {
    struct Key: Hashable { var layer: String, owner: String, model: String, grade: String?, source: String }
    struct Sum { var count = 0, headcount = 0, cost = 0.0, loaded = 0.0, unloaded = 0, shifted = 0.0 }

    let snapshot: PortfolioSnapshot
    let currency: String
    let byGrade: Bool
    var sums: [Key: Sum] = [:]
    var excluded: [CostReport.Excluded] = []
    // Counts for the reconciliation.
    var peopleInVendorSpend = 0
    var peopleInWageFileSpend = 0
    var peopleLeftOut = 0
    var peopleOutsideAIWork = 0
    var vendorsCosted = 0
    var vendorSpendOnRecords = 0.0
    var wageFileWorkers = 0

    init(snapshot: PortfolioSnapshot, currency: String, byGrade: Bool) {
        self.snapshot = snapshot
        self.currency = currency
        self.byGrade = byGrade
    }

    mutating func add(
        _ key: Key, count: Int, headcount: Int, cost: Double, loaded: Double? = nil, unloaded: Int = 0, shifted: Double
    ) {
        var entry = sums[key] ?? Sum()
        entry.count += count
        entry.headcount += headcount
        entry.cost += cost
        entry.loaded += loaded ?? cost
        // An employee without on-cost data is in the loaded figure at gross, and counted.
        entry.unloaded += unloaded
        entry.shifted += shifted
        sums[key] = entry
    }

    func grade(_ file: DecisionFile?) -> String? { byGrade ? file?.grade?.id ?? "ungraded" : nil }

    /// The shifted cost of one of the wage file's workers for a year, in the report currency.
    func shiftedPerWorkerYear(_ file: DecisionFile) -> Double {
        guard let pay = file.compliance.effectivePay, pay.shiftedCostPerWorkerMonth > 0 else { return 0 }
        return snapshot.currencies.convert(pay.shiftedCostPerWorkerMonth * 12, from: file.band.currency, to: currency)
            ?? 0
    }

    /// One worker's pay for a year from the wage file: nominal rate x paid hours a week x 52, in
    /// the report currency; nil when the file states no pay or its currency has no rate.
    func wageFilePayPerWorkerYear(_ file: DecisionFile) -> Double? {
        guard let pay = file.compliance.effectivePay, pay.nominalHourly > 0 else { return nil }
        return snapshot.currencies.convert(
            pay.nominalHourly * pay.paidHoursPerWeek * 52, from: file.band.currency, to: currency)
    }

    func model(of file: DecisionFile) -> String {
        file.spec.kind == SpecKind.vendorContract.rawValue
            ? "vendor" : CostReport.employmentModel(file.spec.workerStatus)
    }

    // Long because: counts each worker exactly once across vendor records, people records and wage-file headcounts; the order of the passes is the rule.
    mutating func run() {
        let (positions, unpriced) = PayPositions.build(snapshot, currency: currency, requireBand: false)
        peopleOutsideAIWork = snapshot.people.count - positions.count - unpriced.count
        // Everyone on record for a wage file other than a vendor's worker: they are costed (or
        // left out) on their own record, so the wage file's headcount costs only the rest.
        let onRecord = Dictionary(
            grouping: snapshot.people.filter { $0.employment != "vendor-worker" }.compactMap(\.specId), by: { $0 }
        ).mapValues(\.count)
        let allLinked = Dictionary(grouping: snapshot.people.compactMap(\.specId), by: { $0 }).mapValues(\.count)
        func headcount(_ specId: String, _ file: DecisionFile) -> Int { file.spec.headcount ?? allLinked[specId] ?? 0 }
        // The workers of each wage file that no people record of their own costs.
        let uncovered = Dictionary(
            uniqueKeysWithValues: snapshot.wageFiles.map { id, file in
                (id, max(0, headcount(id, file) - (onRecord[id] ?? 0)))
            })

        // Vendor records first: a wage file a vendor pays for is costed in that vendor's spend.
        var vendorLineOf: [String: Key] = [:]
        for vendor in snapshot.vendors.sorted(by: { $0.id < $1.id }) {
            let file = vendor.contractSpecId.flatMap { snapshot.wageFiles[$0] }
            guard let minor = vendor.annualSpendMinor, let code = vendor.currency else {
                excluded.append(.init(kind: "vendor", id: vendor.id, reason: "no annual spend on record"))
                continue
            }
            guard
                let amount = snapshot.currencies.convert(
                    Money(minorUnits: minor, currency: code).amount, from: code, to: currency)
            else {
                excluded.append(.init(kind: "vendor", id: vendor.id, reason: "no exchange rate for \(code)"))
                continue
            }
            vendorsCosted += 1
            vendorSpendOnRecords += amount
            let key = Key(
                layer: file?.layer ?? "unassigned", owner: CostReport.owner(vendor.budgetOwner ?? file?.budgetOwner),
                model: "vendor",
                grade: grade(file), source: "vendors")
            // Two vendors on one contract wage file share its workers: count them on the first.
            var workers = 0
            if let specId = vendor.contractSpecId, file != nil, vendorLineOf[specId] == nil {
                vendorLineOf[specId] = key
                workers = uncovered[specId] ?? 0
            }
            add(key, count: 1, headcount: workers, cost: amount, shifted: 0)
        }

        for position in positions {
            let specId = position.person.specId
            if position.person.employment == "vendor-worker" {
                if let specId, vendorLineOf[specId] != nil {
                    peopleInVendorSpend += 1
                    excluded.append(
                        .init(
                            kind: "person", id: position.person.id,
                            reason: "vendor worker: counted in the vendor's spend"))
                } else if let specId, let file = snapshot.wageFiles[specId], wageFilePayPerWorkerYear(file) != nil,
                    (uncovered[specId] ?? 0) > 0
                {
                    peopleInWageFileSpend += 1
                    excluded.append(
                        .init(
                            kind: "person", id: position.person.id,
                            reason:
                                "vendor worker: counted in wage file \(specId)'s spend (no vendor record pays for it)"))
                } else {
                    peopleLeftOut += 1
                    excluded.append(
                        .init(
                            kind: "person", id: position.person.id,
                            reason:
                                "vendor worker whose vendor has no spend on record and whose wage file states no pay: record the vendor's annual spend"
                        ))
                }
                continue
            }
            let model = position.person.employment
            let loaded =
                model == "employee"
                ? LoadedBasis.annualEmployerCost(position, onCosts: snapshot.onCosts, currency: currency)
                : position.annual
            // The person's own share of their wage file's shifted cost, on their own line.
            let shifted = position.wageFile.map(shiftedPerWorkerYear) ?? 0
            add(
                Key(
                    layer: position.layer,
                    owner: CostReport.owner(position.person.budgetOwner ?? position.wageFile?.budgetOwner),
                    model: model, grade: grade(position.wageFile), source: "people"),
                count: 1, headcount: 1, cost: position.annual, loaded: loaded,
                unloaded: loaded == nil && model == "employee" && position.annual > 0 ? 1 : 0, shifted: shifted)
        }
        for person in unpriced {
            peopleLeftOut += 1
            excluded.append(.init(kind: "person", id: person.personId, reason: person.reason))
        }

        // The rest of each wage file's headcount: in the vendor's line when a vendor pays for
        // them, else costed from the wage file, else named as left out.
        for (specId, file) in snapshot.wageFiles.sorted(by: { $0.key < $1.key }) {
            let rest = uncovered[specId] ?? 0
            let shifted = shiftedPerWorkerYear(file)
            if file.spec.headcount == nil && allLinked[specId] == nil && shifted > 0 {
                excluded.append(
                    .init(
                        kind: "wage-file", id: specId,
                        reason: "shifted cost per worker known, but no headcount and nobody linked"))
                continue
            }
            guard rest > 0 else { continue }
            if let key = vendorLineOf[specId] {
                add(key, count: 0, headcount: 0, cost: 0, shifted: shifted * Double(rest))
                continue
            }
            guard let perWorker = wageFilePayPerWorkerYear(file) else {
                excluded.append(
                    .init(
                        kind: "wage-file", id: specId,
                        reason:
                            "\(rest) worker\(rest == 1 ? "" : "s") on its headcount \(rest == 1 ? "is" : "are") in no people or vendor record, and it states no pay (offered or vendor worker pay) to cost them"
                            + (shifted > 0 ? "; their shifted cost is left out too" : "")))
                continue
            }
            let model = model(of: file)
            let gross = perWorker * Double(rest)
            var loaded: Double? = gross
            if model == "employee" {
                loaded = snapshot.onCosts.load(file.spec.jurisdiction, annualGross: perWorker, currency: currency)
                    .map { gross * (1 + $0.contributionRate) * (1 + $0.extrasRate) }
            }
            wageFileWorkers += rest
            add(
                Key(
                    layer: file.layer, owner: CostReport.owner(file.budgetOwner), model: model, grade: grade(file),
                    source: "wage-file"),
                count: 0, headcount: rest, cost: gross, loaded: loaded, unloaded: loaded == nil ? rest : 0,
                shifted: shifted * Double(rest))
        }
    }

    func reconciliation(lines: [CostReport.Line], total: CostReport.Total) -> CostReport.Reconciliation {
        let sumOfLines = lines.reduce(0) { $0 + ($1.annualCost ?? 0) }
        let peopleCosted = lines.filter { $0.source == "people" }.reduce(0) { $0 + $1.count }
        let vendorLines = lines.filter { $0.source == "vendors" }
        let vendorSpendInLines = vendorLines.reduce(0) { $0 + ($1.annualCost ?? 0) }
        let vendorsLeftOut = excluded.filter { $0.kind == "vendor" }.count
        let peopleAccounted =
            peopleCosted + peopleInVendorSpend + peopleInWageFileSpend + peopleLeftOut + peopleOutsideAIWork
        return CostReport.Reconciliation(
            sumOfLines: sumOfLines, total: total.annualCost, linesAddUp: abs(sumOfLines - total.annualCost) < 1,
            peopleRecords: snapshot.people.count, peopleCosted: peopleCosted, peopleInVendorSpend: peopleInVendorSpend,
            peopleInWageFileSpend: peopleInWageFileSpend, peopleLeftOut: peopleLeftOut,
            peopleOutsideAIWork: peopleOutsideAIWork,
            peopleAddUp: peopleAccounted == snapshot.people.count,
            vendorRecords: snapshot.vendors.count, vendorsCosted: vendorsCosted, vendorsLeftOut: vendorsLeftOut,
            vendorSpendOnRecords: Statistics.round(vendorSpendOnRecords, 0), vendorSpendInLines: vendorSpendInLines,
            vendorsAddUp: vendorsCosted + vendorsLeftOut == snapshot.vendors.count
                && abs(Statistics.round(vendorSpendOnRecords, 0) - vendorSpendInLines)
                    < Double(max(1, vendorLines.count)),
            wageFileWorkers: wageFileWorkers,
            wageFileSpend: lines.filter { $0.source == "wage-file" }.reduce(0) { $0 + ($1.annualCost ?? 0) })
    }
}

extension CostReport {
    /// The checks that the consolidated cost adds up, each with the figures on both sides so an
    /// analyst can redo it: the lines to the total, the people counted to the people records,
    /// the vendor lines to the vendor records.
    public struct Reconciliation: Sendable, Codable, Hashable {
        /// Annual cost as paid, summed over the lines shown.
        public var sumOfLines: Double
        /// The grand total's cost as paid.
        public var total: Double
        /// True when ``sumOfLines`` and ``total`` differ by less than one currency unit.
        public var linesAddUp: Bool
        /// People records in the snapshot.
        public var peopleRecords: Int
        /// People records costed on people lines.
        public var peopleCosted: Int
        /// Vendor workers on record whose pay is in their vendor's spend.
        public var peopleInVendorSpend: Int
        /// Vendor workers on record whose pay is in their wage file's spend line (no vendor record pays for it).
        public var peopleInWageFileSpend: Int
        /// People records left out, each named in `excluded` with the reason.
        public var peopleLeftOut: Int
        /// People records with no work layer and no wage file: not AI training work.
        public var peopleOutsideAIWork: Int
        /// costed + in vendor spend + in wage-file spend + left out + outside AI work = records.
        public var peopleAddUp: Bool
        /// Vendor records in the snapshot.
        public var vendorRecords: Int
        /// Vendor records costed on vendor lines.
        public var vendorsCosted: Int
        /// Vendor records left out, each in `excluded`.
        public var vendorsLeftOut: Int
        /// The vendor records' annual spend, converted to the report currency.
        public var vendorSpendOnRecords: Double
        /// The vendor lines' annual cost (rounded per line, so within a unit per line).
        public var vendorSpendInLines: Double
        /// costed + left out = vendor records.
        public var vendorsAddUp: Bool
        /// Workers costed from wage files: stated headcount beyond the records.
        public var wageFileWorkers: Int
        /// The annual cost of those workers, from the wage files, in the report currency.
        public var wageFileSpend: Double
    }
}
