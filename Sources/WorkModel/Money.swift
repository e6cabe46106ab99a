/// An amount in a currency's minor units (cents, paise, yen), as stored and exchanged.
///
/// Pay is kept as an integer so that sums over thousands of people do not drift, and so
/// SQLite and PostgreSQL hold exactly the same value.
public struct Money: Sendable, Hashable, Codable {
    public var minorUnits: Int64
    public var currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Rounds `amount` (in major units) half away from zero to the currency's minor unit;
    /// nil for amounts no 64-bit integer holds or that are not finite.
    public init?(amount: Double, currency: String) {
        let scaled = (amount * Double(Money.scale(of: currency))).rounded()
        guard scaled.isFinite, abs(scaled) < 9.0e18 else { return nil }
        self.init(minorUnits: Int64(scaled), currency: currency)
    }

    public var amount: Double { Double(minorUnits) / Double(Money.scale(of: currency)) }

    /// ISO 4217 minor-unit exponent: most currencies have two decimals, these have none or three.
    public static func exponent(of currency: String) -> Int {
        switch currency.uppercased() {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
            "VND", "VUV", "XAF", "XOF", "XPF":
            0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
            3
        default:
            2
        }
    }

    static func scale(of currency: String) -> Int64 {
        switch exponent(of: currency) {
        case 0: 1
        case 3: 1000
        default: 100
        }
    }
}
