/// One reviewer's answer on one item, in Wagefile's canonical form (`wagefile.judgment/v1`,
/// one JSON object per line; see docs/SIGNAL.md and docs/schema/judgment-v1.json).
///
/// The importers for Label Studio, Argilla and CSV exports all end here. The fast readers for
/// large JSON Lines and CSV files skip this type and intern bytes directly.
public struct Judgment: Sendable, Hashable {
    /// The item (task, unit) judged, by its id.
    public var item: String
    /// Who judged: the reviewer's id as text.
    public var reviewer: String
    /// `nil` is a judgment that was opened but not answered; every statistic ignores it.
    public var value: JudgmentValue?
    /// Seconds since 1970-01-01T00:00:00Z, when the export has a time.
    public var time: Int64?
    /// The rubric criterion or question the value answers, when a tool exports several.
    public var rubric: String?
    /// The known right answer for the item, when it is a gold item.
    public var gold: JudgmentValue?
    /// For a pairwise preference: the two options compared; `value` is then `a`, `b` or `tie`.
    public var optionA: String?
    /// The second option of a pairwise preference (`b`); nil for other judgments.
    public var optionB: String?

    /// A judgment; only item, reviewer and value are required.
    public init(
        item: String, reviewer: String, value: JudgmentValue?, time: Int64? = nil, rubric: String? = nil,
        gold: JudgmentValue? = nil, optionA: String? = nil, optionB: String? = nil
    ) {
        self.item = item
        self.reviewer = reviewer
        self.value = value
        self.time = time
        self.rubric = rubric
        self.gold = gold
        self.optionA = optionA
        self.optionB = optionB
    }
}

/// A judged value: a label, or a number (an ordinal or numeric score). Pairwise choices are
/// the labels `a`, `b` and `tie`. A label that reads as a number is the number: `"3"`, `3` and
/// `3.0` are one value at every level, as they would be in a spreadsheet.
public enum JudgmentValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A label, compared as exact text.
    case label(String)
    /// A finite number: a score or an ordinal or numeric level.
    case number(Double)

    /// Reads the text of a value the way every reader does: finite numbers become numbers.
    public init(text: String) {
        if let number = NumberText.parse(text) {
            self = .number(number)
        } else {
            self = .label(text)
        }
    }

    /// The number, or nil for a label.
    public var number: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The label's text, or the number in its shortest form (whole numbers without `.0`).
    public var description: String {
        switch self {
        case .label(let text): return text
        case .number(let n): return NumberText.format(n)
        }
    }

    /// Numbers before labels, numbers by value, labels by text.
    public static func < (lhs: JudgmentValue, rhs: JudgmentValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return a < b
        case (.number, .label): return true
        case (.label, .number): return false
        case (.label(let a), .label(let b)): return a < b
        }
    }
}

/// The choice in a pairwise preference judgment.
public enum PairChoice: String, Sendable, CaseIterable {
    /// `a`: the first option preferred; `b`: the second; `tie`: neither.
    case a, b, tie
}

/// Locale-free number reading and writing for values.
///
/// SAFETY: `parse(_:_:)` loads single bytes at offsets below `n`, the length of the field the scanner
/// found inside the mapped input.
enum NumberText {
    /// A finite JSON-style number (optionally with a leading `+`), or nil.
    static func parse(_ text: String) -> Double? {
        withBytes(of: text) { parse($0, $1) }
    }

    static func parse(_ p: UnsafeRawPointer, _ n: Int) -> Double? {
        guard n > 0, n < 64 else { return nil }
        var i = 0
        let first = p.load(as: UInt8.self)
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { i = 1 }
        var digits = 0
        var sawDot = false
        var sawExponent = false
        while i < n {
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."):
                if sawDot || sawExponent { return nil }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if sawExponent || digits == 0 { return nil }
                sawExponent = true
                if i + 1 < n {
                    let sign = p.load(fromByteOffset: i + 1, as: UInt8.self)
                    if sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { i += 1 }
                }
            default: return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        let last = p.load(fromByteOffset: n - 1, as: UInt8.self)
        guard last >= UInt8(ascii: "0") && last <= UInt8(ascii: "9") || last == UInt8(ascii: ".") else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self)
        guard let value = Double(first == UInt8(ascii: "+") ? String(text.dropFirst()) : text), value.isFinite else {
            return nil
        }
        return value
    }

    /// The shortest text that reads back as the same number; whole numbers without `.0`.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
