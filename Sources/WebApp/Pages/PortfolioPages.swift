import Compliance
import DecisionFiles
import Foundation
import Hummingbird
import Portfolio
import Pricing
import ReferenceData
import Storage
import WorkModel

/// People and the compression report, vendors, datasets and the audit log. Each route calls
/// a named handler on `PortfolioPages`.
extension WebPages {
    func registerPortfolio(_ router: Router<AppRequestContext>) {
        let portfolio = PortfolioPages(environment: environment, renderer: renderer)
        page(router, .get, "/people", .read, portfolio.people)
        page(router, .get, "/reports/compression", .readPay, portfolio.compressionReport)
        page(router, .get, "/reports/cost", .readFinance, portfolio.costReport)
        page(router, .get, "/reports/pay-equity", .readPay, portfolio.payEquityReport)
        page(router, .get, "/reports/path-upward", .readPay, portfolio.pathUpwardReport)
        page(router, .get, "/vendors", .read, portfolio.vendors)
        page(router, .get, "/datasets", .read, portfolio.datasets)
        page(router, .get, "/audit", .readAudit, portfolio.auditLog)
    }
}

/// The people, report, vendor, dataset and audit pages' handlers.
struct PortfolioPages: Sendable {
    let environment: ServerEnvironment
    let renderer: PageRenderer

    var store: Store { environment.store }

    func snapshot() async throws -> PortfolioSnapshot {
        try await PortfolioData.snapshot(store: store, reference: environment.pricer.reference, asOf: environment.today)
    }

    /// People, filtered by layer or text; pay only for roles that may see it.
    func people(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let query = ListQuery(request: request)
        var filters: [String: String] = [:]
        if let layer = query.string("workLayer"), WorkLayer(rawValue: layer) != nil { filters["workLayer"] = layer }
        let people = try await store.people.list(
            filters: filters, search: query.string("q"), page: PageRequest(limit: 500))
        let seesPay = Disclosure(user, minimumGroupSize: environment.minimumGroupSize).seesIndividualPay
        var values = WebPages.base(user, request, title: "People", section: "people")
        values["q"] = query.string("q") ?? ""
        values["layers"] = WorkLayer.allCases.map {
            ["value": $0.rawValue, "selected": $0.rawValue == filters["workLayer"]]
        }
        values["total"] = people.total
        values["rows"] = people.items.map { person -> [String: Any] in
            var row: [String: Any] = [
                "id": person.id, "name": person.name, "employment": person.employment, "title": person.title ?? "",
                "layer": person.workLayer ?? "", "specId": person.specId ?? "",
                "band": person.legacyBand ?? person.band ?? "",
            ]
            if seesPay {
                row["pay"] =
                    person.payMinor.map {
                        "\(Format.money(Money(minorUnits: $0, currency: person.currency ?? "USD").amount)) \(person.currency ?? "") \(person.payBasis ?? "")"
                    } ?? "-"
            }
            return row
        }
        values["seesPay"] = seesPay
        return try renderer.page("people", values)
    }

