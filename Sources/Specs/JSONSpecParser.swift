import WorkModel

/// Parses one JSON document into a `SpecNode` with line and column positions. JSON Lines
/// batches go through here instead of the YAML composer: same tree, same diagnostics, a
/// fraction of the work.
struct JSONSpecParser {
    private let bytes: [UInt8]
    private var index = 0
    private var line: Int
    private var lineStart = 0
    private let file: String
    private var depth = 0
    static let maximumDepth = 64

    init(_ text: String, file: String, lineOffset: Int) {
        self.bytes = Array(text.utf8)
        self.file = file
        self.line = 1 + lineOffset
    }

    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    mutating func parseDocument() throws(Failure) -> SpecNode? {
        skipWhitespace()
        if index == bytes.count { return nil }
        let node = try value()
        skipWhitespace()
        if index < bytes.count { throw fail("unexpected text after the JSON value") }
        return node
    }

    private var location: SourceLocation { SourceLocation(line: line, column: index - lineStart + 1) }

    private func fail(_ message: String) -> Failure {
        Failure(
            diagnostic: Diagnostic(file: file, location: location, field: "", message: "not valid JSON: \(message)"))
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func value() throws(Failure) -> SpecNode {
        skipWhitespace()
        guard index < bytes.count else { throw fail("the document ends where a value was expected") }
        let start = location
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(start)
        case UInt8(ascii: "["): return try array(start)
        case UInt8(ascii: "\""): return .scalar(try string(), quoted: true, start)
        default: return .scalar(try bare(), quoted: false, start)
        }
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.maximumDepth { throw fail("nested deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func object(_ start: SourceLocation) throws(Failure) -> SpecNode {
        try enter()
        index += 1
        var entries: [SpecNode.Entry] = []
        var seen: Set<String> = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .mapping(entries, start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw fail("expected a quoted field name")
            }
            let keyLocation = location
            let key = try string()
            if !seen.insert(key).inserted {
                throw Failure(
                    diagnostic: Diagnostic(
                        file: file, location: keyLocation, field: key,
                        message: "duplicate key; each field may appear once"))
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw fail("expected ':' after the field name")
            }
            index += 1
            entries.append(SpecNode.Entry(key: key, keyLocation: keyLocation, value: try value()))
            skipWhitespace()
            guard index < bytes.count else { throw fail("the object is not closed") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
            index += 1
            depth -= 1
            return .mapping(entries, start)
        }
    }

    private mutating func array(_ start: SourceLocation) throws(Failure) -> SpecNode {
        try enter()
        index += 1
        var items: [SpecNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .sequence(items, start)
        }
        while true {
            items.append(try value())
            skipWhitespace()
            guard index < bytes.count else { throw fail("the list is not closed") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
            index += 1
            depth -= 1
            return .sequence(items, start)
        }
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        var scalars: [UInt8] = []
        var plainStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text: String
                if scalars.isEmpty {
                    text = String(decoding: bytes[plainStart..<index], as: UTF8.self)
                } else {
                    scalars.append(contentsOf: bytes[plainStart..<index])
                    text = String(decoding: scalars, as: UTF8.self)
                }
                index += 1
                return text
            }
            if byte < 0x20 { throw fail("control character inside a string") }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: bytes[plainStart..<index])
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"),
                            bytes[index + 2] == UInt8(ascii: "u")
                        else {
                            throw fail("unpaired surrogate in \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate in \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(code) {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw fail("unknown escape '\\\(Character(Unicode.Scalar(bytes[index])))'")
                }
                index += 1
                plainStart = index
                continue
            }
            index += 1
        }
        throw fail("the string is not closed")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 < bytes.count else { throw fail("short \\u escape") }
        var value: UInt32 = 0
        for offset in 1...4 {
            let byte = bytes[index + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value * 16 + digit
        }
        index += 4
        return value
    }

    /// Numbers, true, false and null, kept as their text like YAML plain scalars.
    private mutating func bare() throws(Failure) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isToken =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "E")
            if !isToken { break }
            index += 1
        }
        let token = String(decoding: bytes[start..<index], as: UTF8.self)
        if token == "true" || token == "false" || token == "null" { return token }
        if !token.isEmpty, FieldReader.parseNumber(token) != nil, !token.contains("_") { return token }
        index = start
        throw fail(token.isEmpty ? "unexpected character" : "'\(token)' is not a JSON value")
    }
}
