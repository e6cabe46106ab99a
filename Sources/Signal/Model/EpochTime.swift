import WorkModel

/// Times in judgment exports: ISO 8601 (`2026-11-02`, `2026-11-02T14:30:00Z`,
/// `2026-11-02T14:30:00.123+01:00`) or seconds since 1970, read to whole seconds, UTC.
///
/// SAFETY: the pointer readers take a pointer and a byte count from a scanner and load single bytes at
/// offsets below that count only.
enum EpochTime {
    /// Seconds since 1970-01-01T00:00:00Z of an ISO 8601 date or date-time (`T`, `t` or a space
    /// before the time; fractions of a second dropped; `Z` or a `+hh:mm` / `-hh:mm` offset, none
    /// meaning UTC); nil when the text is not one or the date does not exist.
    static func parseISO8601(_ text: String) -> Int64? {
        withBytes(of: text) { parseISO8601($0, $1) }
    }

    static func parseNumber(_ p: UnsafeRawPointer, _ n: Int) -> Int64? {
        guard let value = NumberText.parse(p, n), abs(value) < 1e13 else { return nil }
        return Int64(value.rounded(.down))
    }

    static func parseISO8601(_ p: UnsafeRawPointer, _ n: Int) -> Int64? {
        func digit(_ i: Int) -> Int? {
            guard i < n else { return nil }
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            return c >= 48 && c <= 57 ? Int(c - 48) : nil
        }
        func number(_ i: Int, _ count: Int) -> Int? {
            var value = 0
            for k in 0..<count {
                guard let d = digit(i + k) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        func byte(_ i: Int) -> UInt8? { i < n ? p.load(fromByteOffset: i, as: UInt8.self) : nil }
        guard n >= 10, let year = number(0, 4), byte(4) == 45, let month = number(5, 2), byte(7) == 45,
            let day = number(8, 2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var seconds = Int64(CalendarDate.daysSinceEpoch(year: year, month: month, day: day)) * 86_400
        guard n > 10 else { return seconds }
        guard byte(10) == 84 || byte(10) == 116 || byte(10) == 32, let hour = number(11, 2), byte(13) == 58,
            let minute = number(14, 2), hour < 24, minute < 60
        else { return nil }
        seconds += Int64(hour * 3600 + minute * 60)
        var i = 16
        if byte(i) == 58 {
            guard let second = number(i + 1, 2), second <= 60 else { return nil }
            seconds += Int64(second)
            i += 3
            if byte(i) == 46 || byte(i) == 44 {
                i += 1
                guard digit(i) != nil else { return nil }
                while digit(i) != nil { i += 1 }
            }
        }
        guard let zone = byte(i) else { return seconds }
        if zone == 90 || zone == 122 { return i + 1 == n ? seconds : nil }
        guard zone == 43 || zone == 45, let offsetHours = number(i + 1, 2) else { return nil }
        var offsetMinutes = 0
        if byte(i + 3) == 58 {
            guard let m = number(i + 4, 2) else { return nil }
            offsetMinutes = m
            i += 6
        } else if let m = number(i + 3, 2) {
            offsetMinutes = m
            i += 5
        } else {
            i += 3
        }
        guard i == n else { return nil }
        let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
        return zone == 43 ? seconds - offset : seconds + offset
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD` of a time, UTC.
    static func day(_ seconds: Int64) -> String {
        let date = CalendarDate(daysSinceEpoch: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
        let (y, m, d) = (date.year, date.month ?? 1, date.day ?? 1)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
