public import WorkModel

/// Reads typed fields out of a `SpecNode` tree and collects every problem it meets instead of
/// stopping at the first, so `wagefile check` can list them all in one run.
public struct FieldReader: Sendable {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) { self.file = file }

    public mutating func report(_ location: SourceLocation, _ field: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, location: location, field: field, message: message))
    }

    public mutating func absorb(_ others: [Diagnostic]) { diagnostics.append(contentsOf: others) }

    // MARK: Shapes

    /// The entries of a mapping, reporting keys outside `allowed` (typos are the commonest
    /// mistake in hand-written YAML).
    public mutating func mapping(
        _ node: SpecNode, path: String, allowed: [String]? = nil
    ) -> MappingView? {
        guard case .mapping(let entries, _) = node else {
            report(node.location, path, "expected a mapping of fields, found \(node.shape)")
            return nil
        }
        if let allowed {
            for entry in entries where !allowed.contains(entry.key) {
                let hint = Self.closest(entry.key, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                report(
                    entry.keyLocation, join(path, entry.key),
                    "unknown field\(hint) (allowed: \(allowed.joined(separator: ", ")))")
            }
        }
        return MappingView(path: path, location: node.location, entries: entries)
    }

    public mutating func list(_ node: SpecNode, path: String) -> [SpecNode]? {
        guard case .sequence(let items, _) = node else {
            report(node.location, path, "expected a list, found \(node.shape)")
            return nil
        }
        return items
    }

    // MARK: Scalars

    public mutating func string(_ view: MappingView, _ key: String, required: Bool = false) -> String? {
        guard let node = view.value(key) else {
            if required { report(view.location, view.path(key), "required field is missing") }
            return nil
        }
        return string(node, path: view.path(key), required: required)
    }

    public mutating func string(_ node: SpecNode, path: String, required: Bool = false) -> String? {
        if node.isNull {
            if required { report(node.location, path, "required field is empty") }
            return nil
        }
        guard case .scalar(let text, _, _) = node else {
            report(node.location, path, "expected text, found \(node.shape)")
            return nil
        }
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty && required {
            report(node.location, path, "required field is empty")
            return nil
        }
        return trimmed
    }

    public mutating func number(
        _ view: MappingView, _ key: String, required: Bool = false, range: ClosedRange<Double>? = nil,
        exclusiveMinimum: Double? = nil
    ) -> Double? {
        guard let node = view.value(key), !node.isNull else {
            if required { report(view.location, view.path(key), "required field is missing") }
            return nil
        }
        let path = view.path(key)
        guard case .scalar(let text, let quoted, _) = node, !quoted,
            let value = Self.parseNumber(text)
        else {
            report(node.location, path, "expected a number, found \(node.shape)")
            return nil
        }
        if let range, !range.contains(value) {
            report(
                node.location, path,
                "expected a number from \(Format.number(range.lowerBound)) to \(Format.number(range.upperBound)), found \(Format.number(value))"
            )
            return nil
        }
        if let exclusiveMinimum, value <= exclusiveMinimum {
            report(
                node.location, path,
                "expected a number above \(Format.number(exclusiveMinimum)), found \(Format.number(value))")
            return nil
        }
        return value
    }

    public mutating func integer(_ view: MappingView, _ key: String, minimum: Int = 0) -> Int? {
        guard let value = number(view, key) else { return nil }
        let path = view.path(key)
        let location = view.value(key)?.location ?? view.location
        guard value == value.rounded(), value >= Double(minimum), value < 1e12 else {
            report(location, path, "expected a whole number of at least \(minimum), found \(Format.number(value))")
            return nil
        }
        return Int(value)
    }

    public mutating func bool(_ view: MappingView, _ key: String) -> Bool? {
        guard let node = view.value(key), !node.isNull else { return nil }
        guard case .scalar(let text, false, _) = node else {
            report(node.location, view.path(key), "expected true or false, found \(node.shape)")
            return nil
        }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes": return true
        case "false", "False", "FALSE", "no", "No": return false
        default:
            report(node.location, view.path(key), "expected true or false, found '\(text)'")
            return nil
        }
    }

    /// A value from a fixed set, with the allowed values named in the message when it is not.
    public mutating func choice(
        _ view: MappingView, _ key: String, from allowed: [String], required: Bool = false
    ) -> String? {
        guard let text = string(view, key, required: required) else { return nil }
        return check(text, at: view.value(key)?.location ?? view.location, path: view.path(key), from: allowed)
    }

    public mutating func check(_ text: String, at location: SourceLocation, path: String, from allowed: [String])
        -> String?
    {
        if allowed.contains(text) { return text }
        let hint = Self.closest(text, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
        report(location, path, "'\(text)' is not one of: \(allowed.joined(separator: ", "))\(hint)")
        return nil
    }

    public mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ view: MappingView, _ key: String, as type: E.Type, required: Bool = false
    ) -> E? where E.RawValue == String {
        choice(view, key, from: E.allCases.map(\.rawValue), required: required).flatMap(E.init(rawValue:))
    }

    public mutating func strings(_ view: MappingView, _ key: String) -> [String] {
        stringItems(view, key).map(\.value)
    }

    /// A list of strings (or one string alone) with each item's position and path, for callers
    /// that check the items and must report a bad one where it stands.
    public mutating func stringItems(_ view: MappingView, _ key: String) -> [(
        value: String, location: SourceLocation, path: String
    )] {
        guard let node = view.value(key), !node.isNull else { return [] }
        let path = view.path(key)
        if case .scalar = node { return string(node, path: path).map { [($0, node.location, path)] } ?? [] }
        guard let items = list(node, path: path) else { return [] }
        return items.enumerated().compactMap { index, item in
            let itemPath = "\(path)[\(index)]"
            return string(item, path: itemPath, required: true).map { ($0, item.location, itemPath) }
        }
    }

    // MARK: Helpers

    public func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// YAML numbers as a person writes them: `55`, `12.5`, `85_000`, `1e3`. No hex, no infinity.
    public static func parseNumber(_ text: String) -> Double? {
        let cleaned = text.replacingUnderscores()
        guard !cleaned.isEmpty, cleaned.count < 40,
            cleaned.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }),
            let value = Double(cleaned), value.isFinite
        else { return nil }
        return value
    }

    /// The allowed value nearest to a typo, if any is close enough to be a useful hint.
    public static func closest(_ text: String, in allowed: [String]) -> String? {
        let lowered = text.lowercased()
        var best: (String, Int)?
        for candidate in allowed {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= max(2, candidate.count / 4), best.map({ distance < $0.1 }) ?? true {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > 8 { return abs(a.count - b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A mapping's entries with its path, for keyed look-ups.
public struct MappingView: Sendable {
    public let path: String
    public let location: SourceLocation
    public let entries: [SpecNode.Entry]

    public func value(_ key: String) -> SpecNode? { entries.first { $0.key == key }?.value }
    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }
    public func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    public func location(of key: String) -> SourceLocation { value(key)?.location ?? location }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
