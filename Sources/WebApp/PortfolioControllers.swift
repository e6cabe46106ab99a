import Hummingbird
import Pricing
import Storage
import WorkModel

/// People, vendors, datasets and market data: the records portfolio views are built from.
enum PortfolioControllers {
    static func register(
        _ environment: ServerEnvironment, _ registry: EndpointRegistry, _ router: Router<AppRequestContext>
    ) {
        let store = environment.store
        RecordController(
            repository: store.people, path: "/api/v1/people", writePermission: .writePeople,
            redact: { person, user in Disclosure(user, minimumGroupSize: environment.minimumGroupSize).person(person) }
        )
        .register(registry, router)
        RecordController(
            repository: store.vendors, path: "/api/v1/vendors", writePermission: .writeVendors,
            redact: { vendor, user in
                guard !user.userRole.seesVendorSpend else { return vendor }
                var copy = vendor
                copy.annualSpendMinor = nil
                return copy
            }
        )
        .register(registry, router)
        RecordController(
            repository: store.datasets, path: "/api/v1/datasets", writePermission: .writeDatasets,
            redact: { dataset, _ in dataset }
        )
        .register(registry, router)
        let pricing = environment.pricing
        RecordController(
            repository: store.marketPoints, path: "/api/v1/market-data", writePermission: .writeMarketData,
            redact: { point, _ in point },
            check: { points in try pricing.check(points) },
            changed: { try await pricing.rebuild(from: store) }
        )
        .register(registry, router)
        // The pay line's fit to its evidence, shipped and stored, and the points it cannot use.
        registry.add(router, .get, "/api/v1/pricing/calibration", .read) { _, _ in
            try JSONBody.response(
                PricingCalibration(
                    report: CalibrationReport(pricer: pricing.pricer), unpricedMarketData: pricing.unpricedPoints))
        }
    }
}

struct PricingCalibration: Encodable, Sendable {
    var report: CalibrationReport
    var unpricedMarketData: [MarketEvidence.Unpriced]
}
