import Compliance
import Pricing
import ReferenceData
import WorkModel

/// The ten questions every wage file answers (pay-band-split-2026), answered from the spec's
/// facts and the pricing; a question the spec leaves open says so rather than guessing.
enum Questions {
    static let texts = [
        "What human judgment is being purchased?",
        "Does the work train a model, evaluate a model, deploy a model, or generate physical-world data?",
        "What happens if the work is wrong?",
        "Does the worker bring domain expertise, lived context, operational knowledge, or only task capacity?",
        "Is the worker an employee, contractor, vendor employee, platform worker, consultant, fellow, or a worker generating data as a byproduct?",
        "Which wage floor, market benchmark, or professional rate applies?",
        "Which benefits, overtime, payment-dispute, safety, and content-exposure protections apply?",
        "Which data rights and downstream-use disclosures apply?",
        "Which internal employee could qualify for the role, and what pay path would they receive?",
        "Which budget owns the work?",
    ]

    static func answer(_ pricing: RolePricing, compliance: ComplianceReport, reference: ReferenceSet) -> [DecisionFile
        .Answer]
    {
        let facts = QuestionFacts(pricing: pricing, compliance: compliance, reference: reference)
        let answers = [
            facts.judgmentPurchased(), facts.direction(), facts.consequences(), facts.expertise(), facts.workerStatus(),
            facts.rates(), facts.protections(), facts.dataRights(), facts.internalCandidates(), facts.budgetOwner(),
        ]
        return answers.enumerated().map { index, item in
            DecisionFile.Answer(number: index + 1, question: texts[index], answer: item.0, facts: item.1)
        }
    }
}

/// The spec, pricing and compliance facts the ten questions are answered from, one function
/// per question.
struct QuestionFacts {
    /// The answer and the facts behind it.
    typealias Answer = (String, [String])

    let pricing: RolePricing
    let compliance: ComplianceReport
    let reference: ReferenceSet

    var spec: RoleSpec { pricing.spec }
    var currency: String { spec.currency }
    var layer: LayerProfile? { reference.layer(pricing.inference.layer) }

    /// A factor's level with its description, as the spec states it.
    func level(_ factor: String) -> String {
        guard let id = spec.factors[factor] else { return "not stated" }
        let description = reference.factor(factor)?.level(id)?.description
        return description.map { "\(id) (\($0))" } ?? id
    }

    /// 1. The judgment bought, with the layer it places the work in.
    func judgmentPurchased() -> Answer {
        return (
            spec.judgmentPurchased,
            [
                "judgment type: \(level("judgment"))",
                "work layer: \(pricing.inference.layer.rawValue) (\(layer?.name ?? ""))",
            ]
                + pricing.inference.reasons.prefix(1)
        )
    }

    /// 2. Train, evaluate, deploy or physical-world data.
    func direction() -> Answer {
        let direction: String
        switch spec.direction {
        case .train: direction = "It trains the model."
        case .evaluate: direction = "It evaluates the model."
        case .deploy: direction = "It deploys AI inside an organization."
        case .physicalData: direction = "It generates physical-world data from the worker's own work."
        }
        return (
            direction,
            [
                "direction: \(spec.direction.rawValue)",
                pricing.inference.directionFits
                    ? "consistent with the \(pricing.inference.layer.rawValue) layer"
                    : "unusual for the \(pricing.inference.layer.rawValue) layer",
            ]
        )
    }

    /// 3. What happens if the work is wrong.
    func consequences() -> Answer {
        return (
            spec.consequenceIfWrong ?? "The spec does not describe it; the error-impact level is used.",
            [
                "error impact: \(level("impact"))", "authority: \(level("authority"))",
                "data sensitivity: \(level("data_sensitivity"))", "main risk of this layer: \(layer?.mainRisk ?? "")",
            ]
        )
    }

    /// 4. What the worker brings: task capacity up to credentialed expertise.
    func expertise() -> Answer {
        var expertiseFacts = ["expertise: \(level("expertise"))"]
        if let domain = spec.expertise.domain { expertiseFacts.append("domain: \(domain)") }
        if let credential = spec.expertise.credential { expertiseFacts.append("credential: \(credential)") }
        if let language = spec.language {
            expertiseFacts.append("language: \(language), \(spec.factors["language"] ?? "")")
        }
        let expertiseID = spec.factors["expertise"] ?? ""
        let bringing: String
        switch expertiseID {
        case "none": bringing = "Task capacity: the guidelines carry the judgment."
        case "trained": bringing = "Trained task judgment, calibrated to the program's rubric."
        case "specialist": bringing = "Domain knowledge or operational experience without a licence."
        default: bringing = "Credentialed domain expertise."
        }
        return (bringing, expertiseFacts)
    }

