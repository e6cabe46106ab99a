/// A calendar date at year, month or day precision, written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
/// as reference records state them. A coarser date stands for the start of its period, which
/// is the cautious reading for "in force since" and "figure as of".
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0])
        else { return nil }
        var month: Int?
        var day: Int?
        if parts.count > 1 {
            guard parts[1].count == 2, let value = Int(parts[1]), (1...12).contains(value) else { return nil }
            month = value
        }
        if parts.count > 2 {
            guard parts[2].count == 2, let value = Int(parts[2]),
                (1...Self.days(inMonth: month ?? 1, year: year)).contains(value)
            else { return nil }
            day = value
        }
        self.init(year: year, month: month, day: day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private var key: (Int, Int, Int) { (year, month ?? 1, day ?? 1) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.key < rhs.key }
    public static func == (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(month ?? 1)
        hasher.combine(day ?? 1)
    }

    /// Whole months from this date to `later`; negative when `later` is earlier.
    public func months(until later: CalendarDate) -> Int {
        var months = (later.year - year) * 12 + ((later.month ?? 1) - (month ?? 1))
        if months > 0, (later.day ?? 1) < (day ?? 1) { months -= 1 }
        if months < 0, (later.day ?? 1) > (day ?? 1) { months += 1 }
        return months
    }

    /// Whether more than `months` months have passed from this date to `date`: true from the day
    /// after the `months`-month anniversary. Whole months alone (`months(until:) > months`) would
    /// wait a further month, so a figure 18 months and 30 days old would pass an 18-month limit.
    public func isOlder(thanMonths months: Int, on date: CalendarDate) -> Bool {
        let index = year * 12 + (self.month ?? 1) - 1 + months
        // The anniversary may name a day its month lacks (31 April); dates still order correctly.
        return date > CalendarDate(year: index / 12, month: index % 12 + 1, day: day ?? 1)
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, exact for the proleptic
    /// Gregorian calendar). Inlinable: the judgment readers call it for every timestamp.
    @inlinable
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date `days` after 1970-01-01 (the inverse of `daysSinceEpoch`).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: doy - (153 * mp + 2) / 5 + 1)
    }

    /// The day `days` later (earlier when negative); a date without a day counts from its first.
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Self.daysSinceEpoch(year: year, month: month ?? 1, day: day ?? 1) + days)
    }

    public var description: String {
        var text = String(year)
        if let month { text += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day { text += "-" + (day < 10 ? "0" : "") + String(day) }
        return text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected YYYY, YYYY-MM or YYYY-MM-DD, found '\(text)'"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
