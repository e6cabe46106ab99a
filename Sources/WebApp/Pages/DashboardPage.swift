import DecisionFiles
import Foundation
import Hummingbird
import Portfolio
import Pricing
import ReferenceData
import Storage
import WorkModel

extension WebPages {
    /// Cost by work layer and budget owner, open blocking findings, and the compression summary.
    func dashboard(_ request: Request, _ user: User) async throws -> Response {
        let snapshot = try await PortfolioData.snapshot(
            store: environment.store, reference: environment.pricer.reference, asOf: environment.today)
        var values = WebPages.base(user, request, title: "Dashboard", section: "dashboard")
        let disclosure = Disclosure(user, minimumGroupSize: environment.minimumGroupSize)
        if user.userRole.seesVendorSpend {
            let cost = disclosure.cost(CostReport.build(snapshot))
            func bars(_ totals: [CostReport.Total]) -> [SVGCharts.Bar] {
                totals.map {
                    SVGCharts.Bar(label: $0.key, value: $0.annualCost, text: "\(WebPages.money($0.annualCost)) USD")
                }
            }
            values["cost"] = [
                "total": WebPages.costText(cost.total), "shifted": WebPages.money(cost.total.annualShiftedCost),
                "byLayerChart": SVGCharts.horizontalBars(
                    id: "cost-layer", title: "Annual cost by work layer, USD", bars: bars(cost.byLayer)),
                "byOwnerChart": SVGCharts.horizontalBars(
                    id: "cost-owner", title: "Annual cost by budget owner, USD", bars: bars(cost.byBudgetOwner)),
                "owners": cost.byBudgetOwner.map {
                    ["key": $0.key, "cost": WebPages.costText($0), "share": Format.percent($0.share)]
                },
            ]
        }
        let blocking = snapshot.wageFiles.values.filter(\.blocking).sorted { $0.spec.id < $1.spec.id }
        values["blockingFiles"] = blocking.map { file in
            [
                "specId": file.spec.id, "title": file.spec.title,
                "rules": file.findings.filter { $0.severity == .blocking }.map(\.rule).joined(separator: ", "),
            ]
        }
        values["blockingCount"] = blocking.count
        let vendors = VendorRegister.build(snapshot, includeSpend: false)
        values["blockingVendors"] = vendors.blockingVendors
        values["incompleteDatasets"] = DatasetRegister.build(snapshot).incomplete
        if disclosure.seesIndividualPay {
            let compression = CompressionReport.build(snapshot)
            values["compression"] = [
                "flagged": compression.totals.flaggedPeople, "people": compression.totals.people,
                "inversions": compression.totals.inversions, "compressed": compression.totals.compressed,
                "toMinimum": WebPages.money(compression.totals.annualCostToMinimum),
                "toParity": WebPages.money(compression.totals.annualCostToParity),
                "layers": compression.layers.filter { $0.internalPeople > 0 }.map {
                    [
                        "layer": $0.layer, "status": $0.status, "flagged": $0.flaggedPeople,
                        "internal": $0.internalPeople,
                    ]
                },
            ]
        }
        return try renderer.page("dashboard", values)
    }
}
