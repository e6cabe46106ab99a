#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gives each distinct byte string (an item id, a reviewer id, a raw value) a dense `Int32`
/// id, without creating a Swift `String` per judgment. Ten million judgments touch this table
/// ten million times, so it is an open-addressing table over manually managed memory: no
/// bounds or uniqueness checks in the loop, keys stored once in one arena.
///
/// Keys that arrive in ascending order (the usual export, sorted by item id) skip the table:
/// `appendAscending` only compares with the last key, ids follow the order, and `find` is a
/// binary search. The first key out of order builds the table once and interning goes on
/// from there. The order is shortlex (shorter first, then bytewise), so unpadded numeric ids
/// count as ascending too.
///
/// SAFETY: not thread-safe, and `@unchecked Sendable` only so that a `JudgmentShard` (which
/// holds its interners) can cross to the worker that fills it: an interner is written only by
/// the one worker that owns its shard, and only read once reading is finished (see
/// `JudgmentShard`). The pointers below are allocated in `init`, grown by `intern` (old blocks
/// copied, then freed) and freed in `deinit`; every id handed out indexes initialised entries.
final class ByteInterner: @unchecked Sendable {
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaUsed = 0
    /// Per id: start offset in the arena, length, and the full hash (to compare cheaply).
    private var starts: UnsafeMutablePointer<Int>
    private var lengths: UnsafeMutablePointer<Int32>
    private var hashes: UnsafeMutablePointer<UInt64>
    private var idCapacity: Int
    private(set) var count = 0
    /// Slot table (`InternSlot.id` -1 when empty). Capacity is a power of two kept at most
    /// half full.
    private var slots: UnsafeMutablePointer<InternSlot>
    private var slotMask: Int
    /// True while every key so far came in strictly ascending shortlex order and the slot
    /// table (and `hashes`) have not been built.
    private(set) var isAscending = true

    init(expectedCount: Int = 64) {
        let ids = max(16, expectedCount)
        idCapacity = ids
        arenaCapacity = ids * 8
        arena = .allocate(capacity: arenaCapacity)
        starts = .allocate(capacity: ids)
        lengths = .allocate(capacity: ids)
        hashes = .allocate(capacity: ids)
        var slotCount = 32
        while slotCount < ids * 2 { slotCount <<= 1 }
        HugePages.advise(arena, count: arenaCapacity)
        HugePages.advise(starts, count: ids)
        HugePages.advise(lengths, count: ids)
        // Filled by `buildIndex` on the first `intern`: while keys come in ascending order the
        // table is never touched, so its pages are never faulted in.
        slots = .allocate(capacity: slotCount)
        slotMask = slotCount - 1
    }

    deinit {
        arena.deallocate()
        starts.deallocate()
        lengths.deallocate()
        hashes.deallocate()
        slots.deallocate()
    }

