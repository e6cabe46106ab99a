import WorkModel

/// A pay range around a midpoint. Range spread is stated against the minimum,
/// spread = (max - min) / min, so min = mid / (1 + spread / 2) and max = min x (1 + spread).
public struct PayBand: Sendable, Hashable, Codable {
    public var min: Double
    public var mid: Double
    public var max: Double

    public init(min: Double, mid: Double, max: Double) {
        self.min = min
        self.mid = mid
        self.max = max
    }

    public init(midpoint: Double, rangeSpread: Double) {
        let minimum = midpoint / (1 + rangeSpread / 2)
        self.init(min: minimum, mid: midpoint, max: minimum * (1 + rangeSpread))
    }

    public func scaled(by factor: Double) -> PayBand {
        PayBand(min: min * factor, mid: mid * factor, max: max * factor)
    }

    public var rangeSpread: Double { min > 0 ? (max - min) / min : 0 }

    /// pay / midpoint.
    public func compaRatio(_ pay: Double) -> Double { mid > 0 ? pay / mid : 0 }

    /// (pay - min) / (max - min): 0 at the minimum, 1 at the maximum, outside 0...1 when outside the band.
    public func rangePenetration(_ pay: Double) -> Double { max > min ? (pay - min) / (max - min) : 0 }

    public func circle(_ pay: Double) -> Circle {
        // Compare at cent precision so a pay equal to the displayed minimum is not flagged.
        let cents = (pay * 100).rounded()
        if cents < (min * 100).rounded() { return .green }
        if cents > (max * 100).rounded() { return .red }
        return .inRange
    }
}

/// Red circle: paid above the band maximum. Green circle: paid below the band minimum.
public enum Circle: String, Sendable, Hashable, Codable {
    case green, red
    case inRange = "in-range"
}
