import Foundation
import Signal
import Storage
import Testing
import WorkModel

/// Krippendorff's coincidences counted by the database (the SQL aggregate) give the alpha the
/// in-process counting gives, on SQLite and PostgreSQL.
@Suite("Judgments in the database")
struct JudgmentRepositoryTests {
    static let principal = Principal(userId: "u1", email: "analyst@example.com")

    /// 300 items, 2 to 5 reviewers each out of 9, values 1..5 drawn around a true score.
    static func generated() -> [StoredJudgment] {
        var random = SeededRandom(seed: 42)
        var rows: [StoredJudgment] = []
        for i in 0..<300 {
            let truth = 1 + Int(random.next() % 5)
            let judges = 2 + Int(random.next() % 4)
            var used = Set<Int>()
            while used.count < judges { used.insert(Int(random.next() % 9)) }
            for r in used.sorted() {
                let noise = random.uniform() < 0.7 ? 0 : (random.uniform() < 0.5 ? -1 : 1)
                let value = min(5, max(1, truth + noise))
                rows.append(
                    StoredJudgment(
                        item: "item-\(i)", reviewer: "r\(r)", value: random.uniform() < 0.03 ? nil : String(value)))
            }
        }
        return rows
    }

    @Test(
        "The SQL coincidence aggregate equals the in-process one, and so does alpha at every level",
        arguments: Backend.available)
    func sqlAggregateMatches(backend: Backend) async throws {
        let rows = Self.generated()
        try await withStore(backend) { store, _ in
            let record = try await store.judgments.importSet(
                id: "set-1", name: "Helpfulness", source: "generated", judgments: rows, by: Self.principal)
            #expect(record.judgments == rows.count)
            #expect(try await store.judgments.get("set-1") == record)
            let cells = try await store.judgments.coincidences(setId: "set-1")
            for level in MeasurementLevel.allCases {
                var collector = JudgmentCollector(partitions: 2)
                for (line, row) in rows.enumerated() {
                    collector.add(
                        Judgment(
                            item: row.item, reviewer: row.reviewer, value: row.value.map { JudgmentValue(text: $0) }),
                        file: "rows", line: line + 1)
                }
                let set = try collector.finish(JudgmentSetOptions(level: level))
                let local = AgreementCounts.count(set).coincidences
                let fromSQL = Coincidences(
                    valueCount: set.domain.count,
                    cells: try cells.map { cell in
                        (
                            try #require(set.domain.code(of: JudgmentValue(text: cell.c))),
                            try #require(set.domain.code(of: JudgmentValue(text: cell.k))), cell.weight
                        )
                    })
                for c in 0..<set.domain.count {
                    for k in 0..<set.domain.count { #expect(abs(fromSQL[c, k] - local[c, k]) < 1e-9) }
                }
                guard case .success(let a) = KrippendorffAlpha.alpha(fromSQL, domain: set.domain, level: level),
                    case .success(let b) = KrippendorffAlpha.alpha(local, domain: set.domain, level: level)
                else {
                    Issue.record("alpha undefined at \(level)")
                    continue
                }
                #expect(abs(a - b) < 1e-12, "\(level): \(a) vs \(b)")
            }
            // The import is one audited change.
            let entries = try await store.audit.list(AuditLog.Query(entity: "judgment set"))
            #expect(entries.items.count == 1)
        }
    }

    @Test("A set id can be imported once; a failed import leaves nothing behind", arguments: Backend.available)
    func duplicateImport(backend: Backend) async throws {
        try await withStore(backend) { store, _ in
            _ = try await store.judgments.importSet(
                id: "s", name: "a", source: "x", judgments: [StoredJudgment(item: "i", reviewer: "r", value: "1")],
                by: Self.principal)
            let error = await storageError {
                try await store.judgments.importSet(id: "s", name: "b", source: "x", judgments: [], by: Self.principal)
            }
            #expect(error == .duplicate(entity: "judgment set", key: "s"))
            #expect(try await count(store, "judgments") == 1)
        }
    }
}