    /// Compression and inversion: who is paid below their band or below newer hires.
    func compressionReport(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let report = CompressionReport.build(try await snapshot())
        var values = WebPages.base(user, request, title: "Compression and inversion", section: "people")
        values["totals"] = [
            "flagged": report.totals.flaggedPeople, "people": report.totals.people,
            "inversions": report.totals.inversions,
            "compressed": report.totals.compressed, "toMinimum": WebPages.money(report.totals.annualCostToMinimum),
            "toParity": WebPages.money(report.totals.annualCostToParity),
        ]
        values["chart"] = SVGCharts.horizontalBars(
            id: "compression", title: "Annual cost to parity by work layer, USD",
            bars: report.layers.filter { $0.annualCostToParity > 0 }.map {
                SVGCharts.Bar(
                    label: $0.layer, value: $0.annualCostToParity, text: "\(WebPages.money($0.annualCostToParity)) USD")
            })
        values["layers"] = report.layers.filter { $0.internalPeople > 0 }.map { layer -> [String: Any] in
            [
                "layer": layer.layer, "internal": layer.internalPeople, "external": layer.externalPeople,
                "status": layer.status,
                "tenured": layer.medianCompaTenured.map { Format.fixed($0, places: 2) } ?? "-",
                "newHires": layer.medianCompaNewHires.map { Format.fixed($0, places: 2) } ?? "-",
                "externalCompa": layer.medianCompaExternal.map { Format.fixed($0, places: 2) } ?? "-",
                "flagged": layer.flaggedPeople, "toParity": WebPages.money(layer.annualCostToParity),
            ]
        }
        values["people"] = report.flagged.map { line -> [String: Any] in
            [
                "name": line.name, "layer": line.layer, "legacyBand": line.legacyBand ?? "-",
                "hourly": Format.money(line.hourly),
                "compa": Format.fixed(line.compaRatio, places: 2), "circle": line.circle,
                "flags": line.flags.map {
                    [
                        "kind": $0.kind, "rule": $0.rule, "message": $0.message,
                        "toFix": WebPages.money($0.annualCostToFix),
                    ]
                },
                "toMinimum": WebPages.money(line.annualCostToMinimum),
                "toParity": WebPages.money(line.annualCostToParity),
            ]
        }
        values["unpriced"] = report.unpriced.map { ["name": $0.name, "reason": $0.reason] }
        values["notes"] = report.notes
        values["disclaimer"] = report.disclaimer
        return try renderer.page("compression", values)
    }

    /// Consolidated cost, reconciled: lines add to the total, records to the people and vendors costed.
    func costReport(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        // Grades split every line, so small groups withheld grow: only when asked for (?by=grade).
        let byGrade = try ReportController.costGrouping(request)
        let report = Disclosure(user, minimumGroupSize: environment.minimumGroupSize).cost(
            CostReport.build(try await snapshot(), byGrade: byGrade))
        var values = WebPages.base(user, request, title: "Consolidated cost", section: "dashboard")
        values["total"] = WebPages.money(report.total.annualCost)
        values["loaded"] = WebPages.money(report.total.annualLoadedCost)
        values["shifted"] = WebPages.money(report.total.annualShiftedCost)
        func rows(_ totals: [CostReport.Total]) -> [[String: Any]] {
            totals.map {
                [
                    "key": $0.key, "count": $0.count, "headcount": $0.headcount, "cost": WebPages.costText($0),
                    "loaded": WebPages.money($0.annualLoadedCost),
                    "share": Format.percent($0.share), "shifted": WebPages.money($0.annualShiftedCost),
                ]
            }
        }
        values["byGrade"] = byGrade
        values["groups"] =
            [["title": "By work layer", "rows": rows(report.byLayer)]]
            + (report.byGrade.map { [["title": "By grade", "rows": rows($0)]] } ?? [])
            + [
                ["title": "By budget owner", "rows": rows(report.byBudgetOwner)],
                ["title": "By employment model", "rows": rows(report.byEmploymentModel)],
            ]
        values["chart"] = SVGCharts.horizontalBars(
            id: "cost-model", title: "Annual cost by employment model, USD",
            bars: report.byEmploymentModel.map {
                SVGCharts.Bar(label: $0.key, value: $0.annualCost, text: "\(WebPages.money($0.annualCost)) USD")
            })
        values["excluded"] = report.excluded.map { ["kind": $0.kind, "id": $0.id, "reason": $0.reason] }
        let check = report.reconciliation
        func verdict(_ ok: Bool) -> String { ok ? "adds up" : "does not add up" }
        values["reconciliation"] = [
            "checks": [
                [
                    "name": "Lines = total",
                    "figures": "\(WebPages.money(check.sumOfLines)) = \(WebPages.money(check.total)) USD",
                    "verdict": verdict(check.linesAddUp),
                ],
                [
                    "name": "People = people records",
                    "figures":
                        "\(check.peopleCosted) costed + \(check.peopleInVendorSpend) in vendor spend + \(check.peopleInWageFileSpend) in wage-file spend + \(check.peopleLeftOut) left out + \(check.peopleOutsideAIWork) not in AI work = \(check.peopleRecords)",
                    "verdict": verdict(check.peopleAddUp),
                ],
                [
                    "name": "Vendor spend = vendor records",
                    "figures":
                        "\(check.vendorsCosted) costed + \(check.vendorsLeftOut) left out = \(check.vendorRecords); \(WebPages.money(check.vendorSpendInLines)) USD in lines, \(WebPages.money(check.vendorSpendOnRecords)) on record",
                    "verdict": verdict(check.vendorsAddUp),
                ],
            ]
        ]
        values["notes"] = report.notes
        return try renderer.page("cost", values)
    }

