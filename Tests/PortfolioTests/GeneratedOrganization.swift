import DecisionFiles
import Foundation
import Portfolio
import Pricing
import ReferenceData
import Signal
import WorkModel

/// Draws for the generated organization, from Signal's seeded generator.
struct SeededGenerator {
    var random: SeededRandom
    init(state: UInt64) { random = SeededRandom(seed: state) }
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * random.uniform() }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
}

/// The wage files every portfolio test prices once: the examples and the two clean fixtures.
enum WageFiles {
    static let asOf = CalendarDate(year: 2026, month: 12, day: 1)

    private static let loaded: Result<[String: DecisionFile], any Error> = Result {
        let pricer = try Pricer(reference: try ReferenceLoader.load())
        let batch = BatchPricing(builder: DecisionFileBuilder(pricer: pricer, asOf: asOf))
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../examples"
        ).standardized
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw GeneratedOrganization.Missing()
        }
        var files: [String: DecisionFile] = [:]
        for directory in [examples, fixtures] {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where name.hasSuffix(".yaml") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                if case .priced(let file) = batch.price(text, file: name) { files[file.spec.id] = file }
            }
        }
        return files
    }

    static func all() throws -> [String: DecisionFile] { try loaded.get() }
    static func currencies() throws -> CurrencyTable { CurrencyTable(reference: try ReferenceLoader.load()) }
}

/// About 2,000 people, 40 vendors and 31 datasets, with compression, inversion, pay gaps,
/// blocking vendors and incomplete wage files planted where the reports must find them, and
/// pay everywhere else drawn from ranges no rule should flag.
struct GeneratedOrganization {
    struct Missing: Error {}

    struct Planted {
        var inversions: Set<String> = []
        var compressed: Set<String> = []
        var greenCircles: Set<String> = []
        var supervisorPremiums: Set<String> = []
        var blockingVendors: Set<String> = []
        var incompleteDatasets: Set<String> = []
        var readyReviewers: Set<String> = []
        var everyone: Set<String> { inversions.union(compressed).union(greenCircles).union(supervisorPremiums) }
    }

    var snapshot: PortfolioSnapshot
    var planted = Planted()
    /// The multiplier on women's pay in data-quality-ops: the planted gap.
    static let plantedGap = 0.92

