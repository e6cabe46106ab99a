import Compliance
import ReferenceData
import Synchronization
import WorkModel

/// The wage floors selected for each (jurisdiction, location, currency, date) a pricer has seen.
/// A batch prices thousands of specs in a handful of places; selecting floors is a scan with
/// string keys and sorting, the largest single cost of pricing one spec. Bounded: cleared when
/// it holds more places than any real batch has.
final class FloorCache: Sendable {
    struct Key: Hashable {
        var jurisdiction: String
        var location: String?
        var currency: String
        var date: CalendarDate
        /// The worker's skill level and occupation: they choose the tier of a tiered wage order.
        var tiers: [TierField: String] = [:]
    }

    private static let capacity = 4096
    private let entries = Mutex<[Key: FloorSelection]>([:])

    func selection(for key: Key, reference: ReferenceSet) -> FloorSelection {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        // Computed outside the lock: two threads may both compute a new place once; both agree.
        let selection = WageFloorLookup.select(
            jurisdiction: key.jurisdiction, location: key.location, specCurrency: key.currency, asOf: key.date,
            reference: reference, tiers: key.tiers)
        entries.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[key] = selection
        }
        return selection
    }
}