    /// Pay gaps for the organisation, by category of equal work, and the adjusted analyses.
    func payEquityReport(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let report = PayEquityReport.build(try await snapshot())
        var values = WebPages.base(user, request, title: "Pay equity", section: "people")
        values["threshold"] = Format.percent(report.threshold, places: 0)
        values["objectiveFactors"] = report.objectiveFactors
        if let org = report.organisation {
            func gap(_ name: String, _ gap: PayEquityReport.PayGap, _ unit: String) -> [String: Any] {
                [
                    "name": name, "meanWomen": Format.money(gap.meanWomen), "meanMen": Format.money(gap.meanMen),
                    "unit": unit,
                    "meanGap": gap.meanGap.map { Format.percent($0) } ?? "-",
                    "medianWomen": Format.money(gap.medianWomen),
                    "medianMen": Format.money(gap.medianMen),
                    "medianGap": gap.medianGap.map { Format.percent($0) } ?? "-",
                ]
            }
            values["organisation"] =
                [
                    "women": org.women, "men": org.men, "other": org.otherOrUnstated,
                    "gaps": [
                        gap("Basic, hourly", org.basic, "USD/h"),
                        gap("Variable, a year (those receiving it)", org.variable, "USD"),
                        gap("Total, hourly", org.total, "USD/h"),
                    ],
                    "womenReceiving": Format.percent(org.womenReceivingVariable),
                    "menReceiving": Format.percent(org.menReceivingVariable),
                    "quartiles": org.quartiles.map { ["quartile": $0.quartile, "women": $0.women, "men": $0.men] },
                    "hasQuartiles": !org.quartiles.isEmpty,
                ] as [String: Any]
        }
        values["hasCategories"] = !report.categories.isEmpty
        values["hasAnalyses"] = !report.analyses.isEmpty
        values["categories"] = report.categories.map { category -> [String: Any] in
            [
                "name": category.name, "basis": category.basis, "women": category.women, "men": category.men,
                "meanGap": category.total?.meanGap.map { Format.percent($0) } ?? "-",
                "medianGap": category.total?.medianGap.map { Format.percent($0) } ?? "-",
                "unexplained": category.unexplainedGap.map { Format.percent($0) } ?? "-",
                "assessment": category.status == "joint-pay-assessment", "status": category.status,
                "note": category.note,
            ]
        }
        values["analyses"] = report.analyses.map { analysis -> [String: Any] in
            [
                "group": analysis.group, "category": analysis.category == "all" ? "all employees" : analysis.category,
                "people": analysis.people,
                "reference": analysis.reference,
                "gaps": analysis.gaps.map { gap -> [String: Any] in
                    [
                        "value": gap.value, "people": gap.people, "raw": gap.rawGap.map { Format.percent($0) } ?? "-",
                        "adjusted": gap.adjustedGap.map { Format.percent($0) } ?? "-", "flagged": gap.flagged,
                        "note": gap.note ?? "",
                    ]
                },
            ]
        }
        values["notes"] = report.notes
        return try renderer.page("pay-equity", values)
    }