    /// 5. The worker's status, with the misclassification tests that apply.
    func workerStatus() -> Answer {
        let segment = layer.flatMap { reference.segment($0.segment) }
        let classification = compliance.classification
        var statusFacts =
            ["usual employment model for \(segment?.name ?? "this segment"): \(segment?.employmentModel ?? "")"]
            + (spec.vendor.map { ["engaged through vendor \($0.name)"] } ?? [])
        statusFacts += classification.assessments.map {
            "\($0.name) [\($0.standing.rawValue)]: \($0.risk.rawValue) risk; \($0.conclusion)"
        }
        let highest = classification.assessments.filter { $0.standing.binds }.map(\.risk).max()
        return (
            "\(spec.worker.status.rawValue) in \(spec.worker.jurisdiction)"
                + (spec.worker.headcount.map { ", headcount \($0)" } ?? "") + ". "
                + (highest.map { "Highest misclassification risk under the tests in force: \($0.rawValue). " } ?? "")
                + classification.note + " " + WorkerClassification.disclaimer,
            statusFacts
        )
    }

    /// 6. The benchmark band, the rate cards and anchors, and the wage floor against effective pay.
    func rates() -> Answer {
        let band = pricing.bandHourly
        var rateFacts = [
            "layer pay anchor: \(layer?.payAnchor ?? "")",
            "band \(Format.money(band.min))-\(Format.money(band.max)) \(currency)/h (mid \(Format.money(band.mid)))",
        ]
        if let category = pricing.inference.category.flatMap(reference.category) {
            rateFacts.append(
                "\(category.name) rate card \(Format.number(category.rateLow))-\(Format.number(category.rateHigh)) USD/h (\(category.ref.source), \(category.ref.asOf))"
            )
        }
        for anchor in reference.anchors where anchor.id == layer?.anchor {
            rateFacts.append(
                "\(anchor.name): \(Format.money(anchor.low, places: 0)) USD \(anchor.basis.rawValue)"
                    + (anchor.benefits.map { " \($0)" } ?? "") + " (\(anchor.ref.source))")
        }
        var floorAnswer: String
        if let floor = compliance.floors.binding {
            let record = floor.record
            let converted =
                record.period == .hour && record.currency == currency
                ? "" : " = \(Format.money(floor.hourlyInSpecCurrency)) \(currency)/h (\(floor.hoursDerivation))"
            rateFacts.append(
                "wage floor \(record.id): \(Format.money(record.amount)) \(record.currency) per \(record.period.rawValue)\(converted); \(record.ref.source), effective \(record.effective), confidence \(record.ref.confidence.rawValue)\(floor.stale ? ", stale" : "")"
            )
            floorAnswer =
                "The \(spec.worker.jurisdiction) wage floor is \(Format.money(floor.hourlyInSpecCurrency)) \(currency)/h."
        } else {
            floorAnswer = "No wage floor for \(spec.worker.jurisdiction) is in the reference data."
        }
        if let pay = compliance.effectivePay {
            rateFacts.append(
                "effective pay \(Format.money(pay.effectiveHourly)) \(currency)/h against \(Format.money(pay.nominalHourly)) quoted; \(Format.number(pay.unpaid.total, maxPlaces: 1)) unpaid h a week; \(Format.money(pay.shiftedCostPerWorkerMonth, places: 0)) \(currency) shifted per worker-month"
            )
            if let gap = compliance.gapToFloor {
                floorAnswer +=
                    gap < 0
                    ? " Effective pay after unpaid time is \(Format.money(pay.effectiveHourly)), \(Format.money(-gap)) below it."
                    : " Effective pay after unpaid time is \(Format.money(pay.effectiveHourly)), \(Format.money(gap)) above it."
            }
        }
        if let living = compliance.floors.livingWage {
            rateFacts.append(
                "living wage \(living.record.id): \(Format.money(living.hourlyInSpecCurrency)) \(currency)/h (\(living.record.ref.source))"
            )
        }
        return (
            "Benchmark: the \(pricing.inference.layer.rawValue) band from the market pay line at \(Format.number(pricing.score.total)) points. "
                + floorAnswer,
            rateFacts
        )
    }

