import ArgumentParser
import DecisionFiles
import Foundation
import WorkModel

/// `--as-of YYYY-MM-DD`: the date wage floors, staleness and pending laws are judged on.
/// Defaults to today (UTC); fixing it makes a run reproducible.
struct EvaluationDateOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Judge floors, staleness and pending laws on this date (YYYY-MM-DD; default today, UTC).", valueName: "date"
        ))
    var asOf: String?

    func date() throws -> CalendarDate {
        guard let asOf else { return Self.today() }
        guard let date = CalendarDate(asOf), date.day != nil else {
            // Bad input, like a bad spec: exit 2 with the option named, not a usage error.
            Diagnostics.print(["--as-of: expected a date as YYYY-MM-DD, found '\(asOf)'"])
            throw Outcome.badInput
        }
        return date
    }

    static func today() -> CalendarDate { CalendarDate(utcDayOf: Date()) }
}
