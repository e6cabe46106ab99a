/// A line-by-line difference between two spec versions, as a reviewer reads it.
package struct LineDiff: Sendable, Codable, Equatable {
    package enum Kind: String, Sendable, Codable { case same, added, removed }

    package struct Line: Sendable, Codable, Equatable {
        package var kind: Kind
        package var text: String
        /// Line number in the old text (same and removed lines).
        package var oldLine: Int?
        /// Line number in the new text (same and added lines).
        package var newLine: Int?
    }

    package var lines: [Line]
    package var added: Int { lines.filter { $0.kind == .added }.count }
    package var removed: Int { lines.filter { $0.kind == .removed }.count }

    /// Longest common subsequence over lines. Specs are a few hundred lines, so the
    /// quadratic table is small; inputs beyond 5,000 lines each are compared as wholes.
    package init(old: String, new: String) {
        let a = LineDiff.lines(of: old)
        let b = LineDiff.lines(of: new)
        guard a.count <= 5000, b.count <= 5000 else {
            lines =
                a.enumerated().map { Line(kind: .removed, text: $1, oldLine: $0 + 1, newLine: nil) }
                + b.enumerated().map { Line(kind: .added, text: $1, oldLine: nil, newLine: $0 + 1) }
            return
        }
        let n = a.count, m = b.count
        // lengths[i][j]: LCS of a[i...] and b[j...], flattened.
        var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i * (m + 1) + j] =
                    a[i] == b[j]
                    ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                    : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
            }
        }
        var result: [Line] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                result.append(Line(kind: .same, text: a[i], oldLine: i + 1, newLine: j + 1))
                i += 1
                j += 1
            } else if i < n, j == m || lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1] {
                // Removals before additions, as reviewers expect to read a replaced line.
                result.append(Line(kind: .removed, text: a[i], oldLine: i + 1, newLine: nil))
                i += 1
            } else {
                result.append(Line(kind: .added, text: b[j], oldLine: nil, newLine: j + 1))
                j += 1
            }
        }
        lines = result
    }

    /// The lines of a text; an empty text has none (not one empty line).
    static func lines(of text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The unified-diff text (`-`, `+`, and a space for context), without hunk headers.
    package var unified: String {
        lines.map { line in
            switch line.kind {
            case .same: " " + line.text
            case .added: "+" + line.text
            case .removed: "-" + line.text
            }
        }.joined(separator: "\n")
    }
}
