/// A look at a few runs of lines spread over a file, to tell whether its items come sorted
/// before choosing how to read it (`JudgmentCollector.readsByRange`). The order is the one
/// `ByteInterner.appendAscending` keeps: shortlex (shorter first, then bytewise), a repeat of
/// the previous item counting as in order.
///
/// A sample cannot prove a file sorted; it only has to be right about the files that matter.
/// A sorted export shows no step back; a shuffled one shows a step back on about half its
/// lines. A file that fools the sample is still read right: the range read rebuilds its
/// shards by hash when they share items.
///
/// SAFETY: reads lines of `bytes` (borrowed for the call) only between offsets found inside it by
/// `lineEnd`, which stops at `count`.
struct ItemOrderSample {
    /// Item-to-item steps compared, and those that went backwards.
    private(set) var steps = 0
    private(set) var stepsBack = 0

    /// `windows` runs of up to `linesPerWindow` whole lines, evenly spaced over `bytes[start...]`.
    /// `itemOf` gives a line's item (line start, end before the newline), nil when it cannot tell.
    init(
        _ bytes: UnsafeRawBufferPointer, from start: Int, windows: Int = 8, linesPerWindow: Int = 256,
        itemOf: (UnsafeRawPointer, UnsafeRawPointer) -> ByteField?
    ) {
        guard let base = bytes.baseAddress, start < bytes.count, windows > 0 else { return }
        let origin = UnsafeRawPointer(base)
        let count = bytes.count
        func lineEnd(_ at: Int) -> Int { JudgmentCollector.lineEnd(origin, count, from: at) }
        for w in 0..<windows {
            var at = start + (count - start) / windows * w
            // Windows after the first begin at the next whole line.
            if w > 0 { at = min(count, lineEnd(at) + 1) }
            var previous: ByteField?
            var lines = 0
            while at < count, lines < linesPerWindow {
                let end = lineEnd(at)
                if let item = itemOf(origin + at, origin + end), item.length > 0, let itemStart = item.start {
                    if let before = previous, let beforeStart = before.start {
                        steps += 1
                        if ByteInterner.shortlex(beforeStart, before.length, itemStart, item.length) > 0 {
                            stepsBack += 1
                        }
                    }
                    previous = item
                }
                lines += 1
                at = end + 1
            }
        }
    }

    /// At most one step in a hundred backwards: a sorted file with a few stray lines still
    /// reads best by range.
    var looksSorted: Bool { stepsBack * 100 <= steps }
}
