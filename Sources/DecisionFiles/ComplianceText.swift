import Compliance
import WorkModel

/// The compliance section of a decision file as plain-text rows, shared by the Markdown and
/// HTML renderings so both say the same thing; each escapes for its own markup.
enum ComplianceText {
    /// Wage floor, effective pay and shifted cost, as label and value.
    static func payRows(_ file: DecisionFile) -> [(String, String)] {
        let c = file.band.currency
        let section = file.compliance
        var rows: [(String, String)] = [("Evaluated on", file.evaluatedOn)]
        if let floor = section.wageFloor {
            var text = "\(Format.money(floor.amount)) \(floor.currency) per \(floor.period)"
            if floor.period != "hour" || floor.currency != c {
                text += " = \(Format.money(floor.hourlyInSpecCurrency)) \(c)/h"
            }
            let tier =
                floor.tier.map {
                    "; tier \($0)\(floor.tierAssumed == true ? " (assumed: \(floor.tierField ?? "tier") not stated)" : "")"
                } ?? ""
            let cycle =
                floor.cycle.map { "; revised \($0)\(floor.nextRevision.map { ", next expected \($0)" } ?? "")" } ?? ""
            text +=
                " (\(floor.id)\(floor.locality.map { ", \($0)" } ?? "")\(tier); \(floor.hoursBasis); effective \(floor.effective)\(cycle); \(floor.source), checked \(floor.checked ?? floor.asOf), confidence \(floor.confidence.rawValue)\(floor.stale ? ", STALE" : "")\(floor.standing == "statutory" ? "" : ", \(floor.standing)"))"
            rows.append(("Wage floor", text))
        } else {
            rows.append(("Wage floor", "none in the reference data for \(file.spec.jurisdiction)"))
        }
        if let living = section.livingWage {
            rows.append(
                ("Living wage", "\(Format.money(living.hourlyInSpecCurrency)) \(c)/h (\(living.id); \(living.source))"))
        }
        if let pay = section.effectivePay {
            rows.append(("Quoted rate", "\(Format.money(pay.nominalHourly)) \(c)/h (\(pay.payField))"))
            rows.append(
                (
                    "Hours a week",
                    "\(Format.number(pay.taskHoursPerWeek)) on tasks, \(Format.number(pay.unpaidHoursPerWeek.total)) unpaid (search and idle \(Format.number(pay.unpaidHoursPerWeek.searchAndIdle)), qualification and onboarding \(Format.number(pay.unpaidHoursPerWeek.qualificationAndOnboarding)), rework \(Format.number(pay.unpaidHoursPerWeek.rework)), rejected \(Format.number(pay.unpaidHoursPerWeek.rejected))); \(Format.number(pay.totalHoursPerWeek)) in all"
                ))
            rows.append(
                (
                    "Effective pay",
                    "\(Format.money(pay.effectiveHourly)) \(c)/h (\(Format.money(pay.effectiveHourlyUSD)) USD/h)"
                        + (pay.gapToFloor.map {
                            $0 < 0 ? ", \(Format.money(-$0)) below the floor" : ", \(Format.money($0)) above the floor"
                        } ?? "")
                ))
            rows.append(
                (
                    "Shifted cost",
                    "\(Format.percent(pay.shiftedShare)) of the rate; \(Format.money(pay.shiftedCostPerWorkerMonth, places: 0)) \(c) per worker-month"
                        + (pay.shiftedCostForHeadcountPerMonth.map {
                            ", \(Format.money($0, places: 0)) \(c) a month for the headcount"
                        } ?? "")
                ))
            if let toFloor = pay.costToFloorPerWorkerMonth, toFloor > 0 {
                rows.append(("Cost to reach the floor", "\(Format.money(toFloor, places: 0)) \(c) per worker-month"))
            }
            if !pay.unstated.isEmpty {
                rows.append(("Not stated (counted as none)", pay.unstated.joined(separator: ", ")))
            }
        } else {
            rows.append(("Effective pay", "not computed: no pay to assess"))
        }
        if let fairwork = section.fairwork {
            for (number, point) in [(1, fairwork.point1), (2, fairwork.point2)] {
                let state = point.met.map { $0 ? "met" : "not met" } ?? "undetermined"
                var text = state
                if !point.reasons.isEmpty { text += ": " + point.reasons.joined(separator: "; ") }
                if !point.missing.isEmpty { text += " (not stated: \(point.missing.joined(separator: ", ")))" }
                rows.append(("Fairwork Fair Pay \(number)", text))
            }
        }
        return rows
    }

    static func requirementState(_ met: Bool?) -> String { Format.yesNo(met, missing: "not shown") }
}
