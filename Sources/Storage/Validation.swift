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
    static func money(_ amount: Int64?, _ code: String?, _ amountField: String, _ currencyField: String,
                      into problems: inout [FieldProblem]) {
        nonNegative(amount, amountField, into: &problems)
        if amount != nil && code == nil {
            problems.append(FieldProblem(currencyField, "is required when \(amountField) is given"))
        }
        currency(code, currencyField, into: &problems)
    }

    static let workLayers = WorkLayer.allCases.map(\.rawValue)
}
