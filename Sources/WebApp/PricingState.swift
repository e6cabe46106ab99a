package import Foundation
package import Pricing
import ReferenceData
package import Storage
import Synchronization
import WorkModel

/// The pricer the server prices with, rebuilt when market data changes: the shipped tables,
/// the `--reference` folders, and the survey points stored through `/api/v1/market-data`.
/// Requests read the current pricer without waiting for a rebuild in progress.
package final class PricingState: Sendable {
    private let current: Mutex<Pricer>
    private let unpriced = Mutex<[MarketEvidence.Unpriced]>([])
    /// The `--reference` folders the pricer was built from, so a rebuild keeps them.
    package let directories: [URL]

    package init(_ pricer: Pricer, directories: [URL] = []) {
        current = Mutex(pricer)
        self.directories = directories
    }

    package var pricer: Pricer { current.withLock { $0 } }
    var unpricedPoints: [MarketEvidence.Unpriced] { unpriced.withLock { $0 } }

    /// Rebuilds from the stored market points. A set of points the reference data cannot load
    /// (for example evidence that makes pay fall as points rise) keeps the previous pricer and
    /// throws, so the write that caused it can be answered with the reason.
    package func rebuild(from store: Store) async throws {
        let (pricer, unpricedPoints) = try build(try await store.marketPoints.all())
        current.withLock { $0 = pricer }
        unpriced.withLock { $0 = unpricedPoints }
    }

    /// Refuses a set of points the pricer cannot be built from, naming why.
    func check(_ points: [MarketPoint]) throws {
        _ = try build(points)
    }

    private func build(_ points: [MarketPoint]) throws -> (Pricer, [MarketEvidence.Unpriced]) {
        do {
            let base = try ReferenceLoader.load(overrides: directories)
            let evidence = MarketEvidence.document(points, reference: base)
            let reference =
                try evidence.yaml.map { try ReferenceLoader.load(overrides: directories, extra: [("market-data", $0)]) }
                ?? base
            return (try Pricer(reference: reference), evidence.unpriced)
        } catch let error as InputError {
            throw Problem.unprocessable(
                "the market data cannot be priced from",
                errors: error.diagnostics.map { .init(field: $0.field, message: $0.message) })
        } catch let error as PayLine.FitError {
            throw Problem.unprocessable(
                "the market data cannot be priced from", errors: [.init(field: "p50Minor", message: error.description)])
        }
    }
}
