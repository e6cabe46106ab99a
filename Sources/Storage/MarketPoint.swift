/// A market pay observation a user imported: percentiles for a role in a place, with its source.
package struct MarketPoint: StoredRecord {
    package static let table = "market_points"
    package static let entity = "market-point"
    package static let filters = ["role": "role", "location": "location", "currency": "currency", "source": "source"]
    package static let sortColumn = "role"
    package static let periods = ["hourly", "annual"]

    package var id: String
    package var role: String
    package var location: String
    package var currency: String
    package var period: String
    package var p25Minor: Int64?
    package var p50Minor: Int64
    package var p75Minor: Int64?
    package var source: String
    package var asOf: String
    package var revision: Int
    package var createdAt: String
    package var updatedAt: String

    package init(
        id: String, role: String, location: String, currency: String, period: String,
        p25Minor: Int64? = nil, p50Minor: Int64, p75Minor: Int64? = nil, source: String, asOf: String,
        revision: Int = 1, createdAt: String = "", updatedAt: String = ""
    ) {
        self.id = id
        self.role = role
        self.location = location
        self.currency = currency
        self.period = period
        self.p25Minor = p25Minor
        self.p50Minor = p50Minor
        self.p75Minor = p75Minor
        self.source = source
        self.asOf = asOf
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    package func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        Check.required(role, "role", into: &problems)
        Check.required(location, "location", into: &problems)
        Check.required(source, "source", into: &problems)
        Check.currency(currency, "currency", into: &problems)
        Check.oneOf(period, MarketPoint.periods, "period", into: &problems)
        Check.date(asOf, "asOf", into: &problems)
        Check.nonNegative(p25Minor, "p25Minor", into: &problems)
        Check.nonNegative(p50Minor, "p50Minor", into: &problems)
        Check.nonNegative(p75Minor, "p75Minor", into: &problems)
        for (amount, field) in [(p25Minor, "p25Minor"), (p50Minor, "p50Minor"), (p75Minor, "p75Minor")] {
            Check.pay(amount, basis: period, field, into: &problems)
        }
        if let p25 = p25Minor, p25 > p50Minor { problems.append(FieldProblem("p25Minor", "must not exceed p50Minor")) }
        if let p75 = p75Minor, p75 < p50Minor {
            problems.append(FieldProblem("p75Minor", "must not be below p50Minor"))
        }
        return problems
    }
}
