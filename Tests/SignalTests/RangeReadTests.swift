import Foundation
import Testing
import WorkModel

@testable import Signal

#if canImport(Glibc)
    import Glibc
#endif

/// A large file is read by range (each worker parses its own lines) and re-partitioned by hash
/// only when ranges share items. Whichever way a file is read, every figure, every line number
/// in an error and the order of later merges must be the same as reading it by hash.
@Suite("Reading by range")
struct RangeReadTests {
    /// `units` items with 3 to 5 judgments each from 12 reviewers, seeded; item ids unpadded
    /// (`u1`, `u2`, ... `u10`: ascending in shortlex order, not bytewise).
    static func rows(units: Int, seed: UInt64 = 7) -> [(item: String, reviewer: String, value: String)] {
        var random = SeededRandom(seed: seed)
        var rows: [(String, String, String)] = []
        for u in 1...units {
            let k = 3 + Int(random.next() % 3)
            let truth = Int(random.next() % 4)
            var used = Set<Int>()
            while used.count < k {
                let r = Int(random.next() % 12)
                guard used.insert(r).inserted else { continue }
                let value = random.next() % 4 == 0 ? Int(random.next() % 4) : truth
                rows.append(("u\(u)", "r\(r)", "c\(value)"))
            }
        }
        return rows
    }

    static func csv(_ rows: [(item: String, reviewer: String, value: String)]) -> String {
        "item,reviewer,value\n" + rows.map { "\($0.item),\($0.reviewer),\($0.value)\n" }.joined()
    }

    static func jsonl(_ rows: [(item: String, reviewer: String, value: String)]) -> String {
        rows.map { "{\"item\":\"\($0.item)\",\"reviewer\":\"\($0.reviewer)\",\"value\":\"\($0.value)\"}\n" }.joined()
    }

