/// Where the planner's long loops (the Monte Carlo draws, the routing sweep) ask whether to go
/// on. The command line plans with `.unlimited`, which can never stop (its `Failure` is `Never`,
/// so those calls need no `try`); the server gives each request a deadline and a cancellation flag.
package struct PlanBudget<Failure: Error>: Sendable {
    /// Nil to go on; the reason to stop otherwise. Called every few hundred draws or routings.
    let stopReason: @Sendable () -> Failure?
    /// Whether the Monte Carlo may spread its chunks over every core. The server says no: a
    /// request's plan runs on one worker thread, so several plans at once cannot take every core.
    package let parallel: Bool

    package init(parallel: Bool, stopReason: @escaping @Sendable () -> Failure?) {
        self.parallel = parallel
        self.stopReason = stopReason
    }

    /// Throws the reason to stop, if there is one.
    @inline(__always)
    func check() throws(Failure) {
        if let reason = stopReason() { throw reason }
    }
}

extension PlanBudget where Failure == Never {
    /// No deadline, every core: the command line and the benchmarks.
    package static var unlimited: PlanBudget<Never> { PlanBudget(parallel: true) { nil } }
}

/// How often the loops look at the budget: often enough to stop within milliseconds, rarely
/// enough that reading the clock costs nothing measurable.
enum BudgetCheck {
    static let everyDraws = 512
    static let everyRoutings = 64
}
