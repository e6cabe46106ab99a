import Dispatch

/// Runs one piece of work per shard on every core and gathers the results in shard order.
///
/// Every statistic is computed shard by shard and then merged (items never straddle shards),
/// so this one loop is the only place Signal fans work out to threads.
enum ParallelShards {
    /// `body(i)` for every `i` in `0..<count`, concurrently; the results in index order.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = ResultSlots<T?>(count: count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        // Every slot was written before `concurrentPerform` returned.
        return slots.values.compactMap { $0 }
    }

    /// `body(i)` for every `i` in `0..<count`, concurrently, for work that writes only into
    /// what shard `i` owns.
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 1 else { return (0..<count).forEach(body) }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
}

/// One slot per worker, each written by exactly one worker, read after they all finish.
///
/// SAFETY: `@unchecked Sendable` holds because the slots are raw memory (no copy-on-write
/// buffer whose uniqueness check two workers could race on), worker `i` writes only slot `i`,
/// and `values` is read only after `concurrentPerform` has returned, which orders every
/// write before the read.
final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T>

    init(count: Int, initial: T) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: initial)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: T) { slots[index] = value }
    var values: [T] { Array(slots) }
}

/// Hands a value that is not `Sendable` to concurrent workers.
///
/// SAFETY: only for values each worker touches in a part no other worker touches (worker `i`
/// reads or writes shard `i`, or every worker only reads), and only inside one
/// `ParallelShards` call, which returns after every worker is done. Each use says which.
struct UncheckedBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
