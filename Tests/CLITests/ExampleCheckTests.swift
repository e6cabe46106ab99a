import Foundation
import Testing

/// The examples priced from the command line, with the exit codes scripts rely on, and the
/// compliance path end to end on a pinned date (floors, audits and pending laws depend on it).
@Suite("CLI: examples and compliance")
struct ExampleCheckTests {
    @Test("price examples --format md: exit 1 (the examples have blocking findings), one wage file per example")
    func examplesAsMarkdown() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(["price", "examples", "--format", "md"], in: scratch)
        #expect(run.status == 1, "\(run)")
        let files = run.stdoutLines.filter { $0.hasPrefix("# Wage file:") }.count
        #expect(files == (try exampleSpecCount()), "\(run)")
    }

    @Test("price examples --format csv: exit 1, a header and one row per example")
    func examplesAsCSV() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(["price", "examples", "--format", "csv"], in: scratch)
        #expect(run.status == 1, "\(run)")
        // `wc -l` counts newline-terminated lines.
        #expect(run.stdout.filter { $0 == "\n" }.count == (try exampleSpecCount()) + 1, "\(run)")
    }

    @Test("check examples: every example is a valid spec")
    func examplesCheck() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(["check", "examples"], in: scratch)
        #expect(run.status == 0, "\(run)")
    }

    @Test("the annotated spec in docs/ROLE-SPEC.md stays a valid spec")
    func annotatedSpecInTheDocs() async throws {
        let scratch = try Scratch()
        let document = try readRepositoryFile("docs/ROLE-SPEC.md")
        // The first ```yaml block, as the reader copies it.
        let afterFence = try #require(
            document.components(separatedBy: "```yaml\n").dropFirst().first, "no ```yaml block in docs/ROLE-SPEC.md")
        let spec = try #require(afterFence.components(separatedBy: "```").first)
        let file = try scratch.write("doc-spec.yaml", spec)
        let run = try await WagefileCLI.run(["check", file], in: scratch)
        #expect(run.status == 0, "\(run)")
    }

    @Test("the California labelling contractor on 2026-11-21: exit 1, effective pay below the floor")
    func californiaContractor() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(
            ["price", "examples/california-labelling-contractor.yaml", "--as-of", "2026-11-21", "--format", "csv"],
            in: scratch)
        #expect(run.status == 1, "\(run)")
        // Floor 16.90, effective 15.93, gap -0.97, the floor's source, high confidence.
        let row = try Regex(#",16\.90,15\.93,-0\.97,[^,]*,high,"#)
        #expect(run.stdout.contains(row), "\(run)")
    }

    @Test("a German employee above the floor on 2026-11-21 gets no pay findings")
    func germanEmployeeAboveTheFloor() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(
            ["price", "examples/data-quality-analyst.yaml", "--as-of", "2026-11-21", "--format", "json"], in: scratch)
        let findings = try #require(try jsonObject(run.stdout)["findings"] as? [[String: Any]], "\(run)")
        let pay = findings.compactMap { finding -> String? in
            let rule = finding["rule"] as? String ?? ""
            let severity = finding["severity"] as? String ?? ""
            return rule.hasPrefix("effective-pay.") || (rule.hasPrefix("wage-floor.") && severity != "info")
                ? rule : nil
        }
        #expect(pay.isEmpty, "a German employee above the floor got pay findings: \(pay)")
    }
}