    /// 7. Protections stated, checked against Fairwork and the procurement checklist.
    func protections() -> Answer {
        let protections = spec.protections
        var protectionFacts = [
            "benefits: \(Format.yesNo(protections.benefits))", "overtime: \(Format.yesNo(protections.overtime))",
            "paid qualification: \(Format.yesNo(protections.paidQualification))",
            "payment-dispute process: \(Format.yesNo(protections.paymentDisputeProcess))",
            "safety training: \(Format.yesNo(protections.safetyTraining))",
            "wellbeing support: \(Format.yesNo(protections.wellbeingSupport)) (content exposure: \(spec.factors["content_exposure"] ?? "not stated"))",
        ]
        if let fairwork = compliance.fairwork {
            for (number, point) in [(1, fairwork.point1), (2, fairwork.point2)] {
                let state = point.met.map { $0 ? "met" : "not met" } ?? "undetermined"
                protectionFacts.append(
                    "Fairwork Fair Pay \(number) (\(point.title.lowercased())): \(state)"
                        + (point.reasons.isEmpty ? "" : "; " + point.reasons.joined(separator: "; ")))
            }
        }
        if let vendor = compliance.vendor {
            let answered = vendor.checklist.filter { $0.ok != nil }.count
            let bad = vendor.checklist.filter { $0.ok == false }.map(\.item)
            protectionFacts.append(
                "vendor checklist: \(answered) of \(vendor.checklist.count) answered"
                    + (bad.isEmpty ? "" : "; problems: \(bad.joined(separator: ", "))"))
        }
        return (
            protections == Protections() && compliance.vendor == nil
                ? "The spec states no protections."
                : "As stated in the spec, checked against the Fairwork Fair Pay points and the procurement checklist where they apply.",
            protectionFacts
        )
    }

    /// 8. Data rights when the work records the worker.
    func dataRights() -> Answer {
        let rights = spec.dataRights
        if compliance.dataRights.applies {
            let consent = rights.consent
            var rightsFacts = [
                "consent: \(consent?.obtained == true ? "obtained" : "not recorded")"
                    + (consent?.record.map { " (\($0))" } ?? ""),
                "can refuse without penalty: \(Format.yesNo(rights.canRefuseWithoutPenalty))",
                "paid directly: \(Format.yesNo(rights.paidDirectly))", "biometric: \(Format.yesNo(rights.biometric))",
                "downstream use disclosed: \(Format.yesNo(rights.downstreamUseDisclosed))",
                "secondary-use limits: \(Format.yesNo(rights.secondaryUseLimits))",
                "retention: \(rights.retention ?? "not stated")",
                "benefit sharing: \(Format.yesNo(rights.benefitSharing))",
            ]
            for framework in compliance.dataRights.frameworks {
                let unmet = framework.requirements.filter { $0.met != true }.map(\.requirement)
                rightsFacts.append(
                    "\(framework.name): "
                        + (unmet.isEmpty ? "requirements met" : "not shown: " + unmet.joined(separator: "; ")))
            }
            let frameworkNames = compliance.dataRights.frameworks.map(\.name).joined(separator: ", ")
            return (
                "The work records the worker; consent, direct payment and downstream-use terms apply (\(frameworkNames)).",
                rightsFacts
            )
        } else {
            return (
                "The work does not record the worker; the outputs are work product under the contract.",
                ["data sensitivity of the material handled: \(level("data_sensitivity"))"]
            )
        }
    }

    /// 9. Internal candidates placed in the band, or the path upward from it.
    func internalCandidates() -> Answer {
        if pricing.candidates.isEmpty {
            return (
                "No internal candidates are named.",
                pricing.pathUpward.map {
                    $0.lateral
                        ? "lateral move from here: \($0.layer), mid \(Format.money($0.bandHourly.mid)) \(currency)/h (\(Format.percent($0.gapPercent)) on this band's midpoint)"
                        : "next step from here: \($0.layer), mid \(Format.money($0.bandHourly.mid)) \(currency)/h"
                }
            )
        } else {
            return (
                "\(pricing.candidates.count) internal candidate\(pricing.candidates.count == 1 ? "" : "s") named; each is placed in this band.",
                pricing.candidates.map { candidate in
                    let pay = candidate.hourly.map { "\(Format.money($0)) \(currency)/h" } ?? "pay not stated"
                    let cost =
                        candidate.annualCostToMinimum.map {
                            $0 > 0
                                ? ", \(Format.money($0, places: 0)) \(currency)/year to reach the minimum"
                                : ", at or above the minimum"
                        } ?? ""
                    return "\(candidate.name): \(pay)"
                        + (candidate.compaRatio.map { ", compa-ratio \(Format.number($0, maxPlaces: 2))" } ?? "") + cost
                }
            )
        }
    }

    /// 10. The budget that owns the work.
    func budgetOwner() -> Answer {
        return (
            spec.budgetOwner.map { "The \($0) budget." } ?? "Not stated: no budget owns this work yet.",
            ["governance owner: \(spec.governanceOwner ?? layer?.governanceOwner ?? "")"]
        )
    }
}
