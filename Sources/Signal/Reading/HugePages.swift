#if canImport(Glibc)
    import Glibc
#endif

/// Large column arrays are filled once, front to back, right after they are reserved. Backed
/// by 4 KiB pages, that costs one page fault per 4 KiB (a third of a 10-million-judgment
/// read went to faults); with transparent huge pages it is one per 2 MiB. Linux only, and
/// only a hint: where huge pages are off the kernel ignores it.
///
/// SAFETY: `madvise(MADV_HUGEPAGE)` is advice about memory this process allocated (the range is rounded
/// inwards to whole 2 MiB pages of the allocation); it never changes the contents.
enum HugePages {
    static let size = 2 << 20

    /// Advises huge pages for the reserved storage of `array` (a no-op below a few MiB).
    static func advise<T>(_ array: inout [T]) {
        let capacity = array.capacity
        array.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { advise(base, count: capacity) }
        }
    }

    /// Advises huge pages for `count` elements allocated at `base`.
    static func advise<T>(_ base: UnsafeMutablePointer<T>, count: Int) {
        #if os(Linux)
            let bytes = count * MemoryLayout<T>.stride
            guard bytes >= 2 * size else { return }
            let address = UInt(bitPattern: base), huge = UInt(size)
            let start = (address + huge - 1) & ~(huge - 1)
            let end = (address + UInt(bytes)) & ~(huge - 1)
            guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(aligned, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}
