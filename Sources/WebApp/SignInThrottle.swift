package import Foundation

/// Slows down password guessing without letting anyone lock a chosen account out.
///
/// Two counts of failed sign-ins, each answered with a delay rather than a lock:
/// - per client address and email: after `freeAttempts` failures, each further attempt for that
///   email from that address waits 1 s, 2 s, 4 s ... up to `maximumDelay`. Guessing one account's
///   password from one place is slowed; the account's owner, signing in from their own address,
///   is not, because the count belongs to the attacker's address.
/// - per client address, whatever the email: after `freeAttemptsPerAddress` failures the address
///   waits the same doubling delays. Spraying one password over many accounts from one place is
///   slowed, which the per-email count alone never did.
/// A success clears its (address, email) count only: signing in to one's own account does not
/// buy a sprayer fresh attempts. Counts are forgotten after `forgetAfter` without a failure.
///
/// The address is the TCP peer; behind a reverse proxy every client shares the proxy's address,
/// so the per-address budget is shared too (a sprayer there slows sign-in failures for everyone
/// behind it, never correct passwords from an address under its budget). Unknown emails count
/// exactly like real ones. Kept in memory: a restart forgets the counts, which costs an attacker
/// a restart they cannot cause.
package actor SignInThrottle {
    let freeAttempts: Int
    let freeAttemptsPerAddress: Int
    let maximumDelay: TimeInterval
    let forgetAfter: TimeInterval
    private var pairs: [String: Failures] = [:]
    private var addresses: [String: Failures] = [:]

    struct Failures {
        var count: Int
        var last: Date
    }

    package init(
        freeAttempts: Int = 5, freeAttemptsPerAddress: Int = 20, maximumDelay: TimeInterval = 900,
        forgetAfter: TimeInterval = 3600
    ) {
        self.freeAttempts = freeAttempts
        self.freeAttemptsPerAddress = freeAttemptsPerAddress
        self.maximumDelay = maximumDelay
        self.forgetAfter = forgetAfter
    }

    /// Seconds to wait before the next attempt for `email` from `address` is considered; 0 when allowed now.
    package func wait(address: String, email: String, now: Date) -> Int {
        max(
            delay(pairs[Self.pair(address, email)], free: freeAttempts, now: now),
            delay(addresses[address], free: freeAttemptsPerAddress, now: now))
    }

    package func failed(address: String, email: String, now: Date) {
        Self.count(&pairs, Self.pair(address, email), now: now, forgetAfter: forgetAfter)
        Self.count(&addresses, address, now: now, forgetAfter: forgetAfter)
    }

    package func succeeded(address: String, email: String) {
        pairs[Self.pair(address, email)] = nil
    }

    static func pair(_ address: String, _ email: String) -> String { address + "\u{0}" + email }

    /// The delay still to run after `free` failures: 2^(failures - free) seconds from the last one, capped.
    private func delay(_ failures: Failures?, free: Int, now: Date) -> Int {
        guard let failures, failures.count >= free, now.timeIntervalSince(failures.last) < forgetAfter else { return 0 }
        let delay = min(pow(2, Double(failures.count - free)), maximumDelay)
        let remaining = failures.last.addingTimeInterval(delay).timeIntervalSince(now)
        return remaining > 0 ? Int(remaining.rounded(.up)) : 0
    }

    private static func count(_ table: inout [String: Failures], _ key: String, now: Date, forgetAfter: TimeInterval) {
        let previous = table[key].flatMap { now.timeIntervalSince($0.last) < forgetAfter ? $0.count : nil } ?? 0
        table[key] = Failures(count: previous + 1, last: now)
        // Bound memory under a spray of made-up addresses or emails: forget the stalest half.
        if table.count > 100_000 {
            let cutoff = table.values.map(\.last).sorted()[table.count / 2]
            table = table.filter { $0.value.last > cutoff }
        }
    }
}
