import Compliance
import Foundation
import Pricing
import WorkModel

/// A decision file as Markdown: reads well in a pull request and prints cleanly.
public enum MarkdownRendering {
    /// The whole file as one Markdown document: summary, band, market, offer, compliance, the ten
    /// answers, findings, path upward, the optional sections and the provenance table.
    public static func render(_ file: DecisionFile) -> String {
        // Each section in the order a reviewer reads the file.
        [
            headerSection(file), summarySection(file), findingsSection(file), compliance(file),
            questionsSection(file), scoresSection(file), bandSection(file), GradeText.markdown(file),
            LoadedCostText.markdown(file), PayTransparencyText.markdown(file), DataPaymentText.markdown(file),
            pathUpwardSection(file),
            provenanceSection(file),
        ].joined()
    }

    /// The title line, the spec's identity and the disclaimer.
    static func headerSection(_ file: DecisionFile) -> String {
        var out = "# Wage file: \(cell(file.spec.title))\n\n"
        out += "`\(file.spec.id)` · \(file.spec.kind) · \(file.spec.workerStatus) in \(file.spec.jurisdiction)"
        out += file.spec.vendor.map { " · vendor \(cell($0))" } ?? ""
        out += " · schema \(file.schema)\n\n"
        out += "> \(file.disclaimer)\n\n"
        return out
    }

    /// The summary table: layer, category, scores, bands, market, offer and owners.
    static func summarySection(_ file: DecisionFile) -> String {
        let c = file.band.currency
        var out = "## Summary\n\n| | |\n|---|---|\n"
        out += "| Work layer | **\(file.layer)** (\(file.layerName)); segment \(file.segment) |\n"
        out +=
            "| Job category | \(file.category.map { "\($0.name) (\($0.declared ? "declared" : "inferred from tasks"))" } ?? "none: no public rate card for this work") |\n"
        out +=
            "| Scores | complexity \(Format.number(file.scores.complexity)), consequence \(Format.number(file.scores.consequence))"
            + (file.scores.conditions.map { ", effort and conditions \(Format.number($0))" } ?? "")
            + ", total \(Format.number(file.scores.total)) points |\n"
        out +=
            "| Hourly band (\(c)) | \(Format.money(file.band.hourly.min)) / **\(Format.money(file.band.hourly.mid))** / \(Format.money(file.band.hourly.max))"
            + (c == "USD"
                ? ""
                : " (USD \(Format.money(file.band.usdHourly.min)) / \(Format.money(file.band.usdHourly.mid)) / \(Format.money(file.band.usdHourly.max)))")
            + " |\n"
        out +=
            "| Labour market | \(cell(file.band.locationMarket ?? file.spec.jurisdiction)), \(file.band.locationPolicy) policy, differential \(Format.number(file.band.locationFactor)) |\n"
        out +=
            "| Annual band (\(c)) | \(Format.money(file.band.annual.min, places: 0)) / **\(Format.money(file.band.annual.mid, places: 0))** / \(Format.money(file.band.annual.max, places: 0)) |\n"
        out += "| Hours basis | \(cell(file.band.hoursBasis)) |\n"
        if let offered = file.offered {
            out += "| Offered | \(Format.money(offered.amount)) \(offered.currency) \(offered.basis)"
            out += offered.minutesPerTask.map { " at \(Format.number($0)) min/task" } ?? ""
            out += " = \(Format.money(offered.hourly)) \(c)/h |\n"
            out += "| Compa-ratio | \(Format.number(offered.compaRatio, maxPlaces: 3)) |\n"
            out += "| Range penetration | \(Format.percent(offered.rangePenetration)) (\(offered.circle)) |\n"
            if let market = offered.marketRatio {
                out += "| Market ratio | \(Format.number(market, maxPlaces: 3)) of the rate card midpoint |\n"
            }
        }
        out += "| Governance owner | \(cell(file.governanceOwner)) |\n"
        out += "| Budget owner | \(file.budgetOwner.map(cell) ?? "**not set**") |\n\n"
        return out
    }

