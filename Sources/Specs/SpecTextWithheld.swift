import Foundation
import WorkModel

/// Spec text as a reader who may not see individual pay receives it: the `internal_candidates`
/// block (named people, their titles, pay and evidence) is replaced by a visible comment, and
/// any other mention of a candidate's name (a comment, a free-text field) becomes `[withheld]`.
///
/// It fails closed: text it cannot take apart safely (unreadable, or a candidates block that
/// shares its lines with other fields, as in a one-line flow mapping) is withheld whole.
public enum SpecTextWithheld {
    public static let key = "internal_candidates"
    static let nameMark = "[withheld]"

    public static func text(_ text: String) -> String {
        guard mentionsCandidates(text) else { return text }
        guard let root = try? SpecDocument.parse(text, file: "spec"), case .mapping(let entries, _) = root else {
            return wholeTextWithheld
        }
        guard let entry = entries.first(where: { $0.key == key }) else { return text }
        let names = candidateNames(entry.value)
        let isJSON = text.utf8.first(where: { !Self.isSpace($0) }) == UInt8(ascii: "{")
        let withoutBlock =
            isJSON
            ? jsonWithoutCandidates(text, notice: notice(entry.value))
            : yamlWithoutCandidates(text, entry: entry, others: entries, notice: notice(entry.value))
        guard let withoutBlock else { return wholeTextWithheld }
        let scrubbed = names.reduce(withoutBlock) { text, name in
            text.replacingOccurrences(of: name, with: nameMark, options: [.caseInsensitive])
        }
        // The result must still read as a spec without candidates; anything else is withheld whole.
        guard let check = try? SpecDocument.parse(scrubbed, file: "spec"), case .mapping(let after, _) = check,
            !after.contains(where: { $0.key == key && !isNotice($0.value) })
        else { return wholeTextWithheld }
        return scrubbed
    }

    public static let wholeTextWithheld =
        "# This spec names internal candidates with their pay; its text is withheld from your role.\n# Individual pay is shown to the admin and compensation roles only.\n"

    /// A cheap first look: most specs name no candidates and are returned as they are.
    static func mentionsCandidates(_ text: String) -> Bool { text.contains(key) }

    static func notice(_ value: SpecNode) -> String {
        let count: Int
        if case .sequence(let items, _) = value { count = items.count } else { count = 0 }
        let people = count == 1 ? "1 named person" : "\(count) named people"
        return
            "withheld: \(people) with their pay and evidence (individual pay is shown to the admin and compensation roles only)"
    }

    static func isNotice(_ node: SpecNode) -> Bool {
        if case .scalar(let text, _, _) = node { return text.hasPrefix("withheld:") }
        return false
    }

    /// Every candidate's name, longest first so a full name is replaced before a part of it.
    static func candidateNames(_ value: SpecNode) -> [String] {
        guard case .sequence(let items, _) = value else { return [] }
        let names = items.compactMap { item -> String? in
            guard case .mapping(let fields, _) = item, let name = fields.first(where: { $0.key == "name" }),
                case .scalar(let text, _, _) = name.value
            else { return nil }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.count >= 2 ? trimmed : nil
        }
        return Set(names).sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The lines from the candidates key up to the next top-level key become one comment line.
    static func yamlWithoutCandidates(_ text: String, entry: SpecNode.Entry, others: [SpecNode.Entry], notice: String)
        -> String?
    {
        let first = entry.keyLocation.line
        guard !others.contains(where: { $0.key != key && $0.keyLocation.line == first }) else { return nil }
        let next = others.map(\.keyLocation.line).filter { $0 > first }.min()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard first >= 1, first <= lines.count else { return nil }
        var last = (next.map { $0 - 1 } ?? lines.count)
        // Blank lines and top-level comments just above the next key belong to it.
        while last > first, let line = lines[safe: last - 1], line.isEmpty || line.hasPrefix("#") { last -= 1 }
        lines.replaceSubrange((first - 1)..<last, with: ["# \(key): \(notice)"])
        return lines.joined(separator: "\n")
    }

    /// JSON has no comments: the value becomes the notice, and the document is written anew.
    static func jsonWithoutCandidates(_ text: String, notice: String) -> String? {
        guard let data = text.data(using: .utf8),
            var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        object[key] = notice
        guard
            let out = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: out, as: UTF8.self) + "\n"
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