    /// A fast hash of short keys, a 64-bit word at a time (ids are mostly 4 to 16 bytes).
    @inline(__always)
    static func hash(_ key: UnsafeRawPointer, _ length: Int) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: length)
        var p = key
        var remaining = length
        while remaining >= 8 {
            let word = p.loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h = (h << 31) | (h >> 33)
            p += 8
            remaining -= 8
        }
        if remaining > 0 {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            for i in 0..<remaining {
                tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
            }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeRawPointer, _ length: Int) -> Bool {
        guard Int(lengths[id]) == length else { return false }
        let stored = UnsafeRawPointer(arena + starts[id])
        var i = 0
        while i + 8 <= length {
            if stored.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != key.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < length {
            if stored.load(fromByteOffset: i, as: UInt8.self) != key.load(fromByteOffset: i, as: UInt8.self) {
                return false
            }
            i += 1
        }
        return true
    }

    /// The id of `key`, adding it if new.
    @inline(__always)
    func intern(_ key: UnsafeRawPointer, _ length: Int, hash h: UInt64) -> Int32 {
        if isAscending { buildIndex() }
        let word = InternSlot.word(key, length, hash: h)
        var slot = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let entry = slots[slot]
            if entry.id < 0 { break }
            if entry.matches(word, length) && (length <= 8 || equals(Int(entry.id), key, length)) { return entry.id }
            slot = (slot + 1) & slotMask
        }
        let id = appendKey(key, length)
        hashes[id] = h
        slots[slot] = InternSlot(word: word, id: Int32(id), length: Int32(length))
        if count * 2 > slotMask + 1 { growSlots() }
        return Int32(id)
    }

    func intern(_ key: UnsafeRawPointer, _ length: Int) -> Int32 {
        intern(key, length, hash: Self.hash(key, length))
    }

    func intern(_ buffer: UnsafeRawBufferPointer) -> Int32 {
        guard let base = buffer.baseAddress else { return intern("") }
        return intern(base, buffer.count)
    }

    func intern(_ text: String) -> Int32 {
        withBytes(of: text) { intern($0, $1) }
    }

    /// The id of `key` if it is present.
    func find(_ key: UnsafeRawPointer, _ length: Int) -> Int32? {
        if isAscending { return search(key, length) }
        let h = Self.hash(key, length)
        let word = InternSlot.word(key, length, hash: h)
        var slot = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let entry = slots[slot]
            if entry.id < 0 { return nil }
            if entry.matches(word, length) && (length <= 8 || equals(Int(entry.id), key, length)) { return entry.id }
            slot = (slot + 1) & slotMask
        }
    }

    func find(_ text: String) -> Int32? {
        withBytes(of: text) { find($0, $1) }
    }

    /// The id of `key` when it is the last key or comes after it (then it is added); nil when
    /// it comes before, which ends ascending mode for the caller to `intern` instead.
    @inline(__always)
    func appendAscending(_ key: UnsafeRawPointer, _ length: Int) -> Int32? {
        guard isAscending else { return nil }
        if count > 0 {
            let order = compare(count - 1, key, length)
            if order == 0 { return Int32(count - 1) }
            if order > 0 { return nil }
        }
        return Int32(appendKey(key, length))
    }

    /// Stores a new key's bytes and gives it the next id (the slot table is the caller's).
    @inline(__always)
    private func appendKey(_ key: UnsafeRawPointer, _ length: Int) -> Int {
        let id = count
        if id == idCapacity { growIds() }
        if arenaUsed + length > arenaCapacity { growArena(minimum: arenaUsed + length) }
        UnsafeMutableRawPointer(arena + arenaUsed).copyMemory(from: key, byteCount: length)
        starts[id] = arenaUsed
        lengths[id] = Int32(length)
        arenaUsed += length
        count += 1
        return id
    }

    /// The shortlex order of stored key `id` against `key`: negative, zero or positive.
    @inline(__always)
    func compare(_ id: Int, _ key: UnsafeRawPointer, _ length: Int) -> Int {
        Self.shortlex(arena + starts[id], Int(lengths[id]), key, length)
    }

    /// The order ascending mode keeps (also `ItemOrderSample`'s): shorter keys first, then
    /// bytewise. Negative, zero or positive.
    @inline(__always)
    static func shortlex(_ a: UnsafeRawPointer, _ aLength: Int, _ b: UnsafeRawPointer, _ bLength: Int) -> Int {
        if aLength != bLength { return aLength < bLength ? -1 : 1 }
        return Int(memcmp(a, b, aLength))
    }

    /// Whether every key of this interner comes before every key of `other` (both ascending).
    func isEntirelyBefore(_ other: ByteInterner) -> Bool {
        guard isAscending, other.isAscending else { return false }
        guard count > 0, other.count > 0 else { return true }
        return other.withKey(0) { first in
            guard let base = first.baseAddress else { return compare(count - 1, arena, 0) < 0 }
            return compare(count - 1, base, first.count) < 0
        }
    }

    private func search(_ key: UnsafeRawPointer, _ length: Int) -> Int32? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            let order = compare(mid, key, length)
            if order == 0 { return Int32(mid) }
            if order < 0 { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// Leaves ascending mode: hashes every key and fills the slot table.
    private func buildIndex() {
        isAscending = false
        var slotCount = slotMask + 1
        while slotCount < count * 2 + 2 { slotCount <<= 1 }
        if slotCount != slotMask + 1 {
            slots.deallocate()
            slots = .allocate(capacity: slotCount)
            slotMask = slotCount - 1
        }
        HugePages.advise(slots, count: slotCount)
        slots.initialize(repeating: .empty, count: slotCount)
        for id in 0..<count {
            let key = UnsafeRawPointer(arena + starts[id]), length = Int(lengths[id])
            let h = Self.hash(key, length)
            hashes[id] = h
            var slot = Int(truncatingIfNeeded: h) & slotMask
            while slots[slot].id >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = InternSlot(word: InternSlot.word(key, length, hash: h), id: Int32(id), length: Int32(length))
        }
    }

    /// The hash of a stored key (the one `intern` uses), for re-partitioning.
    func keyHash(_ id: Int32) -> UInt64 {
        Self.hash(arena + starts[Int(id)], Int(lengths[Int(id)]))
    }

    /// The id of stored key `id` of `other` in this interner, adding it if new.
    func intern(_ id: Int32, of other: ByteInterner) -> Int32 {
        other.withKey(id) { key in intern(key) }
    }

    /// The bytes of an id, for reports and for merging tables.
    func withKey<R>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: arena + starts[Int(id)], count: Int(lengths[Int(id)])))
    }

    func string(_ id: Int32) -> String {
        withKey(id) { String(decoding: $0, as: UTF8.self) }
    }

    var strings: [String] { (0..<count).map { string(Int32($0)) } }

    private func growIds() {
        let newCapacity = idCapacity * 2
        starts = Self.grow(starts, from: count, to: newCapacity)
        lengths = Self.grow(lengths, from: count, to: newCapacity)
        hashes = Self.grow(hashes, from: count, to: newCapacity)
        idCapacity = newCapacity
    }

    private func growArena(minimum: Int) {
        var newCapacity = arenaCapacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        arena = Self.grow(arena, from: arenaUsed, to: newCapacity)
        arenaCapacity = newCapacity
    }

    private func growSlots() {
        let old = slots, oldCount = slotMask + 1
        let newCount = oldCount * 2
        slots = .allocate(capacity: newCount)
        HugePages.advise(slots, count: newCount)
        slots.initialize(repeating: .empty, count: newCount)
        slotMask = newCount - 1
        for i in 0..<oldCount where old[i].id >= 0 {
            var slot = Int(truncatingIfNeeded: hashes[Int(old[i].id)]) & slotMask
            while slots[slot].id >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = old[i]
        }
        old.deallocate()
    }

    private static func grow<T>(_ old: UnsafeMutablePointer<T>, from used: Int, to capacity: Int)
        -> UnsafeMutablePointer<T>
    {
        let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        new.moveInitialize(from: old, count: used)
        old.deallocate()
        return new
    }
}