    /// Every finding, most severe first, with its evidence and fix.
    static func findingsSection(_ file: DecisionFile) -> String {
        var out = "## Findings\n\n"
        if file.findings.isEmpty { out += "No findings.\n\n" }
        for finding in file.findings {
            out += "- **\(finding.severity.rawValue.uppercased())** `\(finding.rule)`: \(finding.message)\n"
            for item in finding.evidence { out += "  - \(item)\n" }
            if let fix = finding.fix { out += "  - *Fix:* \(fix)\n" }
        }
        if !file.findings.isEmpty { out += "\n" }
        return out
    }

    /// The ten questions answered, then why the work sits in its layer.
    static func questionsSection(_ file: DecisionFile) -> String {
        var out = "## The ten questions\n\n"
        for answer in file.questions {
            out += "\(answer.number). **\(answer.question)**  \n   \(answer.answer)\n"
            for fact in answer.facts { out += "   - \(fact)\n" }
        }
        out += "\n## Why this layer\n\n"
        for reason in file.layerReasons { out += "- \(reason)\n" }
        return out
    }

    /// The point-factor scores, factor by factor.
    static func scoresSection(_ file: DecisionFile) -> String {
        var out = "\n## Scores\n\n| Axis | Factor | Level | Points |\n|---|---|---|---:|\n"
        for factor in file.scores.factors {
            out +=
                "| \(factor.axis) | \(factor.factor) | \(factor.level)\(factor.assumed == true ? " (not stated; default)" : "") | \(Format.number(factor.points)) |\n"
        }
        return out
    }

    /// How the band was built: pay line, location, floor, premiums, spread, rate card and anchors.
    static func bandSection(_ file: DecisionFile) -> String {
        let c = file.band.currency
        var out = "\n## Band\n\n"
        out +=
            "- Pay line: \(file.market.payLine.formula); at these points \(Format.money(file.market.lineMidUSD)) USD/h"
            + (file.market.payLine.placement.map { ", \($0)" } ?? "") + "\n"
        out +=
            "- Location: \(file.band.locationPolicy) policy, market \(file.band.locationMarket ?? file.spec.jurisdiction), differential \(Format.number(file.band.locationFactor))"
            + (file.band.locationBasis.map { " (\($0))" } ?? "") + "\n"
        if let lift = file.band.floorLift { out += "- Floor: \(lift.note)\n" }
        out +=
            "- Premiums: "
            + (file.band.premiums.isEmpty
                ? "none"
                : file.band.premiums.map { "\($0.name) +\(Format.number($0.percent))% (\($0.trigger))" }.joined(
                    separator: "; ")) + "\n"
        out +=
            "- Range spread \(Format.percent(file.band.rangeSpread, places: 0)) of the minimum; exchange rate \(Format.number(file.band.exchangeRate)) \(c) per USD\n"
        if let card = file.market.rateCard {
            out +=
                "- Rate card \(card.category): \(Format.money(card.low))-\(Format.money(card.high)) \(c)/h (\(Format.number(card.lowUSD))-\(Format.number(card.highUSD)) USD/h published, \(card.source)"
                + (card.locationFactor.map { ", x \(Format.number($0, maxPlaces: 4)) for this market" } ?? "") + ")\n"
        }
        for anchor in file.market.anchors {
            out +=
                "- Anchor \(anchor.name): \(Format.money(anchor.low))\(anchor.high.map { "-" + Format.money($0) } ?? "") \(anchor.currency) \(anchor.basis)\(anchor.note.map { " \($0)" } ?? "") (\(anchor.source))\n"
        }
        return out
    }