    /// Lines moved around deterministically so that items recur across the file.
    static func shuffled<T>(_ rows: [T]) -> [T] {
        var random = SeededRandom(seed: 99)
        var copy = rows
        for i in stride(from: copy.count - 1, to: 0, by: -1) { copy.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        return copy
    }

    /// `byRange` lets the read go by range (any size); `sampled` false forces the range read
    /// even when the items do not look sorted.
    /// How a collector read its input, noted before `finish` consumes it.
    struct ReadPath {
        let layout: JudgmentCollector.Layout
        let lastReadPath: JudgmentCollector.ReadPath
        /// The shards as read (`finish` recodes their columns but keeps their item tables).
        let shards: [JudgmentShard]

        init(_ collector: borrowing JudgmentCollector) {
            layout = collector.layout
            lastReadPath = collector.lastReadPath
            shards = collector.shards
        }
    }

    static func read(_ text: String, csv: Bool, partitions: Int, byRange: Bool, sampled: Bool = true) throws -> (
        ReadPath, JudgmentSet
    ) {
        var collector = JudgmentCollector(partitions: partitions)
        collector.rangeSplitMinimumBytes = byRange ? 0 : Int.max
        collector.rangeReadsNeedSortedSample = sampled
        let data = Data(text.utf8)
        if csv {
            try data.withUnsafeBytes { try collector.readDelimited($0, file: "j") }
        } else {
            try data.withUnsafeBytes { try collector.readJSONLines($0, file: "j") }
        }
        let path = ReadPath(collector)
        return (path, try collector.finish())
    }

    static func expectSameFigures(_ a: JudgmentSet, _ b: JudgmentSet) {
        let x = AgreementAnalysis.report(a, files: ["j"]), y = AgreementAnalysis.report(b, files: ["j"])
        #expect(x.units == y.units && x.judgments == y.judgments && x.pairableUnits == y.pairableUnits)
        #expect(abs((x.alpha ?? .nan) - (y.alpha ?? .nan)) < 1e-12)
        #expect(abs((x.fleissKappa ?? .nan) - (y.fleissKappa ?? .nan)) < 1e-12)
        #expect(x.reviewers == y.reviewers)
        #expect(x.alphaCI == y.alphaCI)
        let fa = DawidSkene.fit(a), fb = DawidSkene.fit(b)
        #expect(fa.iterations == fb.iterations)
        for (p, q) in zip(fa.lossHistory, fb.lossHistory) { #expect(abs(p - q) < 1e-9) }
        #expect(
            Dictionary(uniqueKeysWithValues: fa.labels().map { ($0.item, $0.code) })
                == Dictionary(uniqueKeysWithValues: fb.labels().map { ($0.item, $0.code) }))
    }

    static func judgmentOrder(_ set: JudgmentSet) -> [String] {
        var seen: [String] = []
        set.forEach { item, reviewer, _, _ in seen.append(item + "/" + reviewer) }
        return seen
    }

    @Test("Sorted items: ranges hold disjoint items, no re-partition, same figures as by hash", arguments: [2, 3, 7])
    func sortedItemsStayInRanges(partitions: Int) throws {
        let rows = Self.rows(units: 2_000)
        for csv in [true, false] {
            let text = csv ? Self.csv(rows) : Self.jsonl(rows)
            let (ranged, a) = try Self.read(text, csv: csv, partitions: partitions, byRange: true)
            let (_, b) = try Self.read(text, csv: csv, partitions: 1, byRange: false)
            #expect(ranged.lastReadPath == .byRange)
            #expect(
                ranged.layout == .byRange,
                "sorted items need no re-partition \(ranged.shards.map { ($0.unitCount, $0.items.isAscending, $0.items.string(0), $0.items.string(Int32($0.unitCount - 1))) })"
            )
            #expect(
                ranged.shards.filter { $0.judgmentCount > 0 }.count == partitions,
                "every worker got a share of the lines")
            #expect(ranged.shards.allSatisfy { $0.items.isAscending }, "sorted items never build a hash table")
            Self.expectSameFigures(a, b)
        }
    }

    @Test("Unsorted items: shards are re-partitioned by hash and give the same figures", arguments: [2, 5])
    func unsortedItemsArePartitionedAgain(partitions: Int) throws {
        let rows = Self.shuffled(Self.rows(units: 1_500))
        for csv in [true, false] {
            let text = csv ? Self.csv(rows) : Self.jsonl(rows)
            let (ranged, a) = try Self.read(text, csv: csv, partitions: partitions, byRange: true, sampled: false)
            let (_, b) = try Self.read(text, csv: csv, partitions: partitions, byRange: false)
            #expect(ranged.layout == .byHash)
            for shard in ranged.shards {
                for u in 0..<shard.unitCount {
                    #expect(
                        ScanWorker.partition(ofHash: shard.items.keyHash(Int32(u)), partitions: partitions)
                            == ranged.shards.firstIndex { $0 === shard })
                }
            }
            Self.expectSameFigures(a, b)
            #expect(
                Self.judgmentOrder(a) == Self.judgmentOrder(b),
                "re-partitioning keeps file order within each shard, as a read by hash does")
        }
    }

    @Test("Unsorted items in a large file are read by hash from the start, with the fast scanners", arguments: [2, 3])
    func unsortedItemsAreReadByHash(partitions: Int) throws {
        let rows = Self.shuffled(Self.rows(units: 1_500))
        for csv in [true, false] {
            let text = csv ? Self.csv(rows) : Self.jsonl(rows)
            let (fast, a) = try Self.read(text, csv: csv, partitions: partitions, byRange: true)
            let (_, b) = try Self.read(text, csv: csv, partitions: partitions, byRange: false)
            let (forced, c) = try Self.read(text, csv: csv, partitions: partitions, byRange: true, sampled: false)
            #expect(fast.layout == .byHash)
            #expect(fast.lastReadPath == .byHashUnsorted)
            #expect(forced.lastReadPath == .byRange)
            for (index, shard) in fast.shards.enumerated() {
                for u in 0..<shard.unitCount {
                    #expect(
                        ScanWorker.partition(ofHash: shard.items.keyHash(Int32(u)), partitions: partitions) == index)
                }
            }
            Self.expectSameFigures(a, b)
            Self.expectSameFigures(a, c)
            #expect(Self.judgmentOrder(a) == Self.judgmentOrder(b))
            #expect(Self.judgmentOrder(a) == Self.judgmentOrder(c))
        }
    }

    @Test(
        "Odd and bad lines in an unsorted file read by hash give the same records and errors", arguments: [true, false])
    func oddLinesUnsorted(csv: Bool) throws {
        var lines = Self.oddLines(csv: csv).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = csv ? [lines.removeFirst()] : []
        lines = header + Self.shuffled(lines)
        let text = lines.joined(separator: "\n")
        let (fast, a) = try Self.read(text, csv: csv, partitions: 2, byRange: true)
        let (_, b) = try Self.read(text, csv: csv, partitions: 1, byRange: false)
        #expect(fast.lastReadPath == .byHashUnsorted)
        #expect(a.judgmentCount == b.judgmentCount && a.reviewers == b.reviewers && a.domain.values == b.domain.values)
        Self.expectSameFigures(a, b)
        guard csv else { return }
        var bad = lines
        for (k, line) in ["u5,r1", ",r2,c1", "u7,,c1", "u8"].enumerated() { bad.insert(line, at: 300 + 900 * k) }
        let badText = bad.joined(separator: "\n")
        let fastProblems = Sample.problems { _ = try Self.read(badText, csv: true, partitions: 3, byRange: true) }
        let hashed = Sample.problems { _ = try Self.read(badText, csv: true, partitions: 1, byRange: false) }
        #expect(fastProblems.count == 4, "\(fastProblems)")
        #expect(fastProblems == hashed)
    }

    @Test("An error in a later range names its line in the whole file")
    func errorLinesAreAbsolute() throws {
        var lines = Self.csv(Self.rows(units: 900)).split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        let bad = lines.count - 40  // 0-based index; the file's line bad + 1
        lines[bad] = "u900,,c1"
        let text = lines.joined(separator: "\n")
        let problems = Sample.problems { _ = try Self.read(text, csv: true, partitions: 4, byRange: true) }
        #expect(problems == ["j:\(bad + 1):1: reviewer: expected a reviewer id (a non-empty string)"])

        var json = Self.jsonl(Self.rows(units: 900)).split(separator: "\n").map(String.init)
        json[json.count - 3] = "{\"item\": \"u900\", \"reviewer\": 5"
        let jsonProblems = Sample.problems {
            _ = try Self.read(json.joined(separator: "\n"), csv: false, partitions: 3, byRange: true)
        }
        #expect(jsonProblems.count == 1)
        #expect(jsonProblems.first?.hasPrefix("j:\(json.count - 2):") == true, "\(jsonProblems)")
    }

    @Test("Where a value was first seen is its line in the whole file")
    func firstSeenLinesAreAbsolute() throws {
        let rows = Self.rows(units: 800).map {
            ($0.item, $0.reviewer, $0.value == "c0" ? "a" : $0.value == "c1" ? "b" : "tie")
        }
        var lines = Self.csv(rows).split(separator: "\n").map(String.init)
        let stray = lines.count - 10
        lines[stray] = lines[stray].split(separator: ",").prefix(2).joined(separator: ",") + ",maybe"
        var collector = JudgmentCollector(partitions: 3)
        collector.rangeSplitMinimumBytes = 0
        try Data(lines.joined(separator: "\n").utf8).withUnsafeBytes { try collector.readDelimited($0, file: "p.csv") }
        #expect(ReadPath(collector).layout == .byRange)
        let problems: [String]
        do {
            _ = try collector.finish(JudgmentSetOptions(pairwise: true))
            problems = []
        } catch {
            problems = error.diagnostics.map(\.description)
        }
        #expect(problems == ["p.csv:\(stray + 1):1: value: 'maybe' is not a pairwise choice; expected a, b or tie"])
    }

    @Test("A second file after a range read: items shared between the files are one unit")
    func laterFilesMergeWithRanges() throws {
        let rows = Self.rows(units: 1_200)
        let first = rows.enumerated().filter { $0.offset % 4 != 0 }.map(\.element)
        let second = rows.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
        var collector = JudgmentCollector(partitions: 3)
        collector.rangeSplitMinimumBytes = 0
        try Data(Self.csv(first).utf8).withUnsafeBytes { try collector.readDelimited($0, file: "a.csv") }
        #expect(ReadPath(collector).layout == .byRange)
        try Data(Self.jsonl(second).utf8).withUnsafeBytes { try collector.readJSONLines($0, file: "b.jsonl") }
        #expect(ReadPath(collector).layout == .byHash)
        let merged = try collector.finish()
        let (_, whole) = try Self.read(Self.csv(rows), csv: true, partitions: 1, byRange: false)
        #expect(merged.itemCount == 1_200)
        Self.expectSameFigures(merged, whole)
    }

    @Test("Gold answers find their items in range shards")
    func goldAfterRangeRead() throws {
        let rows = Self.rows(units: 600)
        var collector = JudgmentCollector(partitions: 4)
        collector.rangeSplitMinimumBytes = 0
        try Data(Self.csv(rows).utf8).withUnsafeBytes { try collector.readDelimited($0, file: "a.csv") }
        #expect(ReadPath(collector).layout == .byRange)
        collector.addGold([("u1", .label("c0")), ("u599", .label("c2")), ("u9999", .label("c1"))], file: "gold.csv")
        let set = try collector.finish()
        #expect(Set(set.goldAnswers().map(\.item)) == ["u1", "u599"], "items nobody judged are ignored")
    }

    @Test("CSV with a quoted cell is read by hash: a quoted newline could straddle a range boundary")
    func quotedCSVIsReadByHash() throws {
        let text = Self.csv(Self.rows(units: 300)) + "\"u301\",r1,\"c\n1\"\n"
        let (collector, set) = try Self.read(text, csv: true, partitions: 3, byRange: true)
        #expect(collector.layout == .byHash)
        #expect(set.itemCount == 301)
    }

    /// Every tenth line of a sorted file written some other way the formats allow.
    static func oddLines(csv: Bool) -> String {
        let rows = Self.rows(units: 1_500)
        var text = csv ? "item,reviewer,value\n" : ""
        for (i, row) in rows.enumerated() {
            let (item, reviewer, value) = row
            guard i % 10 == 3 else {
                text +=
                    csv
                    ? "\(item),\(reviewer),\(value)\n"
                    : "{\"item\":\"\(item)\",\"reviewer\":\"\(reviewer)\",\"value\":\"\(value)\"}\n"
                continue
            }
            switch (i / 10) % 7 {
            case 0:
                text +=
                    csv
                    ? "\(item),\(reviewer),\(value)\r\n"
                    : "{\"item\":\"\(item)\",\"reviewer\":\"\(reviewer)\",\"value\":\"\(value)\"}\r\n"
            case 1:
                text +=
                    csv
                    ? "\n\(item),\(reviewer),\(value)\n"
                    : "\n{ \"item\": \"\(item)\", \"reviewer\": \"\(reviewer)\", \"value\": \"\(value)\" }\n"
            case 2:
                text +=
                    csv
                    ? "\(item),\(reviewer),\(value),extra\n"
                    : "{\"item\":\"\(item)\",\"reviewer\":\"\(reviewer)\",\"value\":\"\(value)\",\"rubric\":null}\n"
            case 3:
                text +=
                    csv
                    ? "\(item),annotator-\(reviewer),\(value)\n"
                    : "{\"item\":\"\(item)\",\"reviewer\":\"annotator-\(reviewer)\",\"value\":\"\(value)\"}\n"
            case 4:
                text +=
                    csv
                    ? "\(item),\(reviewer),\(value)-but-longer\n"
                    : "{\"item\":\"\(item)\",\"reviewer\":\"\(reviewer)\",\"value\":\"\\u0063\(value.dropFirst())\"}\n"
            case 5:
                text +=
                    csv
                    ? "\(item),\(reviewer),\n" : "{\"item\":\"\(item)\",\"reviewer\":\"\(reviewer)\",\"value\":\"\"}\n"
            default:
                text +=
                    csv
                    ? "\(item)\r,\(reviewer),\(value)\n"
                    : "{\"item\":\"\(item)\",\"reviewer\":\"\(reviewer)\",\"value\":null}\n"
            }
        }
        return text + (csv ? "u1501,r1,c0" : "{\"item\":\"u1501\",\"reviewer\":\"r1\",\"value\":\"c0\"}")
    }

    @Test(
        "Lines off the fast path (CRLF, blank, extra cells, long ids, empty values) read the same as by hash",
        arguments: [2, 3])
    func oddLinesReadTheSame(partitions: Int) throws {
        for csv in [true, false] {
            let text = Self.oddLines(csv: csv)
            let (ranged, a) = try Self.read(text, csv: csv, partitions: partitions, byRange: true)
            let (_, b) = try Self.read(text, csv: csv, partitions: 1, byRange: false)
            #expect(ranged.layout == .byRange)
            #expect(a.itemCount == 1_501 && a.judgmentCount == b.judgmentCount)
            #expect(a.reviewers == b.reviewers && a.reviewers.contains("annotator-r3"))
            #expect(a.domain.values == b.domain.values)
            Self.expectSameFigures(a, b)
            #expect(Self.judgmentOrder(a) == Self.judgmentOrder(b))
        }
    }

    @Test("Bad lines in a fast-path file give the errors a read by hash gives")
    func badLinesGiveTheSameErrors() throws {
        var lines = Self.csv(Self.rows(units: 1_000)).split(separator: "\n").map(String.init)
        for (k, bad) in ["u5,r1", ",r2,c1", "u7,,c1", "u8", ""].enumerated() { lines.insert(bad, at: 200 + 700 * k) }
        let text = lines.joined(separator: "\n")
        let ranged = Sample.problems { _ = try Self.read(text, csv: true, partitions: 3, byRange: true) }
        let hashed = Sample.problems { _ = try Self.read(text, csv: true, partitions: 1, byRange: false) }
        #expect(ranged.count == 4, "\(ranged)")
        #expect(ranged == hashed)
    }

    /// Reads `text` from a real file through `MappedFile`, which maps it read-only and so lets
    /// the read hand pages back, as `agree` does.
    static func readMapped(_ text: String, lag: Int? = nil) throws -> (ReadPath, JudgmentSet)? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "released-\(UInt32.random(in: 0...UInt32.max)).csv"
        ).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try MappedFile(path: path)
        #expect(file.isMapped)
        var collector = JudgmentCollector(partitions: 2)
        collector.rangeSplitMinimumBytes = 0
        if let lag { collector.hashReadReleaseLag = lag }
        try collector.read(file)
        let stillReleasing = collector.releasesReadPages
        #expect(!stillReleasing, "the release is for that one read only")
        let readPath = ReadPath(collector)
        let set = try collector.finish()
        // The mapping still reads right after the advice (the pages come back from the file).
        file.withBytes { bytes in #expect(bytes.prefix(20).elementsEqual(Array(text.utf8.prefix(20)))) }
        return (readPath, set)
    }

    /// Big enough that each of two ranges passes several 8 MiB milestones.
    static func largeLines() -> [String] {
        var random = SeededRandom(seed: 11)
        var lines: [String] = []
        lines.reserveCapacity(1_680_000)
        for u in 0..<420_000 {
            for r in 0..<4 { lines.append("u\(1_000_000 + u),r\((u + r * 7) % 50),c\(random.next() % 3)\n") }
        }
        return lines
    }

    @Test("A mapped file whose read pages are handed back reads the same as by hash")
    func releasedPagesReadTheSame() throws {
        let text = "item,reviewer,value\n" + Self.largeLines().joined()
        #expect(text.utf8.count > 3 * (8 << 20))
        guard let (collector, released) = try Self.readMapped(text) else { return }
        #expect(collector.layout == .byRange)
        let (_, whole) = try Self.read(text, csv: true, partitions: 1, byRange: false)
        #expect(released.judgmentCount == 1_680_000)
        let x = AgreementAnalysis.report(released, files: ["j"]), y = AgreementAnalysis.report(whole, files: ["j"])
        #expect(x.alpha == y.alpha && x.reviewers == y.reviewers && x.alphaCI == y.alphaCI)
    }

    @Test("An unsorted mapped file read by hash, its pages handed back behind the workers, reads the same")
    func releasedPagesUnsortedReadTheSame() throws {
        let text = "item,reviewer,value\n" + Self.shuffled(Self.largeLines()).joined()
        // A lag of 1 MiB: each worker hands back pages the other may still read (they come back).
        guard let (collector, released) = try Self.readMapped(text, lag: 1 << 20) else { return }
        #expect(collector.lastReadPath == .byHashUnsorted)
        let (_, whole) = try Self.read(text, csv: true, partitions: 1, byRange: false)
        #expect(released.judgmentCount == 1_680_000)
        let x = AgreementAnalysis.report(released, files: ["j"]), y = AgreementAnalysis.report(whole, files: ["j"])
        #expect(x.alpha == y.alpha && x.reviewers == y.reviewers && x.alphaCI == y.alphaCI)
    }

    @Test("Line ranges cover the data exactly, each ending at a newline")
    func lineRangesCoverTheData() {
        let text =
            "header\n" + (0..<97).map { "line \($0) \(String(repeating: "x", count: $0 % 13))\n" }.joined()
            + "last without newline"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            for parts in [1, 2, 3, 8, 200] {
                let ranges = JudgmentCollector.lineRanges(buffer, from: 7, parts: parts)
                #expect(ranges.count == parts)
                #expect(ranges.first?.lowerBound == 7 && ranges.last?.upperBound == bytes.count)
                for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
                for r in ranges.dropLast() where !r.isEmpty { #expect(bytes[r.upperBound - 1] == 10) }
            }
        }
    }
}
