public import WorkModel

/// Where each member state stands in transposing the Platform Work Directive (EU) 2024/2831,
/// whose Art. 5 presumption binds a platform only through national law: a directive has no
/// direct effect between private parties, so until a state transposes it, its own rule on
/// employment status applies. Every row carries its source, as-of date and confidence.
public struct PlatformWorkTransposition: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// National measures in force; `inForceFrom` says since when.
        case transposed
        /// Known not to have transposed by the deadline.
        case notTransposed = "not-transposed"
        /// No source read here says either way.
        case unknown
    }

    public var country: String
    public var status: Status
    public var inForceFrom: CalendarDate?
    /// The national measure, when transposed.
    public var measure: String?
    /// A national presumption of employment that predates the directive, if any.
    public var existingPresumption: String?
    public var ref: SourceRef

    /// The searches of 2026-12-05 found no source naming a transposing state, so every state
    /// ships as unknown (low confidence) until checked against EUR-Lex's national transposition
    /// measures. Spain and Belgium carry the presumptions they already had.
    public static let table: [String: PlatformWorkTransposition] = {
        let members = [
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
            "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
        ]
        var rows: [String: PlatformWorkTransposition] = [:]
        for code in members {
            rows[code] = PlatformWorkTransposition(
                country: code, status: .unknown, inForceFrom: nil, measure: nil, existingPresumption: nil,
                ref: SourceRef(source: "eu-pwd-transposition", asOf: "2026-12", confidence: .low))
        }
        rows["ES"]?.existingPresumption =
            "Ley 12/2021 (Ley Rider), since 2021-08-12: employment is presumed for delivery riders managed by algorithm; other platform work is judged by the ordinary Workers' Statute test (es-ley-rider-2021, medium)"
        rows["BE"]?.existingPresumption =
            "programme law of 26 December 2022, since 2023-01-01: a rebuttable presumption of employment for platform work meeting enough of eight criteria (be-platform-presumption-2023, medium)"
        return rows
    }()

    public static func status(of country: String) -> PlatformWorkTransposition? { table[country] }
}
