import Foundation
import Hummingbird
import NIOPosix
package import Planning
import Synchronization

/// Where the server plans programs: off the event loops and off Swift's cooperative pool, on a
/// few threads of their own, with the size limits checked first and a time budget per request.
///
/// A plan is seconds of arithmetic. Run where requests are answered, four of them once held both
/// cores and `/health` waited 105 s. Here a plan runs on `PlanWorkers.threads` (one thread fewer
/// than the machine has cores, at least one), one plan per thread, each Monte Carlo on its one
/// thread; requests past the threads wait in line, up to `waiting` of them, and later ones are
/// told the planner is busy (503). The budget counts from admission, so waiting spends it too.
package final class PlanWorkers: Sendable {
    package let limits: PlanLimits
    /// How long one request's plan may take, waiting included, before it is stopped (503).
    package let budget: Duration
    /// Requests that may wait for a thread beyond those running; more are refused at once.
    package let waiting: Int
    private let admitted = Atomic<Int>(0)

    /// Planning threads shared by every server in the process (tests build many): one fewer
    /// than the cores, so requests, the database and `/health` keep a core.
    package static let threadCount = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threadCount)
        pool.start()
        return pool
    }()

    /// A worst-case plan within `PlanLimits.server` takes about 2 s on one core of a debug build
    /// (docs/RELIABILITY.md); 30 s lets a full line of waiting requests finish on a busy machine
    /// and still stops a plan long before a client or proxy gives up on it.
    package init(limits: PlanLimits = .server, budget: Duration = .seconds(30), waiting: Int = 16) {
        self.limits = limits
        self.budget = budget
        self.waiting = waiting
    }

    /// Why a plan stopped before it finished.
    package enum Stop: Error, Sendable {
        case timeUp
        case cancelled
    }

    /// Runs `work` on a planning thread with a budget that stops it at the deadline or when the
    /// request is cancelled; a full line or a spent budget is a 503 problem.
    func run<T: Sendable>(_ work: @escaping @Sendable (PlanBudget<Stop>) throws(Stop) -> T) async throws -> T {
        try admit()
        let deadline = ContinuousClock.now.advanced(by: budget)
        let cancelled = CancelFlag()
        let planBudget = PlanBudget<Stop>(parallel: false) {
            if cancelled.isSet { return .cancelled }
            return ContinuousClock.now >= deadline ? .timeUp : nil
        }
        let outcome: Result<T, Stop>
        do {
            outcome = try await withTaskCancellationHandler {
                try await PlanWorkers.threads.runIfActive { [self] in
                    // Released on the planning thread, when the thread is free again.
                    defer { self.admitted.subtract(1, ordering: .relaxed) }
                    return Result { () throws(Stop) -> T in try work(planBudget) }
                }
            } onCancel: {
                cancelled.set()
            }
        } catch {
            admitted.subtract(1, ordering: .relaxed)
            throw error
        }
        switch outcome {
        case .success(let value): return value
        case .failure(.timeUp):
            throw Problem(
                .serviceUnavailable,
                "the plan did not finish within its \(budget.components.seconds) s budget (the server is busy or the program is near its limits); try again later or run `wagefile plan`",
                headers: [.retryAfter: "10"])
        case .failure(.cancelled):
            throw Problem(.serviceUnavailable, "the plan was stopped because the request was cancelled")
        }
    }

    /// Counts the request in, or refuses it when the threads and the line are full.
    private func admit() throws {
        let capacity = PlanWorkers.threadCount + waiting
        let now = admitted.add(1, ordering: .relaxed).newValue
        guard now <= capacity else {
            admitted.subtract(1, ordering: .relaxed)
            throw Problem(
                .serviceUnavailable, "the planner is busy (\(capacity) plans running or waiting); try again shortly",
                headers: [.retryAfter: "5"])
        }
    }
}

/// Set once, read by the planning thread between draws.
final class CancelFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}
