import DecisionFiles
package import Foundation
package import Pricing
package import Storage
package import WorkModel

/// Everything the application depends on, passed in so tests can supply a fixed clock, a cheap
/// bcrypt cost and an in-memory database.
package struct ServerEnvironment: Sendable {
    package var store: Store
    /// The current pricer; market data written through the API rebuilds it.
    package let pricing: PricingState
    package var pricer: Pricer { pricing.pricer }
    package var now: @Sendable () -> Date
    /// bcrypt work factor: 12 in production (about a quarter second); tests use the minimum.
    package var bcryptCost: UInt8
    package var sessionLifetime: TimeInterval
    /// `Secure` on the session cookie; off only for plain-HTTP development on another host.
    package var secureCookies: Bool
    package var throttle: SignInThrottle
    package var metrics: RequestMetrics
    /// Planning's limits, threads and time budget (`POST /api/v1/plan`, the planner page).
    package var planner: PlanWorkers
    package var version: String
    /// Aggregates of pay shown to roles that may not see individual pay withhold groups of
    /// fewer people than this (see `Disclosure`).
    package var minimumGroupSize: Int
    /// The audit key and checkpoint file `GET /api/v1/audit/verify` checks the log against; nil
    /// (the chain alone) for an in-memory database and in tests that do not set one.
    package var auditAnchor: AuditAnchor?

    package init(
        store: Store, pricer: Pricer, referenceDirectories: [URL] = [],
        now: @escaping @Sendable () -> Date = { Date() }, bcryptCost: UInt8 = 12,
        sessionLifetime: TimeInterval = 12 * 3600, secureCookies: Bool = true,
        throttle: SignInThrottle = SignInThrottle(), metrics: RequestMetrics = RequestMetrics(),
        planner: PlanWorkers = PlanWorkers(), version: String = WagefileVersion.current, minimumGroupSize: Int = 5,
        auditAnchor: AuditAnchor? = nil
    ) {
        self.store = store
        self.pricing = PricingState(pricer, directories: referenceDirectories)
        self.now = now
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
        self.throttle = throttle
        self.metrics = metrics
        self.planner = planner
        self.version = version
        self.minimumGroupSize = max(1, minimumGroupSize)
        self.auditAnchor = auditAnchor
    }

    /// The evaluation date for decision files computed now (UTC).
    package var today: CalendarDate { CalendarDate(utcDayOf: now()) }
}

package enum WagefileVersion {
    package static let current = "0.4.0"
}
