/// The multiset of pairable units' value patterns: a unit's pattern is its distinct value
/// codes with their counts. Units with the same pattern contribute the same coincidences, and
/// real data has few patterns (five judges over five categories: at most 126), so a bootstrap
/// over units can resample patterns instead of millions of units.
///
/// SAFETY: pattern keys are written as `Int32` words with `withUnsafeBytes` of a local array and read
/// back with unaligned loads inside the key's length (`pattern(_:)`).
struct UnitPatterns: Sendable {
    private var table = ByteInterner(expectedCount: 256)
    private(set) var multiplicity: [Double] = []
    private var scratch: [Int32] = []

    var count: Int { multiplicity.count }

    /// Adds `times` units by their histogram word (see `UnitTally`): byte c is how many of
    /// their values have code c.
    mutating func add(histogram key: UInt64, times: Double) {
        var codes: [Int32] = [], counts: [Int32] = []
        for c in 0..<8 where (key >> UInt64(8 * c)) & 0xFF != 0 {
            codes.append(Int32(c))
            counts.append(Int32((key >> UInt64(8 * c)) & 0xFF))
        }
        codes.withUnsafeBufferPointer { c in
            counts.withUnsafeBufferPointer { n in add(codes: c, counts: n, times: times) }
        }
    }

    mutating func add(codes: UnsafeBufferPointer<Int32>, counts: UnsafeBufferPointer<Int32>, times: Double = 1) {
        scratch.removeAll(keepingCapacity: true)
        for i in 0..<codes.count {
            scratch.append(codes[i])
            scratch.append(counts[i])
        }
        let id = scratch.withUnsafeBytes { table.intern($0) }
        if Int(id) == multiplicity.count { multiplicity.append(0) }
        multiplicity[Int(id)] += times
    }

    /// Adds one unit given its first `runs` distinct codes and counts; returns the pattern id.
    @discardableResult
    mutating func add(codes: [Int32], counts: [Int32], runs: Int) -> Int32 {
        scratch.removeAll(keepingCapacity: true)
        for i in 0..<runs {
            scratch.append(codes[i])
            scratch.append(counts[i])
        }
        let id = scratch.withUnsafeBytes { table.intern($0) }
        if Int(id) == multiplicity.count { multiplicity.append(0) }
        multiplicity[Int(id)] += 1
        return id
    }

    /// The pattern `id` as (codes, counts).
    func pattern(_ id: Int) -> (codes: [Int32], counts: [Int32]) {
        table.withKey(Int32(id)) { bytes in
            // Keys sit back to back in the interner's byte arena, so a key's Int32 words need
            // not be 4-byte aligned: they are read with unaligned loads, never bound as Int32.
            let stride = MemoryLayout<Int32>.size
            var codes: [Int32] = [], counts: [Int32] = []
            var offset = 0
            while offset + 2 * stride <= bytes.count {
                codes.append(bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                counts.append(bytes.loadUnaligned(fromByteOffset: offset + stride, as: Int32.self))
                offset += 2 * stride
            }
            return (codes, counts)
        }
    }

    mutating func merge(_ other: UnitPatterns) {
        if !isKnownUniquelyReferenced(&table) { table = table.copy() }
        for id in 0..<other.count {
            let (codes, counts) = other.pattern(id)
            codes.withUnsafeBufferPointer { c in
                counts.withUnsafeBufferPointer { n in add(codes: c, counts: n, times: other.multiplicity[id]) }
            }
        }
    }
}

extension ByteInterner {
    /// An independent copy (patterns are merged into a copy, never into a shared table).
    func copy() -> ByteInterner {
        let copy = ByteInterner(expectedCount: max(16, count))
        for id in 0..<count { withKey(Int32(id)) { _ = copy.intern($0) } }
        return copy
    }
}
