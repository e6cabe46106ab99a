public import Foundation
public import WorkModel

extension CalendarDate {
    /// The UTC calendar day of a moment: the evaluation date a decision file computed "now" gets,
    /// whether the CLI or the server computes it.
    public init(utcDayOf date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
