public import WorkModel
import Yams

/// A parsed YAML (or JSON) document with the position of every node, independent of the YAML
/// library so readers can be written and tested against plain values.
public indirect enum SpecNode: Sendable, Hashable {
    case scalar(String, quoted: Bool, SourceLocation)
    case mapping([Entry], SourceLocation)
    case sequence([SpecNode], SourceLocation)

    public struct Entry: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SpecNode
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let location), .mapping(_, let location), .sequence(_, let location): location
        }
    }

    /// A plain `~`, `null` or empty scalar: YAML's way of writing "no value".
    public var isNull: Bool {
        if case .scalar(let text, false, _) = self {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// Short description of the node's shape for "expected X, found Y" messages.
    public var shape: String {
        switch self {
        case .scalar(let text, _, _):
            isNull ? "nothing" : "'\(text.count > 40 ? String(text.prefix(40)) + "..." : text)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// Parses YAML text into a `SpecNode`, turning parser errors into diagnostics with the
/// position the parser reported.
public enum SpecDocument {
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws(InputError) -> SpecNode? {
        // A document that starts with '{' is JSON (a JSON Lines record or a .json spec).
        if text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "{") {
            var parser = JSONSpecParser(text, file: file, lineOffset: lineOffset)
            do {
                return try parser.parseDocument()
            } catch {
                // YAML flow mappings ({id: a, ...}) also start with '{'. Report the JSON
                // problem only when the text is not valid YAML either.
                if let node = try? parseYAML(text, file: file, lineOffset: lineOffset) { return node }
                throw InputError([error.diagnostic])
            }
        }
        return try parseYAML(text, file: file, lineOffset: lineOffset)
    }

    private static func parseYAML(_ text: String, file: String, lineOffset: Int) throws(InputError) -> SpecNode? {
        do {
            // The basic resolver leaves every scalar as text (the readers type them, with better
            // errors), and a fixed encoding stops Yams reading the environment on every parse.
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            guard let root = try parser.singleRoot() else { return nil }
            // Nodes hold their anchors weakly; the parser's anchor table keeps them alive, so
            // the parser must outlive the conversion for the anchor check to see them.
            return try withExtendedLifetime(parser) { try convert(root, lineOffset: lineOffset) }
        } catch let error as InputError {
            throw error.inFile(file)
        } catch let error as YamlError {
            throw InputError([diagnostic(for: error, file: file, lineOffset: lineOffset)])
        } catch {
            throw InputError([
                Diagnostic(
                    file: file, location: SourceLocation(line: 1 + lineOffset, column: 1), field: "",
                    message: "could not read the document: \(error)")
            ])
        }
    }

    private static func position(_ mark: Mark?, lineOffset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(line: 1 + lineOffset, column: 1) }
        return SourceLocation(line: mark.line + lineOffset, column: mark.column)
    }

    private static func convert(_ node: Node, lineOffset: Int) throws -> SpecNode {
        let location = position(node.mark, lineOffset: lineOffset)
        // Yams expands aliases while composing; an anchor is always met before its aliases, so
        // refusing anchors refuses aliases too, before any expanded copy is walked.
        if node.anchor != nil {
            throw InputError([
                Diagnostic(
                    file: "", location: location, field: "",
                    message: "YAML anchors and aliases are not supported in specs")
            ])
        }
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any, location)
        case .sequence(let sequence):
            return .sequence(try sequence.map { try convert($0, lineOffset: lineOffset) }, location)
        case .mapping(let mapping):
            var entries: [SpecNode.Entry] = []
            var seen: Set<String> = []
            var duplicates: [Diagnostic] = []
            for (key, value) in mapping {
                let keyLocation = position(key.mark, lineOffset: lineOffset)
                guard case .scalar(let keyScalar) = key else {
                    throw InputError([
                        Diagnostic(
                            file: "", location: keyLocation, field: "",
                            message: "mapping keys must be plain text")
                    ])
                }
                if !seen.insert(keyScalar.string).inserted {
                    duplicates.append(
                        Diagnostic(
                            file: "", location: keyLocation, field: keyScalar.string,
                            message: "duplicate key; each field may appear once"))
                }
                entries.append(
                    SpecNode.Entry(
                        key: keyScalar.string, keyLocation: keyLocation,
                        value: try convert(value, lineOffset: lineOffset)))
            }
            if !duplicates.isEmpty { throw InputError(duplicates) }
            return .mapping(entries, location)
        case .alias:
            throw InputError([
                Diagnostic(file: "", location: location, field: "", message: "YAML aliases are not supported in specs")
            ])
        }
    }

    private static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text): " } ?? ""
            return Diagnostic(
                file: file, location: position(mark, lineOffset: lineOffset), field: "",
                message: "not valid YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                file: file, location: position(context.mark, lineOffset: lineOffset),
                field: duplicates.joined(separator: ", "), message: "duplicate key; each field may appear once")
        case .reader(let problem, _, _, _):
            return Diagnostic(
                file: file, location: SourceLocation(line: 1 + lineOffset, column: 1), field: "",
                message: "cannot read the text: \(problem)")
        default:
            return Diagnostic(
                file: file, location: SourceLocation(line: 1 + lineOffset, column: 1), field: "",
                message: "not valid YAML: \(error)")
        }
    }
}

extension InputError {
    /// Stamps a file name on diagnostics raised where the file was not known.
    func inFile(_ file: String) -> InputError {
        InputError(
            diagnostics.map {
                var d = $0
                if d.file.isEmpty { d.file = file }
                return d
            })
    }
}
