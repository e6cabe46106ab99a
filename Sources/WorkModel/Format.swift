/// Number formatting shared by renderers and derivation strings. Kept free of Foundation's
/// locale machinery so output is identical on every machine.
///
/// SAFETY: `digits` writes a 40-byte temporary allocation only at indices counted down from its end, at
/// most 33 of them (see the bound in the function), and copies the bytes into a `String` before the
/// allocation ends.
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
        guard let parts = decimal(rounded, places: maxPlaces) else {
            // Past 1e15: Swift's own text for the value ("1000000000000000.0"), trailing zeros dropped.
            var text = String(describing: rounded)
            if text.contains(".") && !text.contains("e") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        // Trailing zeros dropped: 1.50 is 1.5.
        var fraction = parts.fraction, places = maxPlaces
        while places > 0 && fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        return digits(whole: parts.whole, fraction: fraction, places: places, negative: parts.negative, grouped: false)
    }

    /// Fixed decimals without grouping: `fixed(3.14159, places: 2) == "3.14"`.
    public static func fixed(_ value: Double, places: Int) -> String {
        guard let parts = decimal(value, places: places) else { return String(describing: value) }
        return digits(
            whole: parts.whole, fraction: parts.fraction, places: max(0, places), negative: parts.negative,
            grouped: false)
    }

    /// Money with thousands separators: `money(85000, places: 0) == "85,000"`.
    public static func money(_ value: Double, places: Int = 2) -> String {
        guard let parts = decimal(value, places: places) else { return String(describing: value) }
        return digits(
            whole: parts.whole, fraction: parts.fraction, places: max(0, places), negative: parts.negative,
            grouped: true)
    }

    /// `value` rounded half away from zero to `places` decimals, as whole and fraction digits;
    /// nil past 1e15 (the digits are meaningless for pay and Int64 would overflow) or when the
    /// places would not fit the buffer `digits` writes into.
    static func decimal(_ value: Double, places: Int) -> (whole: Int64, fraction: Int64, negative: Bool)? {
        guard value.isFinite, abs(value) < 1e15, places <= 12 else { return nil }
        let rounded = round(abs(value), places: places)
        var scale: Double = 1
        for _ in 0..<max(0, places) { scale *= 10 }
        // Whole and fraction split before scaling: `rounded - whole` is exact, and the fraction
        // times at most 1e12 stays well inside a Double's 53 bits, where `rounded * scale` does
        // not once the value passes about 9e15 / scale (then the low digits were noise).
        var whole = rounded.rounded(.towardZero)
        var fraction = ((rounded - whole) * scale).rounded()
        if fraction >= scale {
            whole += 1
            fraction -= scale
        }
        guard whole < 1e15 else { return nil }
        return (Int64(whole), Int64(fraction), value < 0 && (whole != 0 || fraction != 0))
    }

    /// Writes the digits back to front into a fixed buffer and makes one string of them: the
    /// wage files format hundreds of figures each, and building them from substrings and
    /// `Character`s was a seventh of the time it takes to build one.
    static func digits(whole: Int64, fraction: Int64, places: Int, negative: Bool, grouped: Bool) -> String {
        // At most 1 sign + 15 digits + 4 separators + 1 point + 12 decimals = 33 bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            // Safe: every index written is in 0..<40; `end` only moves down, at most 33 times.
            var end = buffer.count
            func put(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            if places > 0 {
                var rest = fraction
                for _ in 0..<places {
                    put(UInt8(ascii: "0") + UInt8(rest % 10))
                    rest /= 10
                }
                put(UInt8(ascii: "."))
            }
            var rest = whole, count = 0
            repeat {
                if grouped && count > 0 && count % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
                count += 1
            } while rest > 0
            if negative { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end...]), as: UTF8.self)
        }
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
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                    || scalar.value == 0x2029
                    || scalar.value == 0xFEFF || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                {
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