/// Calls `body` with a pointer to the UTF-8 bytes of `text` (a valid pointer even when empty).
///
/// SAFETY: the pointer is valid only inside `body` (a contiguous UTF-8 copy of `text`, or a one-byte
/// placeholder for the empty string, freed after `body`).
func withBytes<R>(of text: String, _ body: (UnsafeRawPointer, Int) throws -> R) rethrows -> R {
    var text = text
    return try text.withUTF8 { buffer in
        if let base = buffer.baseAddress { return try body(UnsafeRawPointer(base), buffer.count) }
        let placeholder = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
        defer { placeholder.deallocate() }
        return try body(UnsafeRawPointer(placeholder), 0)
    }
}

/// One slot of `ByteInterner`'s table: the key itself when it fits in a word (most ids do),
/// else its hash, with the id and length. A probe then settles in the one cache line it
/// loads. In an unsorted file of millions of items every lookup misses the cache, and the
/// old table (an id per slot) took four misses: slot, hash, start, key bytes. Four times
/// the slot memory buys about a third off reading a shuffled 10M-judgment file.
///
/// SAFETY: `word(_:_:hash:)` loads at most `length` bytes from a key the caller found inside its input
/// (one unaligned 8-byte load only when `length == 8`).
struct InternSlot {
    var word: UInt64
    var id: Int32
    var length: Int32

    static let empty = InternSlot(word: 0, id: -1, length: 0)

    @inline(__always)
    func matches(_ word: UInt64, _ length: Int) -> Bool { self.word == word && Int(self.length) == length }

    /// The key's bytes, little-endian, when it has at most 8; else `hash`.
    @inline(__always)
    static func word(_ key: UnsafeRawPointer, _ length: Int, hash: UInt64) -> UInt64 {
        if length == 8 { return UInt64(littleEndian: key.loadUnaligned(as: UInt64.self)) }
        guard length < 8 else { return hash }
        var word: UInt64 = 0
        for i in 0..<length { word |= UInt64(key.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
        return word
    }
}
