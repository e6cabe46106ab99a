import Specs
import WorkModel

/// One field a reference record may hold: its name, the shape of its value and whether a
/// record without it is rejected. A table's fields, in order, are also the allowed keys named
/// in an "unknown field" message.
struct ReferenceField: Sendable {
    enum Kind: Sendable {
        case text
        /// A list of strings, or one string alone.
        case texts
        /// One of an enumeration's raw values; the enumeration is named where the field is read.
        case choice
        /// YYYY, YYYY-MM or YYYY-MM-DD, read as text first so a bad date is reported as found.
        case date
        case number(range: ClosedRange<Double>, above: Double?)
        case wholeNumber(minimum: Int)
        /// A mapping of factor id to level.
        case factorLevels
        /// A factor's levels, lowest first.
        case levels
        /// A mapping of dates to weekly hours.
        case datedHours
    }

    enum Presence: Sendable { case required, optional }

    var name: String
    var kind: Kind
    var required: Bool

    static func text(_ name: String, _ presence: Presence = .optional) -> Self {
        Self(name: name, kind: .text, required: presence == .required)
    }
    static func texts(_ name: String) -> Self { Self(name: name, kind: .texts, required: false) }
    static func choice(_ name: String, _ presence: Presence = .optional) -> Self {
        Self(name: name, kind: .choice, required: presence == .required)
    }
    static func date(_ name: String, _ presence: Presence = .optional) -> Self {
        Self(name: name, kind: .date, required: presence == .required)
    }
    static func number(
        _ name: String, _ presence: Presence = .optional, range: ClosedRange<Double>, above: Double? = nil
    ) -> Self {
        Self(name: name, kind: .number(range: range, above: above), required: presence == .required)
    }
    static func wholeNumber(_ name: String, minimum: Int) -> Self {
        Self(name: name, kind: .wholeNumber(minimum: minimum), required: false)
    }
    static func factorLevels(_ name: String) -> Self { Self(name: name, kind: .factorLevels, required: true) }
    static func levels(_ name: String) -> Self { Self(name: name, kind: .levels, required: true) }
    static func datedHours(_ name: String) -> Self { Self(name: name, kind: .datedHours, required: false) }

    /// Every record's provenance: source, as_of and confidence, all required.
    static let sourceRef: [Self] = [
        .text("source", .required), .date("as_of", .required), .choice("confidence", .required),
    ]
    /// A statutory hours basis, turning a day or month figure into an hourly one.
    static let statutoryHours: [Self] = [
        .number("hours_per_day", range: 0...24, above: 0), .number("days_per_month", range: 0...31, above: 0),
        .number("hours_per_week", range: 0...168, above: 0), .number("hours_per_month", range: 0...744, above: 0),
    ]
    /// A tiered floor's tier: the worker field, the tier's name and its rank, stated together.
    static let floorTier: [Self] = [.choice("tier_by"), .text("tier"), .wholeNumber("tier_rank", minimum: 1)]
}
