import Foundation
import Testing
import WorkModel

@Suite("Money")
struct MoneyTests {
    @Test(arguments: [
        ("JPY", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3), ("USD", 2), ("EUR", 2), ("GBP", 2), ("jpy", 0), ("kwd", 3),
    ])
    func minorUnitExponentsFollowISO4217(currency: String, exponent: Int) {
        #expect(Money.exponent(of: currency) == exponent)
    }

    @Test func amountsRoundHalfAwayFromZeroToTheMinorUnit() throws {
        // Halves that are exact in binary, so the rounding rule and not float noise decides.
        #expect(try #require(Money(amount: 0.125, currency: "USD")).minorUnits == 13)
        #expect(try #require(Money(amount: -0.125, currency: "USD")).minorUnits == -13)
        #expect(try #require(Money(amount: 0.375, currency: "USD")).minorUnits == 38)
        #expect(try #require(Money(amount: 1234.5, currency: "JPY")).minorUnits == 1235)
        #expect(try #require(Money(amount: 1234.4, currency: "JPY")).minorUnits == 1234)
        #expect(try #require(Money(amount: 1.0625, currency: "KWD")).minorUnits == 1063)
        #expect(try #require(Money(amount: 12.34, currency: "USD")).minorUnits == 1234)
        #expect(try #require(Money(amount: 12.34, currency: "KWD")).minorUnits == 12340)
        #expect(try #require(Money(amount: 12.34, currency: "JPY")).minorUnits == 12)
        #expect(try #require(Money(amount: 0, currency: "USD")).minorUnits == 0)
    }

    @Test func theCurrencyIsKeptExactly() throws {
        let money = try #require(Money(amount: 99.99, currency: "CHF"))
        #expect(money.currency == "CHF")
        #expect(money.minorUnits == 9999)
    }

    @Test func amountsNoIntegerHoldsAreRefused() {
        #expect(Money(amount: .infinity, currency: "USD") == nil)
        #expect(Money(amount: -.infinity, currency: "USD") == nil)
        #expect(Money(amount: .nan, currency: "USD") == nil)
        #expect(Money(amount: 1e17, currency: "USD") == nil)
        #expect(Money(amount: 1e16, currency: "USD") != nil)
    }

    @Test func theAmountIsTheMinorUnitsOverTheScale() {
        #expect(Money(minorUnits: 123_456_789_012, currency: "USD").amount == 1_234_567_890.12)
        #expect(Money(minorUnits: 123_456_789_012, currency: "KWD").amount == 123_456_789.012)
        #expect(Money(minorUnits: 123_456_789_012, currency: "JPY").amount == 123_456_789_012)
        #expect(Money(minorUnits: -250, currency: "USD").amount == -2.5)
    }

    @Test func jsonKeepsMinorUnitsAndCurrency() throws {
        let money = Money(minorUnits: 123_456_789_012, currency: "KWD")
        let data = try JSONEncoder().encode(money)
        #expect(try JSONDecoder().decode(Money.self, from: data) == money)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["minorUnits"] as? NSNumber)?.int64Value == 123_456_789_012)
        #expect(object["currency"] as? String == "KWD")
    }
}
