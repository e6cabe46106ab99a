import Foundation
public import WorkModel

/// A gold set: JSON Lines `{"item": ..., "value": ...}` (or `gold`/`label` for the value), or
/// CSV with a header naming `item` and `value`, `gold` or `label`.
///
/// SAFETY: reads `bytes` only through bounded slices, inside the call.
public enum GoldFile {
    public static func read(_ bytes: UnsafeRawBufferPointer, file: String) throws(InputError) -> [(
        item: String, value: JudgmentValue
    )] {
        var answers: [(String, JudgmentValue)] = []
        var problems: [Diagnostic] = []
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        let isCSV = file.lowercased().hasSuffix(".csv")
        var columns: (item: Int, value: Int)?
        for (index, raw) in lines.enumerated() {
            let line = index + 1
            var text = String(decoding: raw, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            func fail(_ field: String, _ message: String) {
                if problems.count < 50 {
                    problems.append(
                        Diagnostic(
                            file: file, location: SourceLocation(line: line, column: 1), field: field, message: message)
                    )
                }
            }
            if isCSV {
                let cells = CSVText.split(text)
                guard let (itemColumn, valueColumn) = columns else {
                    let lowered = cells.map { $0.lowercased() }
                    guard let i = lowered.firstIndex(of: "item"),
                        let v = lowered.firstIndex(where: { ["value", "gold", "label"].contains($0) })
                    else {
                        fail("", "expected a header with item and value (or gold, label) columns")
                        break
                    }
                    columns = (i, v)
                    continue
                }
                guard cells.count > max(itemColumn, valueColumn), !cells[itemColumn].isEmpty,
                    !cells[valueColumn].isEmpty
                else {
                    fail("value", "expected an item and its gold value")
                    continue
                }
                answers.append((cells[itemColumn], JudgmentValue(text: cells[valueColumn])))
            } else {
                guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
                    fail("", "expected a JSON object {\"item\": ..., \"value\": ...}")
                    continue
                }
                guard let item = idText(object["item"]) else {
                    fail("item", "expected an item id")
                    continue
                }
                guard let value = valueOf(object["value"] ?? object["gold"] ?? object["label"]) else {
                    fail("value", "expected the gold value")
                    continue
                }
                answers.append((item, value))
            }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return answers
    }
}

extension CSVText {
    /// Splits one CSV line (RFC 4180 quotes; no newlines inside cells).
    public static func split(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pendingQuote = false
        while let c = iterator.next() {
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if c == "\"" {
                        current.append("\"")
                        continue
                    }
                    quoted = false
                } else if c == "\"" {
                    pendingQuote = true
                    continue
                } else {
                    current.append(c)
                    continue
                }
            }
            if c == "\"" && current.isEmpty {
                quoted = true
            } else if c == "," {
                cells.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        cells.append(current)
        return cells
    }
}
