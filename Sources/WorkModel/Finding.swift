/// How much a finding matters. `blocking` findings make `wagefile price` exit 1: the file
/// should not be approved until they are resolved or an exception is recorded.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, blocking

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .blocking: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Something a reviewer of the decision file must see: which rule fired, why, on what
/// evidence, and what would fix it.
public struct Finding: Sendable, Hashable, Codable {
    public var severity: Severity
    public var rule: String
    public var message: String
    public var evidence: [String]
    public var fix: String?

    public init(severity: Severity, rule: String, message: String, evidence: [String], fix: String? = nil) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.evidence = evidence
        self.fix = fix
    }
}