    init(seed: UInt64 = 20_261_201) throws {
        let files = try WageFiles.all()
        var random = SeededGenerator(state: seed)
        var people: [Person] = []
        var planted = Planted()
        let asOf = WageFiles.asOf

        func hireDate(monthsAgo: Int) -> String {
            let index = asOf.year * 12 + (asOf.month ?? 1) - 1 - monthsAgo
            return CalendarDate(year: index / 12, month: index % 12 + 1, day: 1).description
        }
        func band(_ spec: String) throws -> (mid: Double, hours: Double, currency: String) {
            guard let file = files[spec] else { throw Missing() }
            return (file.band.hourly.mid, file.band.hoursPerYear, file.band.currency)
        }
        /// Compa-ratio by time in post: new hires lowest, tenured staff clearly above them.
        func compa(tenure: Int) -> Double {
            tenure < 12
                ? random.uniform(0.92, 0.96) : tenure < 24 ? random.uniform(0.98, 1.05) : random.uniform(1.08, 1.15)
        }
        func employee(
            _ id: String, spec: String, compa ratio: Double, tenure: Int, manager: String?, gender: String,
            title: String
        ) throws -> Person {
            let (mid, hours, currency) = try band(spec)
            let annual = (ratio * mid * hours).rounded()
            return Person(
                id: id, externalId: id.uppercased(), name: "Person \(id)", employment: "employee", title: title,
                payMinor: Int64(annual * 100), currency: currency, payBasis: "annual", band: "B\(random.int(1...6))",
                location: currency == "EUR" ? "Berlin, DE" : "New York, US-NY", hireDate: hireDate(monthsAgo: tenure),
                managerId: manager, specId: spec, budgetOwner: "headcount", hoursPerWeek: hours / 52,
                equityGroups: "gender=\(gender)")
        }

        // 150 evaluation leads: the managers of everyone internal below.
        var leads: [String] = []
        for index in 0..<150 {
            let id = "lead-\(index)"
            let tenure = random.int(0...120)
            people.append(
                try employee(
                    id, spec: "internal-evaluation-lead", compa: compa(tenure: tenure), tenure: tenure, manager: nil,
                    gender: random.int(0...1) == 0 ? "F" : "M", title: "Evaluation Lead"))
            leads.append(id)
        }
        // Internal layers: evaluation (prompt engineering and gold sets), data quality (Berlin), applied AI.
        let layers: [(spec: String, count: Int, prefix: String, title: String)] = [
            ("prompt-engineer-gold-sets", 800, "eval", "Quality Analyst"),
            ("data-quality-analyst-de", 300, "dq", "Data Quality Analyst"),
            ("applied-ai-fellow", 250, "aai", "Applied AI Specialist"),
        ]
        for layer in layers {
            for index in 0..<layer.count {
                let id = "\(layer.prefix)-\(index)"
                let tenure = random.int(0...120)
                let gender = random.int(0...1) == 0 ? "F" : "M"
                var ratio = compa(tenure: tenure)
                if layer.prefix == "dq" && gender == "F" { ratio *= Self.plantedGap }
                people.append(
                    try employee(
                        id, spec: layer.spec, compa: ratio, tenure: tenure, manager: leads[index % leads.count],
                        gender: gender, title: layer.title))
            }
        }
        // External: RLHF contractors doing evaluation work, labelling contractors, vendor workers.
        // Compression compares a contract rate as employee-equivalent pay, the rate over the US
        // statutory load (1 + 6.2% Social Security + 1.45% Medicare = 1.0765 at these rates), so
        // the rates are drawn to sit at 0.90-0.95 of the band midpoint on that basis, like new hires.
        for index in 0..<300 {
            let (mid, _, currency) = try band("rlhf-specialist-us")
            people.append(
                Person(
                    id: "rlhf-\(index)", externalId: "C-RLHF-\(index)", name: "Contractor \(index)",
                    employment: "contractor",
                    title: "RLHF Specialist",
                    payMinor: Int64((random.uniform(0.90, 0.95) * 1.0765 * mid * 100).rounded()), currency: currency,
                    payBasis: "hourly", hireDate: hireDate(monthsAgo: random.int(0...36)), specId: "rlhf-specialist-us",
                    budgetOwner: "consulting", hoursPerWeek: 30, reviewerId: "r-\(index)"))
        }
        for index in 0..<100 {
            people.append(
                Person(
                    id: "label-\(index)", externalId: "C-LBL-\(index)", name: "Labeller \(index)",
                    employment: "contractor",
                    payMinor: 2_200, currency: "USD", payBasis: "hourly",
                    hireDate: hireDate(monthsAgo: random.int(0...24)),
                    specId: "california-labelling-contractor", budgetOwner: "procurement", hoursPerWeek: 20))
            people.append(
                Person(
                    id: "vw-\(index)", externalId: "V-\(index)", name: "Vendor worker \(index)",
                    employment: "vendor-worker",
                    payMinor: 500, currency: "USD", payBasis: "hourly",
                    hireDate: hireDate(monthsAgo: random.int(0...24)),
                    specId: "vendor-clean-transcription", budgetOwner: "procurement", hoursPerWeek: 40))
        }

        // Planted in evaluation: tenured people paid below new hires (inversion) and barely above them (compression).
        let (evalMid, evalHours, _) = try band("prompt-engineer-gold-sets")
        func replace(_ id: String, compa ratio: Double, tenure: Int) throws {
            guard let index = people.firstIndex(where: { $0.id == id }) else { throw Missing() }
            people[index].payMinor = Int64((ratio * evalMid * evalHours).rounded() * 100)
            people[index].hireDate = hireDate(monthsAgo: tenure)
        }
        for index in 0..<10 {
            try replace("eval-\(index)", compa: random.uniform(0.86, 0.90), tenure: random.int(36...96))
            planted.inversions.insert("eval-\(index)")
            try replace("eval-\(10 + index)", compa: random.uniform(0.95, 0.97), tenure: random.int(36...96))
            planted.compressed.insert("eval-\(10 + index)")
        }
        // Below the band minimum, in data quality, neither new nor tenured.
        let (dqMid, dqHours, _) = try band("data-quality-analyst-de")
        for index in 0..<5 {
            guard let at = people.firstIndex(where: { $0.id == "dq-\(index)" }) else { throw Missing() }
            people[at].payMinor = Int64((0.75 * dqMid * dqHours).rounded() * 100)
            people[at].hireDate = hireDate(monthsAgo: 18)
            planted.greenCircles.insert("dq-\(index)")
        }
        // Three leads who earn barely more than their best-paid direct report.
        let (_, leadHours, _) = try band("internal-evaluation-lead")
        let currencies = try WageFiles.currencies()
        for (lead, gender) in [("lead-0", "F"), ("lead-1", "M"), ("lead-2", "M")] {
            let reports = people.filter { $0.managerId == lead }
            let top =
                reports.compactMap { person -> Double? in
                    guard let minor = person.payMinor, let code = person.currency else { return nil }
                    return currencies.convert(
                        Double(minor) / 100 / (person.hoursPerWeek ?? 40) / 52, from: code, to: "USD")
                }.max() ?? 0
            guard let at = people.firstIndex(where: { $0.id == lead }) else { throw Missing() }
            // A lead paid like an analyst: also below the lead band's minimum, and below new leads.
            people[at].payMinor = Int64((top * 1.04 * leadHours).rounded() * 100)
            people[at].hireDate = hireDate(monthsAgo: 60)
            people[at].equityGroups = "gender=\(gender)"
            planted.supervisorPremiums.insert(lead)
        }
        // People linked to a spec that has no wage file, and people with no pay: left out, not flagged.
        for index in 0..<20 {
            people.append(
                Person(
                    id: "unpriced-\(index)", externalId: "U-\(index)", name: "Unpriced \(index)",
                    employment: "employee",
                    payMinor: 6_000_000, currency: "USD", payBasis: "annual", workLayer: "annotation",
                    hireDate: hireDate(monthsAgo: 30), budgetOwner: "headcount"))
        }

        // 40 vendors: 30 clean, 10 with a planted problem.
        var vendors: [Vendor] = []
        for index in 0..<30 {
            vendors.append(
                Vendor(
                    id: "vendor-\(index)", name: "Clean vendor \(index)", country: "KE",
                    contractSpecId: "vendor-clean-transcription",
                    annualSpendMinor: Int64(random.int(50_000...400_000)) * 100, currency: "USD",
                    budgetOwner: "procurement",
                    lastAudit: "2026-09-01", nextAudit: "2027-03-01"))
        }
        func plant(_ vendor: Vendor) {
            vendors.append(vendor)
            planted.blockingVendors.insert(vendor.id)
        }
        for index in 0..<4 {
            plant(
                Vendor(
                    id: "vendor-unpaid-\(index)", name: "Unpaid-labour vendor \(index)", country: "KE",
                    contractSpecId: "vendor-swahili-transcription",
                    annualSpendMinor: 12_000_000, currency: "USD", budgetOwner: "procurement", lastAudit: "2025-06-10"))
        }
        for index in 0..<3 {
            plant(
                Vendor(
                    id: "vendor-audit-\(index)", name: "Open audit finding \(index)", country: "KE",
                    contractSpecId: "vendor-clean-transcription",
                    annualSpendMinor: 9_000_000, currency: "USD", budgetOwner: "procurement", lastAudit: "2026-08-15",
                    nextAudit: "2027-02-15",
                    auditFindings: "Workers not paid for rejected tasks", auditBlocking: true))
        }
        for index in 0..<2 {
            plant(
                Vendor(
                    id: "vendor-overdue-\(index)", name: "Overdue audit \(index)", country: "KE",
                    contractSpecId: "vendor-clean-transcription",
                    annualSpendMinor: 7_000_000, currency: "USD", budgetOwner: "procurement", lastAudit: "2026-04-01",
                    nextAudit: "2026-10-01"))
        }
        plant(
            Vendor(
                id: "vendor-no-wage-file", name: "Expert network without a contract spec", country: "US",
                annualSpendMinor: 30_000_000, currency: "USD", budgetOwner: "consulting", lastAudit: "2026-07-01"))

        // 31 datasets: 25 complete, 6 planted incomplete.
        var datasets: [Dataset] = []
        for index in 0..<20 {
            datasets.append(
                Dataset(
                    id: "ds-\(index)", name: "Transcripts batch \(index)", vendorId: "vendor-\(index % 30)",
                    sourceSpecId: "vendor-clean-transcription", recordedWork: false))
        }
        for index in 0..<5 {
            datasets.append(
                Dataset(
                    id: "ds-video-\(index)", name: "Sewing-line video \(index)", sourceSpecId: "recorded-work-clean",
                    recordedWork: true, consentRecord: "signed forms, site HR office, box \(index)",
                    retention: "3 years",
                    paymentEvidence: "payroll run 2026-10, cohort \(index)", paidWorkers: 400,
                    paidTotalMinor: 4_000_000_00, paidCurrency: "INR"))
        }
        func incomplete(_ dataset: Dataset) {
            datasets.append(dataset)
            planted.incompleteDatasets.insert(dataset.id)
        }
        incomplete(
            Dataset(
                id: "ds-gurugram-0", name: "Garment footage without consent",
                sourceSpecId: "gurugram-garment-egocentric", recordedWork: true))
        incomplete(
            Dataset(
                id: "ds-gurugram-1", name: "Garment footage, second site", sourceSpecId: "gurugram-garment-egocentric",
                recordedWork: true,
                consentRecord: "site office"))
        incomplete(
            Dataset(
                id: "ds-video-no-record", name: "Sewing-line video, records lost", sourceSpecId: "recorded-work-clean",
                recordedWork: true,
                paymentEvidence: "payroll run 2026-10, cohort 9", paidWorkers: 400, paidTotalMinor: 4_000_000_00,
                paidCurrency: "INR"))
        // Consent on file and the wage file says workers are paid directly, but no payroll proof.
        incomplete(
            Dataset(
                id: "ds-video-unpaid", name: "Sewing-line video, payment unproven", sourceSpecId: "recorded-work-clean",
                recordedWork: true,
                consentRecord: "signed forms, site HR office, box 12", retention: "3 years"))
        incomplete(Dataset(id: "ds-orphan", name: "Scraped preference pairs", recordedWork: false))
        incomplete(
            Dataset(
                id: "ds-unpriced", name: "Expert rubric scores", sourceSpecId: "expert-rubrics-unpriced",
                recordedWork: false))

        // Evidence for ten RLHF contractors: five clearly ready, the rest short on one count each.
        var evidence: [String: AgreementReport.ReviewerQuality] = [:]
        func quality(_ id: String, gold: Int, accuracy: Double, agreement: Double, drift: Bool = false) throws
            -> AgreementReport.ReviewerQuality
        {
            var json =
                #"{"id":"\#(id)","judgments":400,"goldJudgments":\#(gold),"goldAccuracy":\#(accuracy),"agreementWithOthers":\#(agreement)"#
            if drift { json += #","drift":{"window":"2026-11","accuracy":0.7,"baseline":0.93,"drop":0.23,"z":3.1}"# }
            return try JSONDecoder().decode(AgreementReport.ReviewerQuality.self, from: Data((json + "}").utf8))
        }
        for index in 0..<5 {
            evidence["r-\(index)"] = try quality("r-\(index)", gold: 40, accuracy: 0.95, agreement: 0.86)
            planted.readyReviewers.insert("rlhf-\(index)")
        }
        evidence["r-5"] = try quality("r-5", gold: 10, accuracy: 0.98, agreement: 0.9)
        evidence["r-6"] = try quality("r-6", gold: 40, accuracy: 0.82, agreement: 0.9)
        evidence["r-7"] = try quality("r-7", gold: 40, accuracy: 0.95, agreement: 0.7)
        evidence["r-8"] = try quality("r-8", gold: 40, accuracy: 0.95, agreement: 0.9, drift: true)

        self.snapshot = PortfolioSnapshot(
            asOf: asOf, people: people, vendors: vendors, datasets: datasets, wageFiles: files,
            reviewerEvidence: evidence, currencies: currencies, onCosts: try ReferenceLoader.load().onCosts)
        self.planted = planted
    }
}
