import Compliance
import Foundation
import Pricing
import WorkModel

/// A decision file as one self-contained HTML page: readable on screen, clean when printed to
/// PDF from the browser, with the band drawn as an accessible SVG chart.
public enum HTMLRendering {
    /// The whole page: a complete HTML document with its own styles and no external resources.
    public static func render(_ file: DecisionFile) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Wage file: \(e(file.spec.title))</title>
        <style>\(css)</style></head>
        <body><main>\(body(file))</main></body></html>

        """
    }

    /// The page's content without the document around it, for the web app's decision-file page.
    public static func body(_ file: DecisionFile) -> String {
        // Each section in the order a reviewer reads the file.
        [
            headerSection(file), summarySection(file), findingsSection(file), compliance(file),
            questionsSection(file), layerAndScoresSection(file), GradeText.html(file), LoadedCostText.html(file),
            PayTransparencyText.html(file), DataPaymentText.html(file), pathUpwardSection(file),
            provenanceSection(file),
        ].joined()
    }

    /// The title, the spec's identity and the disclaimer.
    static func headerSection(_ file: DecisionFile) -> String {
        var body = "<header><p class=\"kicker\">Wage file · \(e(file.spec.kind)) · <code>\(e(file.spec.id))</code></p>"
        body += "<h1>\(e(file.spec.title))</h1>"
        body +=
            "<p class=\"meta\">\(e(file.spec.workerStatus)) in \(e(file.spec.jurisdiction))\(file.spec.vendor.map { " · vendor " + e($0) } ?? "") · \(e(file.schema))</p>"
        body += "<p class=\"disclaimer\">\(e(file.disclaimer))</p></header>"
        return body
    }

    /// The summary list: layer, category, scores, market, bands, offer and owners, with the band chart.
    static func summarySection(_ file: DecisionFile) -> String {
        let c = file.band.currency
        var body = "<section><h2>Summary</h2><dl class=\"summary\">"
        body += item(
            "Work layer", "<strong>\(e(file.layer))</strong> (\(e(file.layerName))), segment \(e(file.segment))")
        body += item(
            "Job category",
            file.category.map { "\(e($0.name)) (\($0.declared ? "declared" : "inferred from tasks"))" }
                ?? "none (no public rate card)")
        body += item(
            "Scores",
            "complexity \(Format.number(file.scores.complexity)) · consequence \(Format.number(file.scores.consequence))"
                + (file.scores.conditions.map { " · effort and conditions \(Format.number($0))" } ?? "")
                + " · total \(Format.number(file.scores.total)) points")
        body += item(
            "Labour market",
            "\(e(file.band.locationMarket ?? file.spec.jurisdiction)) · \(e(file.band.locationPolicy)) policy · differential \(Format.number(file.band.locationFactor))"
                + (file.band.floorLift.map { " · \(e($0.note))" } ?? ""))
        body += item(
            "Hourly band (\(e(c)))",
            "\(Format.money(file.band.hourly.min)) / <strong>\(Format.money(file.band.hourly.mid))</strong> / \(Format.money(file.band.hourly.max))"
                + (c == "USD"
                    ? ""
                    : " (USD \(Format.money(file.band.usdHourly.min)) / \(Format.money(file.band.usdHourly.mid)) / \(Format.money(file.band.usdHourly.max)))")
        )
        body += item(
            "Annual band (\(e(c)))",
            "\(Format.money(file.band.annual.min, places: 0)) / <strong>\(Format.money(file.band.annual.mid, places: 0))</strong> / \(Format.money(file.band.annual.max, places: 0))"
        )
        body += item("Hours basis", e(file.band.hoursBasis))
        if let offered = file.offered {
            body += item(
                "Offered",
                "\(Format.money(offered.amount)) \(e(offered.currency)) \(e(offered.basis))\(offered.minutesPerTask.map { " at \(Format.number($0)) min/task" } ?? "") = \(Format.money(offered.hourly)) \(e(c))/h"
            )
            body += item(
                "Compa-ratio · penetration",
                "\(Format.number(offered.compaRatio, maxPlaces: 3)) · \(Format.percent(offered.rangePenetration)) (\(e(offered.circle)))"
            )
        }
        body += item("Governance owner", e(file.governanceOwner))
        body += item("Budget owner", file.budgetOwner.map(e) ?? "<strong>not set</strong>")
        body += "</dl>" + BandChart.svg(file) + "</section>"
        return body
    }

    /// Every finding, most severe first, with its evidence and fix.
    static func findingsSection(_ file: DecisionFile) -> String {
        var body = "<section><h2>Findings</h2>"
        if file.findings.isEmpty { body += "<p>No findings.</p>" }
        body += "<ul class=\"findings\">"
        for finding in file.findings {
            body +=
                "<li class=\"\(finding.severity.rawValue)\"><span class=\"severity\">\(finding.severity.rawValue)</span> <code>\(e(finding.rule))</code> \(e(finding.message))"
            if !finding.evidence.isEmpty {
                body += "<ul>" + finding.evidence.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
            }
            if let fix = finding.fix { body += "<p class=\"fix\">Fix: \(e(fix))</p>" }
            body += "</li>"
        }
        body += "</ul></section>"
        return body
    }

    /// The ten questions answered.
    static func questionsSection(_ file: DecisionFile) -> String {
        var body = "<section><h2>The ten questions</h2><ol class=\"questions\">"
        for answer in file.questions {
            body += "<li><p class=\"q\">\(e(answer.question))</p><p>\(e(answer.answer))</p>"
            if !answer.facts.isEmpty { body += "<ul>" + answer.facts.map { "<li>\(e($0))</li>" }.joined() + "</ul>" }
            body += "</li>"
        }
        body += "</ol></section>"
        return body
    }

    /// Why the work sits in its layer, and the point-factor scores.
    static func layerAndScoresSection(_ file: DecisionFile) -> String {
        var body =
            "<section><h2>Why this layer</h2><ul>" + file.layerReasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        body +=
            "<table><caption>Point-factor scores</caption><thead><tr><th scope=\"col\">Axis</th><th scope=\"col\">Factor</th><th scope=\"col\">Level</th><th scope=\"col\" class=\"num\">Points</th></tr></thead><tbody>"
        for factor in file.scores.factors {
            body +=
                "<tr><td>\(e(factor.axis))</td><td>\(e(factor.factor))</td><td>\(e(factor.level))</td><td class=\"num\">\(Format.number(factor.points))</td></tr>"
        }
        body += "</tbody></table></section>"
        return body
    }

    /// The path upward: next layers or the next grade, and internal candidates.
    static func pathUpwardSection(_ file: DecisionFile) -> String {
        let c = file.band.currency
        var body = "<section><h2>Path upward</h2>"
        if file.pathUpward.nextLayers.isEmpty {
            body += "<p>Top of the AI training ladder; the next step is model risk or product management.</p>"
        }
        if !file.pathUpward.nextLayers.isEmpty && file.pathUpward.nextLayers.allSatisfy({ $0.direction == "lateral" }) {
            body +=
                "<p>No next layer pays more than this band on the same location basis: the way up is the next grade of the job architecture\(file.grade?.upper.map { " (\(e($0.id)), \(e($0.name)))" } ?? "").</p>"
        }
        body += "<ul>"
        for step in file.pathUpward.nextLayers {
            body +=
                "<li>\(step.direction == "lateral" ? "lateral, not a step up: " : "")<strong>\(e(step.layer))</strong> (\(e(step.name))): \(Format.money(step.hourly.min))–\(Format.money(step.hourly.max)) \(e(c))/h, mid \(Format.money(step.hourly.mid)); pay change \(Format.money(step.gapHourly)) \(e(c))/h (\(Format.percent(step.gapPercent)))"
            body += "<ul>" + step.evidence.map { "<li>qualifies with: \(e($0))</li>" }.joined() + "</ul></li>"
        }
        body += "</ul>"
        if !file.pathUpward.internalCandidates.isEmpty {
            body +=
                "<table><caption>Internal candidates</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Now</th><th scope=\"col\" class=\"num\">Pay (\(e(c))/h)</th><th scope=\"col\" class=\"num\">Compa</th><th scope=\"col\" class=\"num\">Cost to min (\(e(c))/yr)</th></tr></thead><tbody>"
            for candidate in file.pathUpward.internalCandidates {
                body +=
                    "<tr><td>\(e(candidate.name))</td><td>\(e(candidate.currentTitle ?? candidate.currentLayer ?? ""))</td><td class=\"num\">\(candidate.hourly.map { Format.money($0) } ?? "")</td><td class=\"num\">\(candidate.compaRatio.map { Format.number($0, maxPlaces: 3) } ?? "")</td><td class=\"num\">\(candidate.annualCostToMinimum.map { Format.money($0, places: 0) } ?? "")</td></tr>"
            }
            body += "</tbody></table>"
        }
        for notice in file.withheld ?? [] {
            body += "<p class=\"withheld\"><strong>Withheld from this copy:</strong> \(e(notice)).</p>"
        }
        body += "</section>"
        return body
    }

    /// Where every figure came from.
    static func provenanceSection(_ file: DecisionFile) -> String {
        var body =
            "<section class=\"provenance\"><h2>Provenance</h2><table><thead><tr><th scope=\"col\">Figure</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Source</th><th scope=\"col\">As of</th><th scope=\"col\">Confidence</th><th scope=\"col\">Derivation</th></tr></thead><tbody>"
        for entry in file.provenance {
            body +=
                "<tr><td><code>\(e(entry.figure))</code></td><td class=\"num\">\(entry.value.map { Format.number($0) } ?? "")\(entry.unit.map { " " + e($0) } ?? "")</td><td>\(e(entry.source))</td><td>\(e(entry.asOf ?? ""))</td><td>\(e(entry.confidence?.rawValue ?? ""))</td><td>\(e(entry.derivation))</td></tr>"
        }
        body += "</tbody></table></section>"
        return body
    }

    static func compliance(_ file: DecisionFile) -> String {
        let section = file.compliance
        var body = "<section><h2>Wage floor and effective pay</h2><dl class=\"summary\">"
        for (label, value) in ComplianceText.payRows(file) { body += item(e(label), e(value)) }
        body += "</dl></section>"
        body += "<section><h2>Worker status</h2><p>\(e(section.classification.note))</p>"
        for result in section.classification.assessments {
            body +=
                "<table><caption>\(e(result.name)): \(e(result.risk.rawValue)) risk. \(e(result.conclusion)) <small>\(e(result.citation)); \(e(result.standing.rawValue)): \(e(result.standingNote))</small></caption>"
            body +=
                "<thead><tr><th scope=\"col\">Factor</th><th scope=\"col\">Points to</th><th scope=\"col\">Reasoning</th></tr></thead><tbody>"
            for factor in result.factors {
                body +=
                    "<tr><td>\(e(factor.factor))</td><td>\(e(factor.leaning.rawValue))</td><td>\(e(factor.reasoning))</td></tr>"
            }
            body += "</tbody></table>"
            if !result.missingFacts.isEmpty {
                body +=
                    "<p>Missing facts: " + result.missingFacts.map { "<code>\(e($0))</code>" }.joined(separator: ", ")
                    + "</p>"
            }
        }
        if !section.classification.assessments.isEmpty {
            body += "<p class=\"disclaimer\">\(e(section.classification.disclaimer))</p>"
        }
        body += "</section>"
        if section.dataRights.applies {
            body += "<section><h2>Data rights</h2>"
            for framework in section.dataRights.frameworks {
                body +=
                    "<table><caption>\(e(framework.name)) <small>\(e(framework.citation))</small></caption><thead><tr><th scope=\"col\">Requirement</th><th scope=\"col\">Shown</th></tr></thead><tbody>"
                for requirement in framework.requirements {
                    body +=
                        "<tr><td>\(e(requirement.requirement))</td><td>\(ComplianceText.requirementState(requirement.met))</td></tr>"
                }
                body += "</tbody></table>"
            }
            body += "</section>"
        }
        if let vendor = section.vendor {
            body +=
                "<section><h2>Vendor oversight</h2><table><caption>\(e(vendor.vendor)); last audit \(e(vendor.lastAudit ?? "none on record"))</caption><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th></tr></thead><tbody>"
            for entry in vendor.checklist + vendor.supplyChain {
                body +=
                    "<tr><td>\(e(entry.question))</td><td>\(entry.ok == false ? "<strong>\(e(entry.answer))</strong>" : e(entry.answer))</td></tr>"
            }
            body += "</tbody></table></section>"
        }
        return body
    }

    static func item(_ term: String, _ value: String) -> String { "<dt>\(term)</dt><dd>\(value)</dd>" }

    /// Escapes text for HTML element content and attribute values.
    static func e(_ text: String) -> String { Format.html(text) }

    static let css = """
        :root{--ink:#1b1f24;--muted:#4a5360;--line:#c9ced6;--block:#9b1c1c;--warn:#7a4d00;--info:#1d4e89}
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:0;background:#fff}
        main{max-width:60rem;margin:0 auto;padding:1.5rem}
        h1{margin:.2rem 0;font-size:1.7rem}h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:1.8rem}
        .kicker,.meta{color:var(--muted);margin:0}.disclaimer{font-size:.9rem;color:var(--muted);border-left:3px solid var(--line);padding-left:.6rem}
        dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
        table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}.num{text-align:right;white-space:nowrap}
        ul.findings{list-style:none;padding:0}ul.findings>li{border-left:4px solid var(--line);padding:.3rem .7rem;margin:.6rem 0}
        li.blocking{border-color:var(--block)!important}li.warning{border-color:var(--warn)!important}li.info{border-color:var(--info)!important}
        .severity{font-weight:700;text-transform:uppercase;font-size:.8rem}li.blocking .severity{color:var(--block)}li.warning .severity{color:var(--warn)}li.info .severity{color:var(--info)}
        .fix{margin:.2rem 0;font-style:italic}.q{font-weight:600;margin-bottom:.1rem}code{font-size:.9em}
        svg{max-width:100%;height:auto}
        @media print{body{font-size:11pt}main{max-width:none;padding:0}section{break-inside:avoid-page}h2{break-after:avoid}.provenance{break-before:page}a{color:inherit}}
        """
}

/// The band as a horizontal bar: min to max with the midpoint, the offer and the rate card.
public enum BandChart {
    /// An SVG of the band per hour in the spec's currency, with the offer, the rate card, the binding
    /// wage floor and hourly anchors in the same currency marked on it; titled for screen readers.
    public static func svg(_ file: DecisionFile) -> String {
        let band = file.band.hourly
        var values = [band.min, band.max]
        if let offered = file.offered { values.append(offered.hourly) }
        if let card = file.market.rateCard { values += [card.low, card.high] }
        let floor = file.compliance.wageFloor?.hourlyInSpecCurrency
        if let floor { values.append(floor) }
        // Hourly market anchors in the band's currency, marked as ticks above the band.
        let anchors = file.market.anchors.filter { $0.basis == "hourly" && $0.currency == file.band.currency }
            .map { anchor in
                (name: anchor.name, hourly: anchor.high.map { (anchor.low * $0).squareRoot() } ?? anchor.low)
            }
        values += anchors.map(\.hourly)
        let low = (values.min() ?? 0) * 0.9, high = (values.max() ?? 1) * 1.05
        let width = 640.0, left = 20.0, right = 620.0
        func px(_ value: Double) -> Double { left + (value - low) / max(high - low, 1e-9) * (right - left) }
        func x(_ value: Double) -> String { Format.fixed(px(value), places: 1) }
        func span(_ from: Double, _ to: Double) -> String { Format.fixed(max(0, px(to) - px(from)), places: 1) }
        let c = HTMLRendering.e(file.band.currency)
        let title =
            "Hourly band \(Format.money(band.min)) to \(Format.money(band.max)) \(c), midpoint \(Format.money(band.mid))"
            + (file.offered.map { ", offered \(Format.money($0.hourly))" } ?? "")
            + (file.market.rateCard.map { ", rate card \(Format.money($0.low)) to \(Format.money($0.high))" } ?? "")
            + (floor.map { ", wage floor \(Format.money($0))" } ?? "")
            + anchors.map { ", market anchor \($0.name) \(Format.money($0.hourly))" }.joined()
        var svg =
            "<svg role=\"img\" aria-labelledby=\"band-title band-desc\" viewBox=\"0 0 \(Int(width)) 134\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"band-title\">Pay band</title><desc id=\"band-desc\">\(title)</desc>"
        if let card = file.market.rateCard {
            svg +=
                "<rect x=\"\(x(card.low))\" y=\"18\" width=\"\(span(card.low, card.high))\" height=\"10\" fill=\"#d8dee8\"/>"
            svg +=
                "<text x=\"\(x(card.low))\" y=\"14\" font-size=\"11\" fill=\"#4a5360\">rate card \(Format.money(card.low))–\(Format.money(card.high))</text>"
        }
        svg +=
            "<rect x=\"\(x(band.min))\" y=\"40\" width=\"\(span(band.min, band.max))\" height=\"28\" fill=\"#1d4e89\" opacity=\"0.85\"/>"
        svg +=
            "<line x1=\"\(x(band.mid))\" x2=\"\(x(band.mid))\" y1=\"36\" y2=\"72\" stroke=\"#fff\" stroke-width=\"3\"/>"
        svg +=
            "<text x=\"\(x(band.min))\" y=\"88\" font-size=\"12\" text-anchor=\"middle\">min \(Format.money(band.min))</text>"
        svg +=
            "<text x=\"\(x(band.mid))\" y=\"102\" font-size=\"12\" text-anchor=\"middle\">mid \(Format.money(band.mid))</text>"
        svg +=
            "<text x=\"\(x(band.max))\" y=\"88\" font-size=\"12\" text-anchor=\"middle\">max \(Format.money(band.max))</text>"
        if let floor {
            svg +=
                "<line x1=\"\(x(floor))\" x2=\"\(x(floor))\" y1=\"30\" y2=\"110\" stroke=\"#7a4d00\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
            svg +=
                "<text x=\"\(x(floor))\" y=\"126\" font-size=\"11\" text-anchor=\"start\" fill=\"#7a4d00\">floor \(Format.money(floor))</text>"
        }
        for anchor in anchors {
            svg +=
                "<line x1=\"\(x(anchor.hourly))\" x2=\"\(x(anchor.hourly))\" y1=\"30\" y2=\"36\" stroke=\"#4a5360\" stroke-width=\"2\"><title>\(HTMLRendering.e(anchor.name)) \(Format.money(anchor.hourly)) \(c)/h</title></line>"
        }
        if let offered = file.offered {
            svg += "<path d=\"M\(x(offered.hourly)) 74 l-6 12 h12 z\" fill=\"#9b1c1c\"/>"
            svg +=
                "<text x=\"\(x(offered.hourly))\" y=\"120\" font-size=\"12\" text-anchor=\"middle\" fill=\"#9b1c1c\">offered \(Format.money(offered.hourly)) \(c)/h</text>"
        }
        return svg + "</svg>"
    }
}
