import WorkModel

/// The plan as Markdown and as an HTML fragment with its two charts: cost stacked by tier, and
/// the routing frontier (cost against expected agreement).
package enum PlanRendering {
    static func money(_ value: Double) -> String { Format.money(value, places: 0) }

    // Long because: the plan's Markdown in print order, one section after another.
    package static func markdown(_ plan: ProgramPlan, frontier: RoutingFrontier?) -> String {
        let c = plan.currency
        var out =
            "# Program plan: \(plan.title)\n\n\(plan.items) items over \(Format.number(plan.horizonWeeks)) weeks; agreement target \(Format.percent(plan.agreementTarget, places: 0)).\n\n"
        out += "A pair is useful under the rule \(plan.usefulPairRule).\n\n"
        out +=
            "| line | items | hours | FTE | rate (\(c)/h) | cost (\(c)) | weeks | useful pairs | cost per useful pair (\(c)) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        out +=
            "| auto-grader | \(Format.number(plan.autoGrader.items)) | - | - | - | \(money(plan.autoGrader.cost)) | - | \(money(plan.autoGrader.expectedUsefulPairs)) | \(perPair(plan.autoGrader.costPerUsefulPair)) |\n"
        for line in plan.tiers {
            out +=
                "| \(line.name) | \(Format.number(line.items)) | \(money(line.hours)) | \(Format.fixed(line.fte, places: 1)) | \(Format.money(line.rate)) | \(money(line.cost)) | \(Format.fixed(line.weeks, places: 1)) | \(money(line.usefulPairs)) | \(perPair(line.costPerUsefulPair)) |\n"
        }
        out +=
            "| **total** | \(plan.items) | | | | **\(money(plan.total.cost))** | \(Format.fixed(plan.total.weeks, places: 1)) | \(money(plan.total.usefulPairs)) | \(perPair(plan.total.costPerUsefulPair)) |\n\n"
        out +=
            "The auto-grader's cost per useful pair includes the \(money(plan.autoGrader.auditCost)) \(c) its audit costs the checking tier; that tier's own figure leaves it out. "
        if let marginal = plan.total.marginalCostPerThousandPairs {
            out += "The next 1,000 useful pairs cost \(money(marginal)) \(c) at this routing. "
        }
        out +=
            "Expected agreement \(Format.percent(plan.total.expectedAgreement)); \(plan.total.meetsHorizon ? "fits" : "does not fit") the horizon.\n\n"
        out +=
            "## By difficulty class\n\n| class | route | items | cost (\(c)) | of which audit | useful pairs | cost per useful pair |\n|---|---|---:|---:|---:|---:|---:|\n"
        for line in plan.classes {
            out +=
                "| \(line.id) | \(line.route) | \(money(line.items)) | \(money(line.cost)) | \(money(line.auditCost)) | \(money(line.usefulPairs)) | \(perPair(line.costPerUsefulPair)) |\n"
        }
        if !plan.findings.isEmpty {
            out +=
                "\n## Findings\n\n"
                + plan.findings.map {
                    "- **\($0.severity.rawValue)** `\($0.rule)`: \($0.message)\($0.fix.map { " Fix: \($0)" } ?? "")\n"
                }.joined()
        }
        out += "\n## Routing\n\n\(plan.routingNote)\n"
        if let cheaper = plan.cheaperRouting {
            out +=
                "\nCheapest routing meeting the target: \(cheaper.routes.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")): \(money(cheaper.cost)) \(c), saving \(money(cheaper.saving)) \(c), expected agreement \(Format.percent(cheaper.expectedAgreement)), \(money(cheaper.usefulPairs)) useful pairs.\n"
        }
        out += "\n"
        let mc = plan.monteCarlo
        out +=
            "## Uncertainty (\(mc.draws) draws, seed \(mc.seed))\n\n| | mean | P10 | P50 | P90 |\n|---|---:|---:|---:|---:|\n"
        out +=
            "| cost (\(c)) | \(money(mc.cost.mean)) | \(money(mc.cost.p10)) | \(money(mc.cost.p50)) | \(money(mc.cost.p90)) |\n"
        out +=
            "| weeks | \(Format.fixed(mc.weeks.mean, places: 1)) | \(Format.fixed(mc.weeks.p10, places: 1)) | \(Format.fixed(mc.weeks.p50, places: 1)) | \(Format.fixed(mc.weeks.p90, places: 1)) |\n"
        if let perPair = mc.costPerUsefulPair {
            out +=
                "| cost per useful pair (\(c)) | \(Format.money(perPair.mean, places: 4)) | \(Format.money(perPair.p10, places: 4)) | \(Format.money(perPair.p50, places: 4)) | \(Format.money(perPair.p90, places: 4)) |\n"
        }
        out += "\n\(plan.reconciliation)\n"
        if !plan.sensitivity.isEmpty {
            out +=
                "\n## Sensitivity (each input at its low and high end, the others at their most likely)\n\n| input | low → high | cost at low (\(c)) | cost at high (\(c)) | swing | cost per useful pair, low → high |\n|---|---|---:|---:|---:|---|\n"
            for line in plan.sensitivity {
                out +=
                    "| \(line.input) | \(Format.number(line.low)) → \(Format.number(line.high)) | \(money(line.costAtLow)) | \(money(line.costAtHigh)) | \(money(line.swing)) | \(perPair(line.costPerUsefulPairAtLow)) → \(perPair(line.costPerUsefulPairAtHigh)) |\n"
            }
        }
        if !plan.hiring.isEmpty {
            out +=
                "\n## Hiring\n\n| tier | staffed reviewers needed | have | to hire | lead | start hiring |\n|---|---:|---:|---:|---:|---|\n"
            for hire in plan.hiring {
                out +=
                    "| \(hire.tier) | \(hire.staffedNeeded) | \(hire.capacity.map(String.init) ?? "-") | \(hire.toHire) | \(Format.number(hire.leadWeeks)) weeks | \(hire.startHiring) |\n"
            }
        }
        out += "\n## Rates and rotation\n\n"
        for line in plan.tiers {
            out +=
                "- \(line.name): \(Format.money(line.rate)) \(c)/h from \(line.rateSource); agreement \(Format.number(line.agreement)) from \(line.agreementSource); managed pool \(money(line.managedCost)) \(c); recalibration after rotation \(money(line.recalibrationCost)) \(c).\n"
        }
        if let frontier {
            out +=
                "\n## Routing frontier (\(frontier.evaluated) routings evaluated)\n\n| routing | cost (\(c)) | expected agreement | cost per useful pair |\n|---|---:|---:|---:|\n"
            for option in frontier.frontier {
                out +=
                    "| \(routing(option)) | \(money(option.cost)) | \(Format.percent(option.expectedAgreement)) | \(option.costPerUsefulPair.map { Format.money($0, places: 4) } ?? "-") |\n"
            }
            out +=
                frontier.cheapestMeetingTarget.map {
                    "\nCheapest routing meeting the target: \(routing($0)), \(money($0.cost)) \(c).\n"
                }
                ?? "\nNo routing meets the agreement target with these tiers.\n"
        }
        return out + "\n## Notes\n\n" + plan.notes.map { "- \($0)\n" }.joined() + "\n_\(plan.disclaimer)_\n"
    }

    /// A standalone page: the Markdown's figures as tables, with the two charts.
    package static func page(_ plan: ProgramPlan, frontier: RoutingFrontier?) -> String {
        let e = Format.html
        var body =
            "<h1>Program plan: \(e(plan.title))</h1><p>\(plan.items) items over \(Format.number(plan.horizonWeeks)) weeks; total \(money(plan.total.cost)) \(e(plan.currency))"
        if let perPair = plan.total.costPerUsefulPair {
            body += ", \(Format.money(perPair, places: 4)) \(e(plan.currency)) per useful preference pair"
        }
        body += ".</p>" + fragment(plan, frontier: frontier)
        return
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Plan: \(e(plan.title))</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1.5rem;color:#1b1f24}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #c9ced6;padding:.3rem .4rem;text-align:left}.num{text-align:right}svg{max-width:100%;height:auto}</style></head><body><main>\(body)</main></body></html>\n"
    }

    /// The tables and charts, for the standalone page and the web app's planner page.
    package static func fragment(_ plan: ProgramPlan, frontier: RoutingFrontier?) -> String {
        let e = Format.html, c = e(plan.currency)
        var body = "<figure>\(costChart(plan))</figure>"
        body +=
            "<table><caption>Line items at the most likely values</caption><thead><tr><th scope=\"col\">Line</th><th scope=\"col\" class=\"num\">Items</th><th scope=\"col\" class=\"num\">Hours</th><th scope=\"col\" class=\"num\">FTE</th><th scope=\"col\" class=\"num\">Rate (\(c)/h)</th><th scope=\"col\" class=\"num\">Cost (\(c))</th><th scope=\"col\" class=\"num\">Weeks</th><th scope=\"col\" class=\"num\">Useful pairs</th></tr></thead><tbody>"
        body +=
            "<tr><td>auto-grader</td><td class=\"num\">\(money(plan.autoGrader.items))</td><td></td><td></td><td></td><td class=\"num\">\(money(plan.autoGrader.cost))</td><td></td><td class=\"num\">\(money(plan.autoGrader.expectedUsefulPairs))</td></tr>"
        for line in plan.tiers {
            body +=
                "<tr><td>\(e(line.name))</td><td class=\"num\">\(money(line.items))</td><td class=\"num\">\(money(line.hours))</td><td class=\"num\">\(Format.fixed(line.fte, places: 1))</td><td class=\"num\">\(Format.money(line.rate))</td><td class=\"num\">\(money(line.cost))</td><td class=\"num\">\(Format.fixed(line.weeks, places: 1))</td><td class=\"num\">\(money(line.usefulPairs))</td></tr>"
        }
        body +=
            "<tr><th scope=\"row\">Total</th><td class=\"num\">\(money(Double(plan.items)))</td><td></td><td></td><td></td><td class=\"num\"><strong>\(money(plan.total.cost))</strong></td><td class=\"num\">\(Format.fixed(plan.total.weeks, places: 1))</td><td class=\"num\">\(money(plan.total.usefulPairs))</td></tr></tbody></table>"
        let mc = plan.monteCarlo
        body +=
            "<table><caption>Uncertainty: \(mc.draws) draws, seed \(mc.seed)</caption><thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"num\">P10</th><th scope=\"col\" class=\"num\">P50</th><th scope=\"col\" class=\"num\">P90</th></tr></thead><tbody>"
        body +=
            "<tr><td>Cost (\(c))</td><td class=\"num\">\(money(mc.cost.p10))</td><td class=\"num\">\(money(mc.cost.p50))</td><td class=\"num\">\(money(mc.cost.p90))</td></tr>"
        body +=
            "<tr><td>Weeks</td><td class=\"num\">\(Format.fixed(mc.weeks.p10, places: 1))</td><td class=\"num\">\(Format.fixed(mc.weeks.p50, places: 1))</td><td class=\"num\">\(Format.fixed(mc.weeks.p90, places: 1))</td></tr>"
        if let perPair = mc.costPerUsefulPair {
            body +=
                "<tr><td>Cost per useful pair (\(c))</td><td class=\"num\">\(Format.money(perPair.p10, places: 4))</td><td class=\"num\">\(Format.money(perPair.p50, places: 4))</td><td class=\"num\">\(Format.money(perPair.p90, places: 4))</td></tr>"
        }
        body += "</tbody></table><p>\(e(plan.reconciliation))</p>"
        body +=
            "<table><caption>Cost per useful pair by difficulty class (\(e(plan.usefulPairRule)))</caption><thead><tr><th scope=\"col\">Class</th><th scope=\"col\">Route</th><th scope=\"col\" class=\"num\">Cost (\(c))</th><th scope=\"col\" class=\"num\">Of which audit</th><th scope=\"col\" class=\"num\">Useful pairs</th><th scope=\"col\" class=\"num\">Per useful pair</th></tr></thead><tbody>"
        for line in plan.classes {
            body +=
                "<tr><td>\(e(line.id))</td><td>\(e(line.route))</td><td class=\"num\">\(money(line.cost))</td><td class=\"num\">\(money(line.auditCost))</td><td class=\"num\">\(money(line.usefulPairs))</td><td class=\"num\">\(perPair(line.costPerUsefulPair))</td></tr>"
        }
        body += "</tbody></table>"
        if let marginal = plan.total.marginalCostPerThousandPairs {
            body += "<p>The next 1,000 useful pairs cost \(money(marginal)) \(c) at this routing.</p>"
        }
        if !plan.findings.isEmpty {
            body +=
                "<ul class=\"findings\">"
                + plan.findings.map {
                    "<li><strong>\(e($0.severity.rawValue))</strong> \(e($0.message))\($0.fix.map { " Fix: \(e($0))" } ?? "")</li>"
                }.joined() + "</ul>"
        }
        body += "<p>\(e(plan.routingNote))"
        if let cheaper = plan.cheaperRouting {
            body +=
                " Cheapest routing meeting the target: \(e(cheaper.routes.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", "))), \(money(cheaper.cost)) \(c), saving \(money(cheaper.saving)) \(c)."
        }
        body += "</p>"
        if !plan.sensitivity.isEmpty { body += "<figure>\(tornadoChart(plan))</figure>" }
        if !plan.hiring.isEmpty {
            body +=
                "<table><caption>Hiring</caption><thead><tr><th scope=\"col\">Tier</th><th scope=\"col\" class=\"num\">To hire</th><th scope=\"col\">Start hiring</th></tr></thead><tbody>"
            for hire in plan.hiring {
                body +=
                    "<tr><td>\(e(hire.tier))</td><td class=\"num\">\(hire.toHire)</td><td>\(e(hire.startHiring))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if let frontier {
            body += "<figure>\(frontierChart(frontier))</figure>"
            body +=
                "<p>"
                + (frontier.cheapestMeetingTarget.map {
                    "Cheapest routing meeting the target: \(e(routing($0))), \(money($0.cost)) \(c)."
                } ?? "No routing meets the agreement target with these tiers.") + "</p>"
        }
        return body + "<ul>" + plan.notes.map { "<li>\(e($0))</li>" }.joined()
            + "</ul><p><em>\(e(plan.disclaimer))</em></p>"
    }

    static func perPair(_ value: Double?) -> String { value.map { Format.money($0, places: 2) } ?? "-" }

    static func routing(_ option: RoutingFrontier.Option) -> String {
        option.routes.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
    }

    /// One bar, one segment per line (auto-grader first), each labelled in a legend below.
    package static func costChart(_ plan: ProgramPlan) -> String {
        let e = Format.html
        let parts = [("auto-grader", plan.autoGrader.cost)] + plan.tiers.map { ($0.name, $0.cost) }
        let total = max(parts.reduce(0) { $0 + $1.1 }, 1)
        let colours = ["#8da9c4", "#1d4e89", "#3f7d20", "#7a4d00", "#6b2c91", "#9b1c1c", "#4a5360", "#0f766e"]
        let description = parts.map { "\($0.0) \(money($0.1)) \(plan.currency)" }.joined(separator: "; ")
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"plan-cost-title plan-cost-desc\" viewBox=\"0 0 640 \(60 + parts.count * 22)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg +=
            "<title id=\"plan-cost-title\">Cost by tier, \(e(plan.currency))</title><desc id=\"plan-cost-desc\">\(e(description))</desc>"
        var x = 10.0
        for (index, part) in parts.enumerated() {
            let width = part.1 / total * 620
            svg +=
                "<rect x=\"\(Format.fixed(x, places: 1))\" y=\"10\" width=\"\(Format.fixed(width, places: 1))\" height=\"30\" fill=\"\(colours[index % colours.count])\"><title>\(e(part.0)): \(money(part.1)) \(e(plan.currency))</title></rect>"
            x += width
            let y = 62 + index * 22
            svg +=
                "<rect x=\"10\" y=\"\(y - 11)\" width=\"12\" height=\"12\" fill=\"\(colours[index % colours.count])\"/>"
            svg +=
                "<text x=\"28\" y=\"\(y)\" font-size=\"13\" fill=\"#1b1f24\">\(e(part.0)): \(money(part.1)) \(e(plan.currency)) (\(Format.percent(part.1 / total)))</text>"
        }
        return svg + "</svg>"
    }

    /// The tornado: one bar per uncertain input from its cost at the low end to its cost at the
    /// high end, around the point total, largest swing on top.
    package static func tornadoChart(_ plan: ProgramPlan) -> String {
        let e = Format.html
        let lines = plan.sensitivity
        let values = lines.flatMap { [$0.costAtLow, $0.costAtHigh] } + [plan.total.cost]
        let lowest = values.min() ?? 0, highest = max(values.max() ?? 1, lowest + 1)
        func px(_ cost: Double) -> Double { 230 + (cost - lowest) / (highest - lowest) * 380 }
        let height = 50 + lines.count * 24
        let description = lines.map {
            "\($0.input): \(money($0.costAtLow)) at \(Format.number($0.low)), \(money($0.costAtHigh)) at \(Format.number($0.high))"
        }.joined(separator: "; ")
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"tornado-title tornado-desc\" viewBox=\"0 0 640 \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg +=
            "<title id=\"tornado-title\">Sensitivity of the total cost to each input, \(e(plan.currency))</title><desc id=\"tornado-desc\">\(e(description))</desc>"
        let centre = px(plan.total.cost)
        svg +=
            "<line x1=\"\(Format.fixed(centre, places: 1))\" y1=\"8\" x2=\"\(Format.fixed(centre, places: 1))\" y2=\"\(height - 20)\" stroke=\"#4a5360\"/>"
        for (index, line) in lines.enumerated() {
            let y = 12 + index * 24
            let left = min(px(line.costAtLow), px(line.costAtHigh)),
                right = max(px(line.costAtLow), px(line.costAtHigh))
            svg +=
                "<text x=\"222\" y=\"\(y + 13)\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b1f24\">\(e(line.input))</text>"
            svg +=
                "<rect x=\"\(Format.fixed(left, places: 1))\" y=\"\(y)\" width=\"\(Format.fixed(max(right - left, 1), places: 1))\" height=\"18\" fill=\"#1d4e89\"><title>\(e(line.input)): \(money(line.costAtLow)) to \(money(line.costAtHigh)) \(e(plan.currency))</title></rect>"
        }
        svg +=
            "<text x=\"\(Format.fixed(centre, places: 1))\" y=\"\(height - 6)\" font-size=\"12\" text-anchor=\"middle\">point total \(money(plan.total.cost)) \(e(plan.currency))</text>"
        // The axis ends, so the bars read as money without hovering.
        svg +=
            "<text x=\"230\" y=\"\(height - 6)\" font-size=\"11\" text-anchor=\"start\" fill=\"#4a5360\">\(money(lowest))</text>"
        svg +=
            "<text x=\"610\" y=\"\(height - 6)\" font-size=\"11\" text-anchor=\"end\" fill=\"#4a5360\">\(money(highest))</text>"
        return svg + "</svg>"
    }

    /// Every frontier routing as a point: cost across, expected agreement up, the target as a line.
    package static func frontierChart(_ frontier: RoutingFrontier) -> String {
        let e = Format.html
        let points = frontier.frontier
        let costs = points.map(\.cost), agreements = points.map(\.expectedAgreement) + [frontier.agreementTarget]
        let minCost = costs.min() ?? 0, maxCost = max(costs.max() ?? 1, minCost + 1)
        let minA = (agreements.min() ?? 0.5) - 0.02, maxA = (agreements.max() ?? 1) + 0.02
        func px(_ cost: Double) -> Double { 60 + (cost - minCost) / (maxCost - minCost) * 540 }
        func py(_ agreement: Double) -> Double { 230 - (agreement - minA) / max(maxA - minA, 1e-9) * 200 }
        let description = points.map {
            "\(money($0.cost)) \(frontier.currency) at \(Format.percent($0.expectedAgreement))"
        }.joined(separator: "; ")
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"frontier-title frontier-desc\" viewBox=\"0 0 640 270\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg +=
            "<title id=\"frontier-title\">Cost against expected agreement, the routing frontier</title><desc id=\"frontier-desc\">\(e(description)); target \(Format.percent(frontier.agreementTarget))</desc>"
        svg +=
            "<line x1=\"60\" y1=\"230\" x2=\"610\" y2=\"230\" stroke=\"#4a5360\"/><line x1=\"60\" y1=\"20\" x2=\"60\" y2=\"230\" stroke=\"#4a5360\"/>"
        let target = py(frontier.agreementTarget)
        svg +=
            "<line x1=\"60\" y1=\"\(Format.fixed(target, places: 1))\" x2=\"610\" y2=\"\(Format.fixed(target, places: 1))\" stroke=\"#7a4d00\" stroke-dasharray=\"5 4\"/>"
        svg +=
            "<text x=\"606\" y=\"\(Format.fixed(target - 5, places: 1))\" font-size=\"12\" text-anchor=\"end\" fill=\"#7a4d00\">target \(Format.percent(frontier.agreementTarget, places: 0))</text>"
        svg +=
            "<text x=\"335\" y=\"262\" font-size=\"12\" text-anchor=\"middle\">cost, \(e(frontier.currency)): \(money(minCost)) to \(money(maxCost))</text>"
        svg +=
            "<text x=\"14\" y=\"125\" font-size=\"12\" transform=\"rotate(-90 14 125)\" text-anchor=\"middle\">expected agreement</text>"
        let path = points.map {
            "\(Format.fixed(px($0.cost), places: 1)),\(Format.fixed(py($0.expectedAgreement), places: 1))"
        }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1d4e89\" stroke-width=\"2\"/>"
        for point in points {
            let cheapest = point == frontier.cheapestMeetingTarget
            svg +=
                "<circle cx=\"\(Format.fixed(px(point.cost), places: 1))\" cy=\"\(Format.fixed(py(point.expectedAgreement), places: 1))\" r=\"\(cheapest ? 7 : 4)\" fill=\"\(cheapest ? "#9b1c1c" : "#1d4e89")\"><title>\(e(routing(point))): \(money(point.cost)) \(e(frontier.currency)), \(Format.percent(point.expectedAgreement))\(cheapest ? " (cheapest meeting the target)" : "")</title></circle>"
        }
        return svg + "</svg>"
    }
}
