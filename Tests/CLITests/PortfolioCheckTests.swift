import Foundation
import Testing

/// The HRIS import and the six portfolio views from the command line, over a copy of the demo
/// database each; then backup and restore on SQLite (PostgreSQL's half stays in .ci/run).
@Suite("CLI: portfolio, backup and restore")
struct PortfolioCheckTests {
    private static let people = "examples/portfolio/people.csv"
    private static let mapping = "examples/portfolio/people-mapping.yaml"
    private static let asOf = ["--as-of", "2026-12-01"]

    @Test("re-importing the HRIS export: a preview first, then one update and the rest unchanged")
    func importPeople() async throws {
        let scratch = try Scratch()
        let database = try await DemoDatabase.shared.copy(into: scratch)
        // Amara's pay changed in the database (the server smoke edits it through the API), so
        // importing the export puts it back.
        let edited = try readRepositoryFile(Self.people).replacingOccurrences(
            of: "E100,Amara Osei,Regular,Support Team Lead,\"78,000.00\"",
            with: "E100,Amara Osei,Regular,Support Team Lead,\"88,000.00\"")
        let changed = try await WagefileCLI.run(
            [
                "import", "people", try scratch.write("edited.csv", edited), "--mapping", Self.mapping,
                "--database-url", database,
            ], in: scratch)
        #expect(changed.stdout.contains("0 created, 1 updated, 9 unchanged"), "\(changed)")

        let preview = try await WagefileCLI.run(
            ["import", "people", Self.people, "--mapping", Self.mapping, "--preview", "--database-url", database],
            in: scratch)
        #expect(preview.status == 0, "\(preview)")
        #expect(preview.stdout.contains("10 rows, 10 ready, 0 problems"), "\(preview)")
        let imported = try await WagefileCLI.run(
            ["import", "people", Self.people, "--mapping", Self.mapping, "--database-url", database], in: scratch)
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("0 created, 1 updated, 9 unchanged"), "\(imported)")
    }

    @Test("a bad row anywhere rejects the whole file with its line and column, exit 2, and writes nothing")
    func badImportWritesNothing() async throws {
        let scratch = try Scratch()
        let database = try await DemoDatabase.shared.copy(into: scratch)
        var rows = try readRepositoryFile(Self.people).split(separator: "\n").map { line in
            line.hasPrefix("E130,Ada Obi,")
                ? line.replacingOccurrences(of: "E130,Ada Obi,", with: "E130,Ada Obi Changed,") : String(line)
        }
        rows.append(#"E999,New Person,Regular,Support,lots,USD,Salary,,,"NY",2026-13-40,E404,,4100,40,,F"#)
        let bad = try scratch.write("bad.csv", rows.joined(separator: "\n") + "\n")
        let run = try await WagefileCLI.run(
            ["import", "people", bad, "--mapping", Self.mapping, "--database-url", database], in: scratch)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("bad.csv:12:5: pay (column 'Base Pay')"), "\(run)")
        #expect(run.stderr.contains("bad.csv:12:11: hireDate"), "\(run)")

        let report = try await WagefileCLI.run(
            ["report", "compression", "--database-url", database] + Self.asOf + ["--format", "json"], in: scratch)
        let names = (try jsonObject(report.stdout)["people"] as? [[String: Any]] ?? []).compactMap {
            $0["name"] as? String
        }
        #expect(!names.isEmpty, "\(report)")
        #expect(!names.contains("Ada Obi Changed"), "the rejected import wrote a row")
    }

    @Test("compression: the planted inversion, green circle and supervisor premium, a cost to fix, the unpriced named")
    func compression() async throws {
        let scratch = try Scratch()
        let database = try await DemoDatabase.shared.copy(into: scratch)
        async let json = WagefileCLI.run(
            ["report", "compression", "--database-url", database] + Self.asOf + ["--format", "json"], in: scratch)
        async let csv = WagefileCLI.run(
            ["report", "compression", "--database-url", database] + Self.asOf + ["--format", "csv"], in: scratch)
        let report = try jsonObject(try await json.stdout)
        let people = try #require(report["people"] as? [[String: Any]])
        func kinds(_ id: String) -> [String] {
            let person = people.first { $0["personId"] as? String == id }
            return (person?["flags"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        }
        #expect(
            kinds("person-e100").contains("inversion") && kinds("person-e100").contains("green-circle"),
            "\(kinds("person-e100"))")
        #expect(kinds("person-e102").contains("supervisor-premium"), "\(kinds("person-e102"))")
        #expect(number((report["totals"] as? [String: Any])?["annualCostToMinimum"]) ?? 0 > 0)
        #expect((report["unpriced"] as? [[String: Any]] ?? []).contains { $0["personId"] as? String == "person-e140" })
        #expect(try await csv.stdout.hasPrefix("person_id,name,employment,layer"))
    }

    @Test("cost as CSV: the header, and the evaluation lead's headcount line")
    func cost() async throws {
        let scratch = try Scratch()
        let database = try await DemoDatabase.shared.copy(into: scratch)
        let run = try await WagefileCLI.run(
            ["report", "cost", "--database-url", database] + Self.asOf + ["--format", "csv"], in: scratch)
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdoutLines.first
                == "layer,budget_owner,employment_model,count,annual_cost_usd,annual_loaded_cost_usd,annual_shifted_cost_usd,headcount,source"
        )
        #expect(run.stdoutLines.contains { $0.hasPrefix("evaluation-lead,headcount,employee,") }, "\(run)")
    }

    @Test("pay equity, vendors, datasets and the path upward: what each says, and the exit codes of the registers")
    func otherViews() async throws {
        let scratch = try Scratch()
        let database = try await DemoDatabase.shared.copy(into: scratch)
        let common = ["--database-url", database] + Self.asOf
        async let equity = WagefileCLI.run(["report", "pay-equity"] + common + ["--format", "md"], in: scratch)
        async let vendors = WagefileCLI.run(["report", "vendors"] + common + ["--format", "md"], in: scratch)
        async let datasets = WagefileCLI.run(["report", "datasets"] + common + ["--format", "json"], in: scratch)
        async let path = WagefileCLI.run(["report", "path-upward"] + common + ["--format", "md"], in: scratch)
        let (equityRun, vendorsRun, datasetsRun, pathRun) = try await (equity, vendors, datasets, path)
        #expect(equityRun.stdout.contains("not estimated"), "\(equityRun)")
        // 1: a register with open blocking findings or incomplete records.
        #expect(vendorsRun.status == 1 && vendorsRun.stdout.contains("1 with open blocking findings"), "\(vendorsRun)")
        #expect(datasetsRun.status == 1 && datasetsRun.stdout.contains(#""incomplete" : 1"#), "\(datasetsRun)")
        #expect(pathRun.stdout.contains("evaluation-lead"), "\(pathRun)")
    }

    @Test("report options refused: exit 2 with the option named")
    func badReportOptions() async throws {
        let scratch = try Scratch()
        let database = try await DemoDatabase.shared.copy(into: scratch)
        let common = ["--database-url", database] + Self.asOf
        async let currency = WagefileCLI.run(["report", "cost"] + common + ["--currency", "XYZ"], in: scratch)
        async let format = WagefileCLI.run(["report", "vendors"] + common + ["--format", "csv"], in: scratch)
        for (run, message) in [
            (try await currency, "--currency: no exchange rate for 'XYZ'"),
            (try await format, "--format csv: this view has json and md only"),
        ] {
            #expect(
                run.status == 2 && run.stderrLines.contains { $0.hasPrefix(message) }, "expected '\(message)': \(run)")
        }
    }

    @Test("a suggested mapping reads the whole example")
    func suggestedMapping() async throws {
        let scratch = try Scratch()
        let database = try await DemoDatabase.shared.copy(into: scratch)
        let suggestion = try await WagefileCLI.run(["import", "people", Self.people, "--suggest-mapping"], in: scratch)
        #expect(suggestion.status == 0, "\(suggestion)")
        let mapping = try scratch.write("suggested.yaml", suggestion.stdout)
        let preview = try await WagefileCLI.run(
            ["import", "people", Self.people, "--mapping", mapping, "--preview", "--database-url", database],
            in: scratch)
        #expect(preview.stdout.contains("10 rows, 10 ready"), "\(preview)")
    }

    @Test("backup is owner-only; restore into an empty SQLite file keeps the audit head; a second restore is refused")
    func backupAndRestore() async throws {
        let scratch = try Scratch()
        let database = try await DemoDatabase.shared.copy(into: scratch)
        let verify = try await WagefileCLI.run(["audit", "verify", "--database-url", database], in: scratch)
        // The head `audit verify` prints for keeping elsewhere: "  N:<64 hex>".
        let head = try #require(
            verify.stdoutLines.first { $0.wholeMatch(of: #/  [0-9]+:[0-9a-f]{64}/#) != nil }, "\(verify)"
        )
        .trimmingCharacters(in: .whitespaces)
        let backup = scratch.path("backup.jsonl")
        let written = try await WagefileCLI.run(["backup", "--database-url", database, "-o", backup], in: scratch)
        #expect(written.status == 0, "\(written)")
        let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600, "the backup must be readable by its owner only")

        let restored = "sqlite:\(scratch.path("restored.sqlite"))"
        let restore = try await WagefileCLI.run(
            ["restore", backup, "--database-url", restored, "--expect-head", head], in: scratch)
        #expect(restore.status == 0 && restore.stdout.contains("audit log intact"), "\(restore)")
        let twice = try await WagefileCLI.run(["restore", backup, "--database-url", restored], in: scratch)
        #expect(twice.status == 2 && twice.stderr.contains("restore into an empty database"), "\(twice)")
    }
}