    /// The path upward: each person's next layer or grade, the pay change and the time to it.
    func pathUpwardReport(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let report = PathUpwardReport.build(try await snapshot())
        var values = WebPages.base(user, request, title: "The path upward", section: "people")
        values["ready"] = report.ready
        values["people"] = report.people.map { entry -> [String: Any] in
            let next = entry.next.first
            return [
                "name": entry.name, "layer": entry.layer, "hourly": Format.money(entry.hourly),
                "next": next.map { $0.kind == "grade" ? "grade \($0.name)" : $0.layer } ?? "-",
                "nextMid": next.map { Format.money($0.band.mid) } ?? "-",
                "gap": next.map { Format.percent($0.gapPercent) } ?? "-",
                "payChange": next.map { Format.percent($0.payChange) } ?? "-",
                "months": next.map { "\($0.months)" } ?? "-",
                "lateral": entry.lateral.map { "\($0.layer) (\(Format.percent($0.payChange)))" }.joined(
                    separator: ", "),
                "readiness": entry.readiness, "reasons": entry.reasons,
            ]
        }
        values["notes"] = report.notes
        return try renderer.page("path-upward", values)
    }

    /// Vendors with their audits, blocking problems and (for roles that see it) spend.
    func vendors(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let register = VendorRegister.build(try await snapshot(), includeSpend: user.userRole.seesVendorSpend)
        var values = WebPages.base(user, request, title: "Vendors", section: "vendors")
        values["blocking"] = register.blockingVendors
        values["vendors"] = register.vendors.map { entry -> [String: Any] in
            [
                "name": entry.name, "country": entry.country ?? "-",
                "spend": entry.annualSpend.map { "\(WebPages.money($0)) \(entry.currency ?? "")" } ?? "",
                "owner": entry.budgetOwner ?? "-", "wageFile": entry.wageFile?.specId ?? "",
                "lastAudit": entry.lastAudit ?? "never",
                "nextAudit": entry.nextAudit ?? "-", "overdue": entry.auditOverdue, "openBlocking": entry.openBlocking,
                "reasons": entry.blockingReasons, "auditFindings": entry.auditFindings ?? "",
                "items": (entry.checklist + entry.supplyChain).map {
                    ["question": $0.question, "answer": $0.answer, "bad": $0.ok == false]
                },
            ]
        }
        return try renderer.page("vendors", values)
    }

    /// Datasets and whether each has the records its wage file needs.
    func datasets(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let register = DatasetRegister.build(try await snapshot())
        var values = WebPages.base(user, request, title: "Datasets", section: "datasets")
        values["incomplete"] = register.incomplete
        values["datasets"] = register.datasets.map { entry -> [String: Any] in
            [
                "name": entry.name, "wageFile": entry.wageFile?.specId ?? "", "recorded": entry.recordedWork,
                "people": entry.people,
                "complete": entry.complete, "problems": entry.problems,
                "elements": entry.elements.map {
                    ["element": $0.element, "met": $0.met == true, "evidence": $0.evidence]
                },
            ]
        }
        return try renderer.page("datasets", values)
    }

    /// The audit log, filtered by entity.
    func auditLog(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let query = ListQuery(request: request)
        let entries = try await store.audit.list(
            AuditLog.Query(entity: query.string("entity"), entityId: query.string("entityId")),
            page: PageRequest(limit: 200))
        var values = WebPages.base(user, request, title: "Audit log", section: "audit")
        values["entity"] = query.string("entity") ?? ""
        values["entries"] = entries.items.map {
            [
                "seq": $0.seq, "at": $0.at, "actor": $0.actor, "action": $0.action, "entity": $0.entity,
                "entityId": $0.entityId,
            ]
        }
        values["total"] = entries.total
        return try renderer.page("audit", values)
    }
}
