import Foundation
import Testing
import WebApp

/// The sign-in throttle counts per client address and email, and per address: guessing one
/// account from one place is slowed, spraying many accounts from one place is slowed, and the
/// owner of an account under attack signs in from their own address as usual.
@Suite("Sign-in throttle: per address and email, per address, never a lock-out")
struct SignInThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_795_251_600)

    @Test("An attacker's failures against a victim do not slow the victim's own address")
    func aVictimIsNotLockedOut() async {
        let throttle = SignInThrottle()
        for attempt in 0..<50 {
            await throttle.failed(
                address: "203.0.113.9", email: "victim@example.com", now: Self.start.addingTimeInterval(Double(attempt))
            )
        }
        let now = Self.start.addingTimeInterval(60)
        #expect(await throttle.wait(address: "203.0.113.9", email: "victim@example.com", now: now) > 0)
        #expect(await throttle.wait(address: "198.51.100.7", email: "victim@example.com", now: now) == 0)
    }

    @Test("Guessing one account from one address backs off after five failures, doubling, and a success clears it")
    func oneAccountFromOneAddressBacksOff() async {
        let throttle = SignInThrottle()
        let address = "203.0.113.9"
        for _ in 0..<5 { await throttle.failed(address: address, email: "a@example.com", now: Self.start) }
        #expect(await throttle.wait(address: address, email: "a@example.com", now: Self.start) == 1)
        for _ in 0..<3 { await throttle.failed(address: address, email: "a@example.com", now: Self.start) }
        #expect(await throttle.wait(address: address, email: "a@example.com", now: Self.start) == 8)
        // A backoff, not a lock: once the delay has passed the next attempt is considered.
        #expect(
            await throttle.wait(address: address, email: "a@example.com", now: Self.start.addingTimeInterval(9)) == 0)
        await throttle.succeeded(address: address, email: "a@example.com")
        #expect(await throttle.wait(address: address, email: "a@example.com", now: Self.start) == 0)
    }

    @Test("Spraying 20 accounts with one password from one address is slowed")
    func sprayingIsSlowed() async {
        let throttle = SignInThrottle()
        let address = "203.0.113.9"
        for index in 0..<20 {
            #expect(await throttle.wait(address: address, email: "user\(index)@example.com", now: Self.start) == 0)
            await throttle.failed(address: address, email: "user\(index)@example.com", now: Self.start)
        }
        // Every further account from that address waits, though none was tried more than once.
        #expect(await throttle.wait(address: address, email: "user20@example.com", now: Self.start) >= 1)
        // Signing in to one's own account does not buy the address fresh attempts.
        await throttle.succeeded(address: address, email: "mine@example.com")
        #expect(await throttle.wait(address: address, email: "user21@example.com", now: Self.start) >= 1)
        // Another address is not affected.
        #expect(await throttle.wait(address: "198.51.100.7", email: "user20@example.com", now: Self.start) == 0)
    }

    @Test("Failures are forgotten after an hour without one")
    func countsAreForgotten() async {
        let throttle = SignInThrottle()
        for _ in 0..<30 { await throttle.failed(address: "203.0.113.9", email: "a@example.com", now: Self.start) }
        #expect(
            await throttle.wait(
                address: "203.0.113.9", email: "a@example.com", now: Self.start.addingTimeInterval(3_601)) == 0)
    }
}
