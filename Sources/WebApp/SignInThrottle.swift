public import Foundation

/// Slows down password guessing: after a few failures for an address, sign-in is refused for a
/// delay that doubles with each further failure, up to 15 minutes.
///
/// Kept in memory: a restart forgets the counts, which costs an attacker a restart they cannot
/// cause. The key is the email tried, so unknown emails are slowed exactly like real ones.
public actor SignInThrottle {
    let freeAttempts: Int
    let maximumDelay: TimeInterval
    private var failures: [String: (count: Int, last: Date)] = [:]

    public init(freeAttempts: Int = 5, maximumDelay: TimeInterval = 900) {
        self.freeAttempts = freeAttempts
        self.maximumDelay = maximumDelay
    }

    /// Seconds to wait before the next attempt for `key` is considered; 0 when allowed now.
    public func wait(for key: String, now: Date) -> Int {
        guard let entry = failures[key], entry.count >= freeAttempts else { return 0 }
        let delay = min(pow(2, Double(entry.count - freeAttempts)), maximumDelay)
        let remaining = entry.last.addingTimeInterval(delay).timeIntervalSince(now)
        return remaining > 0 ? Int(remaining.rounded(.up)) : 0
    }

    public func failed(_ key: String, now: Date) {
        let count = (failures[key]?.count ?? 0) + 1
        failures[key] = (count, now)
        // Bound memory under a spray of made-up addresses: forget the stalest half.
        if failures.count > 100_000 {
            let cutoff = failures.values.map(\.last).sorted()[failures.count / 2]
            failures = failures.filter { $0.value.last > cutoff }
        }
    }

    public func succeeded(_ key: String) {
        failures[key] = nil
    }
}
