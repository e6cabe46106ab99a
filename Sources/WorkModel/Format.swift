/// Number formatting shared by renderers and derivation strings. Kept free of Foundation's
/// locale machinery so output is identical on every machine.
public enum Format {
    /// Rounds half away from zero to `places` decimals.
    public static func round(_ value: Double, places: Int) -> Double {
        guard value.isFinite else { return value }
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// Shortest readable form: integers without decimals, otherwise up to `maxPlaces` decimals
    /// with trailing zeros dropped.
    public static func number(_ value: Double, maxPlaces: Int = 4) -> String {
        guard value.isFinite else { return String(describing: value) }
        let rounded = round(value, places: maxPlaces)
        if rounded == rounded.rounded() && abs(rounded) < 1e15 {
            return String(Int64(rounded))
        }
        var text = fixed(rounded, places: maxPlaces)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Fixed decimals without grouping: `fixed(3.14159, places: 2) == "3.14"`.
    public static func fixed(_ value: Double, places: Int) -> String {
        // Past 1e15 the digits are meaningless for pay and Int64 would overflow: show the exponent.
        guard value.isFinite, abs(value) < 1e15 else { return String(describing: value) }
        let negative = value < 0
        let rounded = round(abs(value), places: places)
        var scale: Double = 1
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = (rounded * scale).rounded()
        let whole = (scaled / scale).rounded(.towardZero)
        let fraction = Int64(scaled - whole * scale)
        var text = String(Int64(whole))
        if places > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, places - digits.count)) + digits
        }
        return (negative && scaled != 0 ? "-" : "") + text
    }

    /// Money with thousands separators: `money(85000, places: 0) == "85,000"`.
    public static func money(_ value: Double, places: Int = 2) -> String {
        let text = fixed(value, places: places)
        guard value.isFinite, abs(value) < 1e15 else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts.first.map(String.init) ?? "0")
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }

    /// Percent with one decimal: `percent(0.125) == "12.5%"`.
    /// A stated yes/no fact, or what to say when the spec leaves it out.
    public static func yesNo(_ value: Bool?, missing: String = "not stated") -> String {
        value.map { $0 ? "yes" : "no" } ?? missing
    }

    public static func percent(_ ratio: Double, places: Int = 1) -> String {
        number(ratio * 100, maxPlaces: places) + "%"
    }

    /// Text as a JSON string literal, quotes included (for documents written by hand).
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                // Control characters, the line and byte-order marks and the two noncharacters YAML
                // 1.1 readers treat as breaks or refuse: escaped, so the text is safe in JSON and in YAML alike.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
                    || scalar.value == 0xFEFF || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Escapes text for HTML element content and attribute values.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
