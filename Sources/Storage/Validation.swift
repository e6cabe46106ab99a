import Foundation
import WorkModel

/// Field checks shared by the stored records.
enum Check {
    static func required(_ value: String, _ field: String, into problems: inout [FieldProblem]) {
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldProblem(field, "is required"))
        } else if value.count > 500 {
            problems.append(FieldProblem(field, "must be at most 500 characters"))
        }
    }

    static func length(_ value: String?, _ field: String, max: Int = 500, into problems: inout [FieldProblem]) {
        if let value, value.count > max { problems.append(FieldProblem(field, "must be at most \(max) characters")) }
    }

    static func oneOf(_ value: String?, _ allowed: [String], _ field: String, into problems: inout [FieldProblem]) {
        if let value, !allowed.contains(value) {
            problems.append(FieldProblem(field, "must be one of \(allowed.joined(separator: ", ")) (got '\(value)')"))
        }
    }

    static func currency(_ value: String?, _ field: String, into problems: inout [FieldProblem]) {
        if let value, value.count != 3 || !value.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            problems.append(FieldProblem(field, "must be an ISO 4217 code of three capital letters (got '\(value)')"))
        }
    }

    static func date(_ value: String?, _ field: String, into problems: inout [FieldProblem]) {
        if let value, CalendarDate(value) == nil {
            problems.append(FieldProblem(field, "must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '\(value)')"))
        }
    }

    static func nonNegative(_ value: Int64?, _ field: String, into problems: inout [FieldProblem]) {
        if let value, value < 0 { problems.append(FieldProblem(field, "must not be negative")) }
    }

    /// Money needs both halves: an amount without a currency cannot be compared with anything.
    static func money(
        _ amount: Int64?, _ code: String?, _ amountField: String, _ currencyField: String,
        into problems: inout [FieldProblem]
    ) {
        nonNegative(amount, amountField, into: &problems)
        if amount != nil && code == nil {
            problems.append(FieldProblem(currencyField, "is required when \(amountField) is given"))
        }
        currency(code, currencyField, into: &problems)
    }

    /// Pay within `PayCap` for its basis; a basis the record does not know is reported elsewhere.
    static func pay(_ amount: Int64?, basis: String?, _ field: String, into problems: inout [FieldProblem]) {
        guard let amount, let basis, let cap = PayCap.maximumMinor(basis: basis), amount > cap else { return }
        problems.append(
            FieldProblem(
                field,
                "must be at most \(cap) minor units on a \(basis) basis (\(PayCap.annualMinor) a year, scaled); got \(amount)"
            ))
    }

    static let workLayers = WorkLayer.allCases.map(\.rawValue)
}

/// The most pay a record may hold: one figure in minor units for every currency, because
/// Storage has no exchange rates to scale it by.
///
/// 10,000,000,000,000 minor units a year is 100 billion in a two-decimal currency: far above
/// any salary in dollars or euros, and still room for the highest real salaries in the
/// currencies with the largest numbers (Iranian rial, Lebanese pound, Indonesian rupiah, all two
/// decimals). It is 900,000 times below Int64's limit, so the sums and products the portfolio
/// views make of it (a year of hourly pay, an organization's total) cannot overflow; an unbounded
/// `payMinor` of 9.2e18 once made another person's cost to parity 5.3 trillion. The other bases
/// are the annual cap spread over a year: 12 months, 52 weeks, 2,080 hours (40 a week), and a
/// task counted as an hour.
enum PayCap {
    static let annualMinor: Int64 = 10_000_000_000_000

    static func maximumMinor(basis: String) -> Int64? {
        switch basis {
        case "annual": annualMinor
        case "monthly": annualMinor / 12
        case "weekly": annualMinor / 52
        case "hourly", "per-task": annualMinor / 2_080
        default: nil
        }
    }
}
