import DecisionFiles
public import Foundation
public import Pricing
public import Storage
public import WorkModel

/// Everything the application depends on, passed in so tests can supply a fixed clock, a cheap
/// bcrypt cost and an in-memory database.
public struct ServerEnvironment: Sendable {
    public var store: Store
    /// The current pricer; market data written through the API rebuilds it.
    public let pricing: PricingState
    public var pricer: Pricer { pricing.pricer }
    public var now: @Sendable () -> Date
    /// bcrypt work factor: 12 in production (about a quarter second); tests use the minimum.
    public var bcryptCost: UInt8
    public var sessionLifetime: TimeInterval
    /// `Secure` on the session cookie; off only for plain-HTTP development on another host.
    public var secureCookies: Bool
    public var throttle: SignInThrottle
    public var metrics: RequestMetrics
    /// Planning's limits, threads and time budget (`POST /api/v1/plan`, the planner page).
    public var planner: PlanWorkers
    public var version: String
    /// Aggregates of pay shown to roles that may not see individual pay withhold groups of
    /// fewer people than this (see `Disclosure`).
    public var minimumGroupSize: Int
    /// The audit key and checkpoint file `GET /api/v1/audit/verify` checks the log against; nil
    /// (the chain alone) for an in-memory database and in tests that do not set one.
    public var auditAnchor: AuditAnchor?

    public init(
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
    public var today: CalendarDate { CalendarDate(utcDayOf: now()) }
}

public enum WagefileVersion {
    public static let current = "0.4.0"
}
