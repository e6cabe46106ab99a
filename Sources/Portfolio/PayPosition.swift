public import DecisionFiles
import Specs
public import WorkModel

/// A band as hourly figures in the report's currency.
public struct HourlyBand: Sendable, Codable, Hashable {
    /// Band minimum per hour.
    public var min: Double
    /// Band midpoint per hour.
    public var mid: Double
    /// Band maximum per hour.
    public var max: Double

    /// `hourly` / midpoint; 0 for a band without a midpoint.
    public func compaRatio(_ hourly: Double) -> Double { mid > 0 ? hourly / mid : 0 }
    /// (`hourly` - minimum) / (maximum - minimum); 0 for a band without width.
    public func rangePenetration(_ hourly: Double) -> Double { max > min ? (hourly - min) / (max - min) : 0 }
    /// Green below the minimum, red above the maximum.
    public func circle(_ hourly: Double) -> String { hourly < min ? "green" : hourly > max ? "red" : "within" }
}

/// A person doing AI work, with pay on one footing (hourly and annual in the report currency)
/// and the band of the wage file that prices their work.
public struct PayPosition: Sendable {
    /// The person record.
    public var person: Person
    /// The layer of the work: the wage file's (computed from its tasks) when linked, else the HRIS column.
    public var layer: String
    /// Where ``layer`` came from: `wage file <spec id>` or `HRIS work layer`.
    public var layerSource: String
    /// The wage file of the person's spec; nil when not linked or not computed.
    public var wageFile: DecisionFile?
    /// Pay per hour in the report currency (converted at the snapshot's rates).
    public var hourly: Double
    /// Hours a year the pay is for: the HRIS hours a week, else the wage file's, else 40, x 52.
    public var annualHours: Double
    /// How ``annualHours`` was found, in words.
    public var hoursDerivation: String
    /// The wage file's band per hour in the report currency; nil without a wage file.
    public var band: HourlyBand?
    /// Months from the hire date to the snapshot date; nil without a hire date.
    public var tenureMonths: Int?
    /// Where the person works, for their country's employer on-costs: the code ending their
    /// location ("Berlin, DE"), else their wage file's jurisdiction.
    public var jurisdiction: String?

    /// Pay a year in the report currency.
    public var annual: Double { hourly * annualHours }
    /// True for this organization's employees; false for contractors and vendor workers.
    public var isInternal: Bool { person.isInternal }
}

/// A person left out of a view, and why, so nothing disappears silently.
public struct UnpricedPerson: Sendable, Codable, Hashable {
    /// The person's record id.
    public var personId: String
    public var name: String
    /// The layer of their work, when known.
    public var layer: String?
    /// Why they were left out.
    public var reason: String
}

/// Puts each person's pay on an hourly footing in one currency against their wage file's band.
public enum PayPositions {
    /// Everyone doing AI work (a work layer or a linked spec), placed; the rest with a reason.
    /// `requireBand` leaves out people whose spec has no wage file (compression needs the band).
    // Long because: one pass per person places them or records why not, each reason beside its check.
    public static func build(_ snapshot: PortfolioSnapshot, currency: String, requireBand: Bool)
        -> (positions: [PayPosition], unpriced: [UnpricedPerson])
    {
        var positions: [PayPosition] = []
        var unpriced: [UnpricedPerson] = []
        for person in snapshot.people {
            let file = person.specId.flatMap { snapshot.wageFiles[$0] }
            guard let layer = file?.layer ?? person.workLayer else {
                if person.specId != nil {
                    unpriced.append(
                        UnpricedPerson(
                            personId: person.id, name: person.name, layer: nil,
                            reason: "spec '\(person.specId ?? "")' has no decision file and no work layer is given"))
                }
                continue
            }
            func skip(_ reason: String) {
                unpriced.append(UnpricedPerson(personId: person.id, name: person.name, layer: layer, reason: reason))
            }
            if requireBand && file == nil {
                skip(
                    person.specId.map {
                        "spec '\($0)' has no decision file yet; compute one to place this person in a band"
                    }
                        ?? "doing \(layer) work without a wage file: link a spec to price the work")
                continue
            }
            guard let payMinor = person.payMinor, let code = person.currency, let basis = person.payBasis else {
                skip("no pay on record")
                continue
            }
            let weekly: Double
            let derivation: String
            if let hours = person.hoursPerWeek {
                weekly = hours
                derivation = "\(Format.number(hours)) h/week from the HRIS record x 52"
            } else if let file {
                weekly = file.band.hoursPerYear / 52
                derivation =
                    "\(Format.number(file.band.hoursPerYear)) h/year from the wage file (\(file.band.hoursBasis))"
            } else {
                weekly = 40
                derivation = "40 h/week x 52 assumed (no hours on record)"
            }
            let annualHours = weekly * 52
            let amount = Money(minorUnits: payMinor, currency: code).amount
            let hourlyLocal: Double
            switch basis {
            case "hourly": hourlyLocal = amount
            case "weekly": hourlyLocal = amount / weekly
            case "monthly": hourlyLocal = amount * 12 / annualHours
            case "annual": hourlyLocal = amount / annualHours
            default:
                skip(
                    "per-task pay cannot be put on an hourly footing without minutes per task; price it through the wage file's offered pay"
                )
                continue
            }
            guard let hourly = snapshot.currencies.convert(hourlyLocal, from: code, to: currency) else {
                skip("no exchange rate for \(code)")
                continue
            }
            var band: HourlyBand?
            if let file {
                let source = file.band.currency
                if let min = snapshot.currencies.convert(file.band.hourly.min, from: source, to: currency),
                    let mid = snapshot.currencies.convert(file.band.hourly.mid, from: source, to: currency),
                    let max = snapshot.currencies.convert(file.band.hourly.max, from: source, to: currency)
                {
                    band = HourlyBand(min: min, mid: mid, max: max)
                } else if requireBand {
                    skip("no exchange rate for the band's currency \(source)")
                    continue
                }
            }
            let tenure = person.hireDate.flatMap(CalendarDate.init).map { $0.months(until: snapshot.asOf) }
            positions.append(
                PayPosition(
                    person: person, layer: layer,
                    layerSource: file != nil ? "wage file \(file?.spec.id ?? "")" : "HRIS work layer",
                    wageFile: file, hourly: hourly, annualHours: annualHours, hoursDerivation: derivation, band: band,
                    tenureMonths: tenure,
                    jurisdiction: jurisdiction(of: person.location) ?? file?.spec.jurisdiction))
        }
        return (positions, unpriced)
    }
}

/// The jurisdiction code a location ends with ("New York, US-NY" gives US-NY); nil when it ends with none.
func jurisdiction(of location: String?) -> String? {
    guard let last = location?.split(separator: ",").last else { return nil }
    let code = String(last.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    return RoleSpecFormat.isJurisdiction(code) ? code : nil
}

enum Statistics {
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func round(_ value: Double, _ places: Int = 2) -> Double { Format.round(value, places: places) }
}
