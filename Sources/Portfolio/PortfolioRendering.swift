import Compliance
import DecisionFiles
import Foundation
import WorkModel

/// JSON and Markdown for every portfolio view, and CSV where a spreadsheet is the natural home.
public enum PortfolioRendering {
    /// Any report as indented JSON with sorted keys, ending in a line break.
    public static func json<T: Encodable>(_ report: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    static func money(_ value: Double) -> String { Format.money(value, places: 0) }
    static func optional(_ value: Double?, places: Int = 2) -> String {
        value.map { Format.fixed($0, places: places) } ?? "-"
    }

    /// The compression report: totals, layers, flagged people, cost by rule.
    public static func markdown(_ report: CompressionReport) -> String {
        var out = "# Salary compression and inversion\n\nAs of \(report.asOf), in \(report.currency).\n\n"
        out +=
            "\(report.totals.flaggedPeople) of \(report.totals.people) internal people flagged: \(report.totals.inversions) inversions, \(report.totals.compressed) compressed, \(report.totals.greenCircles) below the band minimum. "
        out +=
            "Cost to the band minimum \(money(report.totals.annualCostToMinimum)) a year; to parity \(money(report.totals.annualCostToParity)).\n\n## By work layer\n\n"
        out += table(
            [
                "layer", "internal", "external", "new hires", "tenured", "compa tenured", "compa new hires",
                "compa external", "status", "flagged", "to minimum", "to parity",
            ],
            report.layers.map {
                [
                    $0.layer, "\($0.internalPeople)", "\($0.externalPeople)", "\($0.newHires)", "\($0.tenured)",
                    optional($0.medianCompaTenured), optional($0.medianCompaNewHires), optional($0.medianCompaExternal),
                    $0.status, "\($0.flaggedPeople)", money($0.annualCostToMinimum), money($0.annualCostToParity),
                ]
            })
        let flagged = report.flagged
        out += "\n## People flagged\n\n"
        if flagged.isEmpty {
            out += "Nobody.\n"
        } else {
            out += table(
                [
                    "person", "layer", "legacy band", "tenure (months)", "\(report.currency)/h", "band min-mid-max",
                    "compa", "penetration", "flags", "to minimum", "to parity",
                ],
                flagged.map { line in
                    [
                        line.name, line.layer, line.legacyBand ?? "-", line.tenureMonths.map(String.init) ?? "-",
                        Format.money(line.hourly),
                        "\(Format.money(line.band.min))-\(Format.money(line.band.mid))-\(Format.money(line.band.max))",
                        Format.fixed(line.compaRatio, places: 2), Format.percent(line.rangePenetration),
                        line.flags.map {
                            "\($0.kind) [\($0.rule)]: \($0.message); to fix \(money($0.annualCostToFix)) a year"
                        }.joined(separator: "; "),
                        money(line.annualCostToMinimum), money(line.annualCostToParity),
                    ]
                })
        }
        if !report.costByRule.isEmpty {
            out +=
                "\n## By rule\n\nThe annual cost of closing each rule's flags alone, in \(report.currency); one raise can close several, so these overlap.\n\n"
            let definitions = Dictionary(report.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            out += table(
                ["rule", "flag", "people", "cost to fix a year", "what fixes it"],
                report.costByRule.map {
                    [$0.rule, $0.kind, "\($0.people)", money($0.annualCostToFix), definitions[$0.rule]?.fix ?? "-"]
                })
        }
        if !report.unpriced.isEmpty {
            out +=
                "\n## Not placed\n\n"
                + table(["person", "layer", "why"], report.unpriced.map { [$0.name, $0.layer ?? "-", $0.reason] })
        }
        return out + notes(report.notes, report.disclaimer)
    }

    /// One row per person in the compression report, with flags, their rules and costs to fix.
    public static func csv(_ report: CompressionReport) -> String {
        var out =
            "person_id,name,employment,layer,legacy_band,tenure_months,hourly,annual,band_min,band_mid,band_max,compa_ratio,range_penetration,circle,flags,annual_cost_to_minimum,annual_cost_to_parity,flag_rules,flag_costs_to_fix\n"
        for line in report.people {
            out +=
                ([
                    line.personId, line.name, line.employment, line.layer, line.legacyBand ?? "",
                    line.tenureMonths.map(String.init) ?? "",
                    Format.fixed(line.hourly, places: 2), Format.fixed(line.annual, places: 0),
                    Format.fixed(line.band.min, places: 2),
                    Format.fixed(line.band.mid, places: 2), Format.fixed(line.band.max, places: 2),
                    Format.fixed(line.compaRatio, places: 3),
                    Format.fixed(line.rangePenetration, places: 3), line.circle,
                    line.flags.map(\.kind).joined(separator: " "),
                    Format.fixed(line.annualCostToMinimum, places: 0), Format.fixed(line.annualCostToParity, places: 0),
                    line.flags.map(\.rule).joined(separator: " "),
                    line.flags.map { Format.fixed($0.annualCostToFix, places: 0) }.joined(separator: " "),
                ]
                .map(CSVRendering.quote).joined(separator: ",")) + "\n"
        }
        return out
    }

    /// The consolidated cost: totals by layer, owner and model, the lines and the reconciliation.
    public static func markdown(_ report: CostReport) -> String {
        var out =
            "# Consolidated cost of AI training work\n\nAs of \(report.asOf), annual, in \(report.currency): \(money(report.total.annualCost)) spend as paid, \(money(report.total.annualLoadedCost)) loaded (employees' employer cost beside contract rates and vendor spend), and \(money(report.total.annualShiftedCost)) shifted onto workers.\n\n"
        let groupings =
            [("By work layer", report.byLayer)] + (report.byGrade.map { [("By grade", $0)] } ?? [])
            + [("By budget owner", report.byBudgetOwner), ("By employment model", report.byEmploymentModel)]
        for (title, totals) in groupings {
            out +=
                "## \(title)\n\n"
                + table(
                    ["", "count", "headcount", "annual cost (as paid)", "loaded cost", "share", "shifted cost"],
                    totals.map {
                        [
                            $0.key, "\($0.count)", "\($0.headcount)",
                            money($0.annualCost) + ($0.withheldPeople.map { " (without \($0) withheld)" } ?? ""),
                            money($0.annualLoadedCost), Format.percent($0.share), money($0.annualShiftedCost),
                        ]
                    }) + "\n"
        }
        let graded = report.byGrade != nil
        out +=
            "## Every line\n\n"
            + table(
                ["layer"] + (graded ? ["grade"] : []) + [
                    "budget owner", "model", "source", "count", "headcount", "annual cost (as paid)", "loaded cost",
                    "shifted cost",
                ],
                report.lines.map { line in
                    [line.layer] + (graded ? [line.grade ?? "ungraded"] : []) + [
                        line.budgetOwner, line.employmentModel, line.source, "\(line.count)", "\(line.headcount)",
                        line.annualCost.map(money) ?? "withheld",
                        (line.annualLoadedCost.map(money) ?? "withheld")
                            + (line.peopleWithoutOnCosts.map { " (\($0) without on-cost data)" } ?? ""),
                        money(line.annualShiftedCost),
                    ]
                })
        // Always said, so "nothing" is a finding and never a missing section.
        out +=
            "\n## Left out\n\n"
            + (report.excluded.isEmpty
                ? "Nothing: every people record, vendor record and wage-file worker is costed.\n"
                : table(["kind", "id", "why"], report.excluded.map { [$0.kind, $0.id, $0.reason] }))
        let check = report.reconciliation
        func ok(_ value: Bool) -> String { value ? "adds up" : "**does not add up**" }
        out +=
            "\n## Reconciliation\n\n"
            + table(
                ["check", "figures", ""],
                [
                    ["lines = total", "\(money(check.sumOfLines)) = \(money(check.total))", ok(check.linesAddUp)],
                    [
                        "people = people records",
                        "\(check.peopleCosted) costed + \(check.peopleInVendorSpend) in vendor spend + \(check.peopleInWageFileSpend) in wage-file spend + \(check.peopleLeftOut) left out + \(check.peopleOutsideAIWork) not in AI work = \(check.peopleRecords) records",
                        ok(check.peopleAddUp),
                    ],
                    [
                        "vendor spend = vendor records",
                        "\(check.vendorsCosted) costed + \(check.vendorsLeftOut) left out = \(check.vendorRecords) records; \(money(check.vendorSpendInLines)) in lines against \(money(check.vendorSpendOnRecords)) on record",
                        ok(check.vendorsAddUp),
                    ],
                    [
                        "wage-file spend",
                        "\(check.wageFileWorkers) workers no record pays for: \(money(check.wageFileSpend))", "",
                    ],
                ])
        return out + notes(report.notes, report.disclaimer)
    }

    /// The pay-equity report: the organisation's gaps, the categories and the other labels.
    public static func markdown(_ report: PayEquityReport) -> String {
        var out =
            "# Pay equity\n\nAs of \(report.asOf), as the EU Pay Transparency Directive (2023/970) measures it: gaps are (men - women) / men; a category of workers of equal value with a mean gap of \(Format.percent(report.threshold, places: 0)) or more that objective factors do not explain needs a joint pay assessment (Art. 10).\n\n"
        if report.sexKey == nil && report.analyses.isEmpty {
            out += "No group labels were supplied; map a gender column on import to run this view.\n"
        }
        if let org = report.organisation {
            out +=
                "## The organisation (Art. 9(1)(a)-(f))\n\n\(org.women) women, \(org.men) men\(org.otherOrUnstated > 0 ? ", \(org.otherOrUnstated) with another or no value (outside the gap figures)" : "").\n\n"
            func row(_ name: String, _ gap: PayEquityReport.PayGap, unit: String) -> [String] {
                [
                    name, "\(Format.money(gap.meanWomen)) / \(Format.money(gap.meanMen)) \(unit)",
                    gap.meanGap.map { Format.percent($0) } ?? "-",
                    "\(Format.money(gap.medianWomen)) / \(Format.money(gap.medianMen)) \(unit)",
                    gap.medianGap.map { Format.percent($0) } ?? "-",
                ]
            }
            out += table(
                ["pay", "mean women / men", "mean gap", "median women / men", "median gap"],
                [
                    row("basic, hourly", org.basic, unit: "USD/h"),
                    row("variable, a year (those receiving it)", org.variable, unit: "USD"),
                    row("total, hourly", org.total, unit: "USD/h"),
                ])
            out +=
                "\nReceiving variable pay: women \(Format.percent(org.womenReceivingVariable)), men \(Format.percent(org.menReceivingVariable)).\n\n"
            if !org.quartiles.isEmpty {
                out +=
                    table(
                        ["pay quartile", "women", "men"],
                        org.quartiles.map { ["\($0.quartile)", "\($0.women)", "\($0.men)"] }) + "\n"
            }
        }
        if !report.categories.isEmpty {
            out += "## Categories of workers of equal value (Art. 9(1)(g), Art. 10)\n\n"
            out += table(
                ["category", "women", "men", "mean gap", "median gap", "unexplained", "status", "note"],
                report.categories.map { category in
                    [
                        category.name, "\(category.women)", "\(category.men)",
                        category.total?.meanGap.map { Format.percent($0) } ?? "-",
                        category.total?.medianGap.map { Format.percent($0) } ?? "-",
                        category.unexplainedGap.map { Format.percent($0) } ?? "-",
                        category.status == "joint-pay-assessment" ? "**joint pay assessment**" : category.status,
                        category.note,
                    ]
                })
            out += "\nObjective factors: \(report.objectiveFactors.joined(separator: "; ")).\n\n"
        }
        for analysis in report.analyses {
            out +=
                "## \(analysis.group), \(analysis.category == "all" ? "all employees" : analysis.category) (\(analysis.people) people, against \(analysis.reference))\n\n"
            out += table(
                ["value", "people", "raw gap", "adjusted gap", "std. error", "flag", "note"],
                analysis.gaps.map { gap in
                    [
                        gap.value, "\(gap.people)", gap.rawGap.map { Format.percent($0) } ?? "-",
                        gap.adjustedGap.map { Format.percent($0) } ?? "-",
                        gap.standardError.map { Format.fixed($0, places: 4) } ?? "-",
                        gap.flagged ? "over threshold" : "", gap.note ?? "",
                    ]
                })
            if !analysis.droppedFactors.isEmpty {
                out += "\nFactors without variation here: \(analysis.droppedFactors.joined(separator: ", ")).\n"
            }
            out += "\n"
        }
        return out + notes(report.notes, report.disclaimer)
    }

    /// The vendor register.
    public static func markdown(_ report: VendorRegister) -> String {
        var out =
            "# Vendor register\n\nAs of \(report.asOf): \(report.vendors.count) vendors, \(report.blockingVendors) with open blocking findings.\n\n"
        out += table(
            ["vendor", "country", "spend", "budget owner", "wage file", "last audit", "next audit", "blocking"],
            report.vendors.map { entry in
                [
                    entry.name, entry.country ?? "-",
                    entry.annualSpend.map { "\(money($0)) \(entry.currency ?? "")" } ?? "-", entry.budgetOwner ?? "-",
                    entry.wageFile?.specId ?? "none",
                    entry.lastAudit.map { "\($0) (\(entry.auditAgeMonths.map(String.init) ?? "?") months)" } ?? "never",
                    entry.nextAudit.map { entry.auditOverdue ? "\($0) overdue" : $0 } ?? "-",
                    entry.blockingReasons.isEmpty ? "" : entry.blockingReasons.joined(separator: "; "),
                ]
            })
        for entry in report.vendors where !entry.checklist.isEmpty || !entry.supplyChain.isEmpty {
            out +=
                "\n## \(entry.name)\n\n"
                + table(
                    ["item", "question", "answer", "ok"],
                    (entry.checklist + entry.supplyChain).map {
                        [$0.item, $0.question, $0.answer, Format.yesNo($0.ok, missing: "unanswered")]
                    })
            if let findings = entry.auditFindings { out += "\nLast audit: \(findings)\n" }
        }
        return out + notes(report.notes, report.disclaimer)
    }

    /// The dataset register.
    public static func markdown(_ report: DatasetRegister) -> String {
        var out =
            "# Datasets and their wage files\n\nAs of \(report.asOf): \(report.datasets.count) datasets, \(report.incomplete) without a complete wage file.\n\n"
        out += table(
            ["dataset", "wage file", "recorded work", "people", "complete", "problems"],
            report.datasets.map {
                [
                    $0.name, $0.wageFile?.specId ?? "none", $0.recordedWork ? "yes" : "no", "\($0.people)",
                    $0.complete ? "yes" : "NO", $0.problems.joined(separator: "; "),
                ]
            })
        return out + notes(report.notes, report.disclaimer)
    }

    /// The path upward, one row per person.
    public static func markdown(_ report: PathUpwardReport) -> String {
        var out =
            "# The path upward\n\nAs of \(report.asOf), in \(report.currency)/h: \(report.people.count) people, \(report.ready) ready for the next layer on the evidence.\n\n"
        out += table(
            [
                "person", "layer", "pay/h", "step up", "step mid", "pay change", "gap from pay", "months",
                "lateral moves", "readiness", "evidence",
            ],
            report.people.map { entry in
                let next = entry.next.first
                return [
                    entry.name, entry.layer, Format.money(entry.hourly),
                    next.map { "\($0.kind == "grade" ? "grade " : "")\($0.kind == "grade" ? $0.name : $0.layer)" }
                        ?? "-",
                    next.map { Format.money($0.band.mid) } ?? "-", next.map { Format.percent($0.payChange) } ?? "-",
                    next.map { Format.percent($0.gapPercent) } ?? "-", next.map { "\($0.months)" } ?? "-",
                    entry.lateral.map { "\($0.layer) (\(Format.percent($0.payChange)))" }.joined(separator: ", "),
                    entry.readiness, entry.reasons.joined(separator: "; "),
                ]
            })
        if let evidence = report.people.lazy.compactMap({ $0.next.first?.evidenceNeeded }).first {
            out +=
                "\nEvidence a step up needs: " + evidence.prefix(4).joined(separator: "; ")
                + ", and what the next layer lists.\n"
        }
        return out + notes(report.notes, report.disclaimer)
    }

    static func notes(_ notes: [String], _ disclaimer: String) -> String {
        "\n## Notes\n\n" + notes.map { "- \($0)\n" }.joined() + "\n_\(disclaimer)_\n"
    }
}