    /// The path upward: next layers or the next grade, and internal candidates.
    static func pathUpwardSection(_ file: DecisionFile) -> String {
        let c = file.band.currency
        var out = "\n## Path upward\n\n"
        if file.pathUpward.nextLayers.isEmpty {
            out += "This is the top of the AI training ladder; the next step is model risk or product management.\n"
        }
        if !file.pathUpward.nextLayers.isEmpty && file.pathUpward.nextLayers.allSatisfy({ $0.direction == "lateral" }) {
            out +=
                "No next layer pays more than this band on the same location basis: the way up is the next grade of the job architecture\(file.grade?.upper.map { " (\($0.id), \($0.name))" } ?? "").\n"
        }
        for step in file.pathUpward.nextLayers {
            out +=
                "- \(step.direction == "lateral" ? "lateral, not a step up: " : "")**\(step.layer)** (\(step.name)): \(Format.money(step.hourly.min))-\(Format.money(step.hourly.max)) \(c)/h, mid \(Format.money(step.hourly.mid)); pay change \(Format.money(step.gapHourly)) \(c)/h (\(Format.percent(step.gapPercent)))\n"
            for evidence in step.evidence { out += "  - qualifies with: \(evidence)\n" }
        }
        if !file.pathUpward.internalCandidates.isEmpty {
            out +=
                "\n| Internal candidate | Now | Pay (\(c)/h) | Compa | Penetration | Cost to min (\(c)/yr) | Cost to mid (\(c)/yr) |\n|---|---|---:|---:|---:|---:|---:|\n"
            for candidate in file.pathUpward.internalCandidates {
                out +=
                    "| \(cell(candidate.name)) | \(cell(candidate.currentTitle ?? candidate.currentLayer ?? "")) | \(candidate.hourly.map { Format.money($0) } ?? "") | \(candidate.compaRatio.map { Format.number($0, maxPlaces: 3) } ?? "") | \(candidate.rangePenetration.map { Format.percent($0) } ?? "") | \(candidate.annualCostToMinimum.map { Format.money($0, places: 0) } ?? "") | \(candidate.annualCostToMidpoint.map { Format.money($0, places: 0) } ?? "") |\n"
            }
        }
        for notice in file.withheld ?? [] { out += "\n*Withheld from this copy:* \(notice).\n" }
        return out
    }

    /// Where every figure came from.
    static func provenanceSection(_ file: DecisionFile) -> String {
        var out =
            "\n## Provenance\n\n| Figure | Value | Source | As of | Confidence | Derivation |\n|---|---:|---|---|---|---|\n"
        for entry in file.provenance {
            out +=
                "| `\(entry.figure)` | \(entry.value.map { Format.number($0) } ?? "")\(entry.unit.map { " \($0)" } ?? "") | \(entry.source) | \(entry.asOf ?? "") | \(entry.confidence?.rawValue ?? "") | \(cell(entry.derivation)) |\n"
        }
        return out
    }

    static func compliance(_ file: DecisionFile) -> String {
        let section = file.compliance
        var out = "## Wage floor and effective pay\n\n| | |\n|---|---|\n"
        for (label, value) in ComplianceText.payRows(file) { out += "| \(label) | \(cell(value)) |\n" }
        out += "\n## Worker status\n\n\(section.classification.note)\n\n"
        for result in section.classification.assessments {
            out += "### \(result.name): \(result.risk.rawValue) risk\n\n"
            out += "\(result.conclusion) *\(result.citation); \(result.standing.rawValue): \(result.standingNote)*\n\n"
            out += "| Factor | Points to | Reasoning |\n|---|---|---|\n"
            for factor in result.factors {
                out += "| \(factor.factor) | \(factor.leaning.rawValue) | \(cell(factor.reasoning)) |\n"
            }
            if !result.missingFacts.isEmpty {
                out += "\nMissing facts: \(result.missingFacts.map { "`\($0)`" }.joined(separator: ", "))\n"
            }
            out += "\n"
        }
        if !section.classification.assessments.isEmpty { out += "> \(section.classification.disclaimer)\n\n" }
        if section.dataRights.applies {
            out += "## Data rights\n\n"
            for framework in section.dataRights.frameworks {
                out +=
                    "### \(framework.name)\n\n\(framework.note) *(\(framework.citation))*\n\n| Requirement | Shown |\n|---|---|\n"
                for requirement in framework.requirements {
                    out +=
                        "| \(cell(requirement.requirement)) | \(ComplianceText.requirementState(requirement.met)) |\n"
                }
                out += "\n"
            }
        }
        if let vendor = section.vendor {
            out += "## Vendor oversight: \(cell(vendor.vendor))\n\n| Question | Answer |\n|---|---|\n"
            for item in vendor.checklist + vendor.supplyChain {
                out +=
                    "| \(cell(item.question)) | \(item.ok == false ? "**\(cell(item.answer))**" : cell(item.answer)) |\n"
            }
            out += "\nLast audit: \(vendor.lastAudit ?? "none on record")\n\n"
        }
        return out
    }

    /// Keeps table cells on one line and pipes from breaking the table.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
