/// How pay is quoted. Every basis converts to an hourly figure through an hours basis that the
/// decision file states, never through a hidden constant.
public enum PayBasis: String, Sendable, Codable, CaseIterable, Hashable {
    case hourly
    case perTask = "per-task"
    case day
    case month
    case annual
}

/// The hours that turn day, month and annual figures into hourly ones.
public struct HoursBasis: Sendable, Hashable, Codable {
    public var hoursPerDay: Double
    public var hoursPerWeek: Double
    public var weeksPerYear: Double
    /// Where these hours came from: `spec` when the role states them, otherwise the policy's source key.
    public var source: String

    public init(hoursPerDay: Double, hoursPerWeek: Double, weeksPerYear: Double, source: String) {
        self.hoursPerDay = hoursPerDay
        self.hoursPerWeek = hoursPerWeek
        self.weeksPerYear = weeksPerYear
        self.source = source
    }

    public var hoursPerYear: Double { hoursPerWeek * weeksPerYear }
    public var hoursPerMonth: Double { hoursPerYear / 12 }
}

/// An amount of pay as quoted, before conversion to hourly.
public struct PayQuote: Sendable, Hashable, Codable {
    public var amount: Double
    public var currency: String
    public var basis: PayBasis
    /// Expected minutes per task; required for per-task pay.
    public var minutesPerTask: Double?

    public init(amount: Double, currency: String, basis: PayBasis, minutesPerTask: Double? = nil) {
        self.amount = amount
        self.currency = currency
        self.basis = basis
        self.minutesPerTask = minutesPerTask
    }

    /// Hourly equivalent under `hours`. Per-task pay without a task time has no hourly
    /// equivalent and returns nil; the spec reader rejects that combination up front.
    public func hourly(hours: HoursBasis) -> Double? {
        switch basis {
        case .hourly: return amount
        case .perTask:
            guard let minutes = minutesPerTask, minutes > 0 else { return nil }
            return amount * 60 / minutes
        case .day: return hours.hoursPerDay > 0 ? amount / hours.hoursPerDay : nil
        case .month: return hours.hoursPerMonth > 0 ? amount / hours.hoursPerMonth : nil
        case .annual: return hours.hoursPerYear > 0 ? amount / hours.hoursPerYear : nil
        }
    }

    /// How the hourly equivalent was obtained, for the provenance trail.
    public func hourlyDerivation(hours: HoursBasis) -> String {
        switch basis {
        case .hourly: "quoted hourly"
        case .perTask: "\(Format.number(amount)) per task x 60 / \(Format.number(minutesPerTask ?? 0)) min per task"
        case .day: "\(Format.number(amount)) per day / \(Format.number(hours.hoursPerDay)) h per day"
        case .month:
            "\(Format.number(amount)) per month / (\(Format.number(hours.hoursPerWeek)) h/week x \(Format.number(hours.weeksPerYear)) weeks / 12)"
        case .annual:
            "\(Format.number(amount)) per year / (\(Format.number(hours.hoursPerWeek)) h/week x \(Format.number(hours.weeksPerYear)) weeks)"
        }
    }
}
