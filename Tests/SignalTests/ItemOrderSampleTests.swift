import Foundation
import Testing

@testable import Signal

/// The look at a file's item order that chooses between a read by range and by hash.
@Suite("Item order sample")
struct ItemOrderSampleTests {
    static func sample(_ items: [String]) -> ItemOrderSample {
        let text = "item,reviewer,value\n" + items.map { "\($0),r1,c1\n" }.joined()
        return Data(text.utf8).withUnsafeBytes { bytes in
            guard
                let (scanner, start, _) = try? CSVJudgmentScanner.open(
                    bytes, file: "j", mapping: ColumnMapping(), delimiter: 44)
            else {
                Issue.record("header not read")
                return ItemOrderSample(bytes, from: bytes.count) { _, _ in nil }
            }
            return ItemOrderSample(bytes, from: start, itemOf: scanner.itemCell)
        }
    }

    @Test("Sorted items, unpadded ids and repeats look sorted")
    func sortedLooksSorted() {
        let items = (1...5_000).flatMap { u in Array(repeating: "u\(u)", count: 3) }
        let s = Self.sample(items)
        #expect(s.steps > 1_000)
        #expect(s.stepsBack == 0)
        #expect(s.looksSorted)
    }

    @Test("Shuffled items, and items grouped in descending order, do not")
    func unsortedDoesNot() {
        var random = SeededRandom(seed: 3)
        var items = (1...5_000).flatMap { u in Array(repeating: "u\(u)", count: 3) }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        #expect(!Self.sample(items).looksSorted)
        let descending = (1...5_000).reversed().flatMap { u in Array(repeating: "u\(u)", count: 3) }
        #expect(!Self.sample(descending).looksSorted)
    }

    @Test("A sorted file with a stray line still looks sorted; an empty one does too")
    func strayLine() {
        var items = (1...5_000).map { "u\($0)" }
        items.insert("u1", at: 40)
        let s = Self.sample(items)
        #expect(s.stepsBack == 1)
        #expect(s.looksSorted)
        #expect(Self.sample([]).looksSorted)
    }

    @Test("The estimate of judgments follows the line length of the file's start")
    func estimatedJudgments() {
        let csv = "item,reviewer,value\n" + (0..<100_000).map { "u\(1_000_000 + $0),r12,c1\n" }.joined()
        let jsonl = (0..<100_000).map { "{\"item\":\"u\(1_000_000 + $0)\",\"reviewer\":\"r12\",\"value\":\"c1\"}\n" }
            .joined()
        for text in [csv, jsonl] {
            let estimate = Data(text.utf8).withUnsafeBytes { JudgmentCollector.estimatedJudgments(in: $0) }
            #expect(abs(estimate - 100_000) < 2_000, "\(estimate)")
        }
        #expect(Data().withUnsafeBytes { JudgmentCollector.estimatedJudgments(in: $0) } == 0)
        #expect(Data("a,b".utf8).withUnsafeBytes { JudgmentCollector.estimatedJudgments(in: $0) } == 1)
    }
}
