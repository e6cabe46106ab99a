import Compliance
import DecisionFiles
import WorkModel

/// Every dataset linked to the wage file of the people whose work made it. Where the data
/// records workers, the wage file must show a consent record, direct payment, disclosed use and
/// limits on secondary use; a dataset without a complete wage file is flagged.
public struct DatasetRegister: Sendable, Codable {
    /// The register's schema id, `wagefile.datasets/v1`.
    public var schema = "wagefile.datasets/v1"
    /// The snapshot date.
    public var asOf: String
    /// One entry per dataset.
    public var datasets: [Entry]
    /// Datasets whose wage-file elements are not all met.
    public var incomplete: Int
    /// How the register was made, in words.
    public var notes: [String]
    /// Decision support, not legal advice.
    public var disclaimer: String

    /// One thing a dataset of recorded work must show (consent, direct payment, disclosed use,
    /// secondary-use limits, proof of payment), whether it is met and on what evidence.
    public struct Element: Sendable, Codable, Hashable {
        /// The element, in words.
        public var element: String
        /// True when met, false when not, nil when it cannot be judged (no wage file to read it from).
        public var met: Bool?
        /// What the wage file or the dataset record shows for it.
        public var evidence: String
    }

    /// One dataset: who supplied it, the wage file of the work that made it, and what is missing.
    public struct Entry: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        /// The vendor that supplied the data, when bought.
        public var vendorId: String?
        /// That vendor's name.
        public var vendorName: String?
        /// The spec of the work that made the data.
        public var sourceSpecId: String?
        /// That spec's wage file; nil when none is computed.
        public var wageFile: WageFileLink?
        /// True when the dataset record says the data records the workers: the elements then apply.
        public var recordedWork: Bool
        /// People in the portfolio whose wage file this is.
        public var people: Int
        /// The elements checked.
        public var elements: [Element]
        /// True when every element that applies is met.
        public var complete: Bool
        /// What is missing, in words.
        public var problems: [String]
    }
}

extension DatasetRegister {
    /// Proof that the data payment reached the recorded workers: a payroll or transfer reference,
    /// as many workers paid as the wage file records, and a total above zero. A wage file that
    /// says workers are paid directly is a claim; this is the evidence behind it.
    static func paymentProof(_ dataset: Dataset, file: DecisionFile?) -> Element {
        let recorded = file?.spec.headcount
        let reference = dataset.paymentEvidence?.trimmedSpaces ?? ""
        var evidence = reference.isEmpty ? "no payroll or transfer record on file" : "record \(reference)"
        if let paid = dataset.paidWorkers { evidence += "; \(paid)\(recorded.map { " of \($0)" } ?? "") workers paid" }
        if let total = dataset.paidTotalMinor, let currency = dataset.paidCurrency {
            evidence += ", \(Format.money(Money(minorUnits: total, currency: currency).amount)) \(currency) in total"
        }
        if let perMonth = file?.compliance.dataRights.payment?.workerPerMonth,
            let currency = file?.compliance.dataRights.payment?.currency
        {
            evidence += " (the wage file's data payment: \(Format.money(perMonth)) \(currency) per worker-month)"
        }
        let met =
            !reference.isEmpty && (dataset.paidTotalMinor ?? 0) > 0
            && (dataset.paidWorkers ?? 0) >= max(recorded ?? 1, 1)
        return Element(element: "proof of payment to the workers", met: met, evidence: evidence)
    }

    /// The register of every dataset in the snapshot, linked to its wage file.
    public static func build(_ snapshot: PortfolioSnapshot) -> DatasetRegister {
        let linked = Dictionary(grouping: snapshot.people.compactMap(\.specId), by: { $0 }).mapValues(\.count)
        let vendors = Dictionary(snapshot.vendors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = []
        for dataset in snapshot.datasets {
            let file = dataset.sourceSpecId.flatMap { snapshot.wageFiles[$0] }
            var problems: [String] = []
            if dataset.sourceSpecId == nil {
                problems.append("no source spec: nobody's work is on record for this data")
            } else if file == nil {
                problems.append("source spec '\(dataset.sourceSpecId ?? "")' has no decision file yet")
            }
            let recorded = dataset.recordedWork || file?.compliance.dataRights.applies == true
            var elements: [Element] = []
            if recorded {
                let standard = file?.compliance.dataRights.frameworks.first { $0.id == "recorded-work-standard" }
                func requirement(_ field: String) -> Bool? { standard?.requirements.first { $0.field == field }?.met }
                let consent = requirement("data_rights.consent.obtained")
                let kept = dataset.consentRecord?.trimmedSpaces.isEmpty == false
                elements = [
                    Element(
                        element: "consent record", met: file == nil ? nil : (consent == true && kept),
                        evidence:
                            "consent obtained: \(Format.yesNo(consent)); record kept at: \(dataset.consentRecord ?? "not stated")"
                    ),
                    Element(
                        element: "direct payment", met: requirement("data_rights.paid_directly"),
                        evidence: "data_rights.paid_directly: \(Format.yesNo(requirement("data_rights.paid_directly")))"
                    ),
                    Element(
                        element: "data-use disclosure", met: requirement("data_rights.downstream_use_disclosed"),
                        evidence:
                            "data_rights.downstream_use_disclosed: \(Format.yesNo(requirement("data_rights.downstream_use_disclosed")))"
                    ),
                    Element(
                        element: "secondary-use limits", met: requirement("data_rights.secondary_use_limits"),
                        evidence:
                            "data_rights.secondary_use_limits: \(Format.yesNo(requirement("data_rights.secondary_use_limits")))"
                    ),
                    paymentProof(dataset, file: file),
                ]
                for element in elements where element.met != true && file != nil {
                    problems.append(
                        "\(element.element) \(element.met == false ? "missing" : "not shown") (\(element.evidence))")
                }
            }
            entries.append(
                Entry(
                    id: dataset.id, name: dataset.name, vendorId: dataset.vendorId,
                    vendorName: dataset.vendorId.flatMap { vendors[$0]?.name },
                    sourceSpecId: dataset.sourceSpecId, wageFile: file.map(WageFileLink.init), recordedWork: recorded,
                    people: dataset.sourceSpecId.flatMap { linked[$0] } ?? 0, elements: elements,
                    complete: problems.isEmpty, problems: problems))
        }
        entries.sort { ($0.complete ? 1 : 0, $0.name, $0.id) < ($1.complete ? 1 : 0, $1.name, $1.id) }
        return DatasetRegister(
            asOf: snapshot.asOf.description, datasets: entries, incomplete: entries.filter { !$0.complete }.count,
            notes: [
                "Every data file has a wage file: the spec of the work that produced it, priced and checked.",
                "Recorded work (the data records the workers, or the wage file's data-rights rules apply) needs all five elements; consent also needs the place the record is kept, and direct payment needs its proof: a payroll or transfer reference with as many workers paid as the wage file records and the total paid (counts and totals, never bank details).",
            ],
            disclaimer: Disclaimer.text)
    }
}
