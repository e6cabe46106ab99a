import Foundation
import Testing

/// `wagefile agree` end to end: a reference fixture's statistics, Dawid-Skene's labels written
/// (and written over), and bad input named by file:line:column with nothing on standard output.
@Suite("CLI: agree")
struct AgreeCheckTests {
    private static let oracles = "Tests/SignalTests/Fixtures/oracles"

    @Test("agree matches the reference packages' alpha and kappas, and reports every section")
    func referenceFixture() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(
            ["agree", "\(Self.oracles)/kappa-two-raters.jsonl", "--level", "interval"], in: scratch)
        #expect(run.status == 0, "\(run)")
        let ours = try jsonObject(run.stdout)
        let fixture = try jsonObject(try readRepositoryFile("\(Self.oracles)/kappa-two-raters.json"))
        let reference = try #require(fixture["expected"] as? [String: Any])

        let alpha = try #require(number(ours["alpha"]))
        let referenceAlpha = try #require(number((reference["alpha"] as? [String: Any])?["interval"]))
        #expect(abs(alpha - referenceAlpha) < 1e-9, "alpha \(alpha), reference \(referenceAlpha)")
        let fleiss = try #require(number(ours["fleissKappa"]))
        let referenceFleiss = try #require(number(reference["fleissKappa"]))
        #expect(abs(fleiss - referenceFleiss) < 1e-12)
        let quadratic = try #require(number((ours["cohenKappa"] as? [String: Any])?["quadratic"]))
        let referenceQuadratic = try #require(number((reference["cohenKappa"] as? [String: Any])?["quadratic"]))
        #expect(abs(quadratic - referenceQuadratic) < 1e-12)

        for key in [
            "units", "judgments", "reviewerCount", "alpha", "alphaCI", "fleissKappa", "percentAgreement", "reviewers",
        ] {
            #expect(ours[key] != nil, "no '\(key)' in the report")
        }
        let reviewers = try #require(ours["reviewers"] as? [[String: Any]])
        for reviewer in reviewers {
            #expect(
                Set(["id", "judgments", "agreementWithOthers", "goldJudgments"]).isSubset(of: reviewer.keys),
                "\(reviewer)")
        }
    }

    @Test("Dawid-Skene converges in 32 iterations, and its labels file is written over cleanly six times")
    func dawidSkeneLabels() async throws {
        let scratch = try Scratch()
        let labels = scratch.path("labels.csv")
        let input = "\(Self.oracles)/ds-small.jsonl"
        let first = try await WagefileCLI.run(
            ["agree", input, "--dawid-skene", "--labels-out", labels, "--format", "md"], in: scratch)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("Dawid-Skene | 32 iterations"), "\(first)")
        // Writing over an existing output file (Foundation's replaceItemAt once failed one time in two).
        for _ in 1...6 {
            let again = try await WagefileCLI.run(
                ["agree", input, "--dawid-skene", "--labels-out", labels], in: scratch)
            #expect(again.status == 0, "\(again)")
        }
        let text = try scratch.read("labels.csv")
        #expect(text.split(separator: "\n", maxSplits: 1).first == "item,label,posterior")
        #expect(text.filter { $0 == "\n" }.count == 1501)
    }

    @Test("a short CSV row: exit 2 naming file:line:column, nothing on standard output")
    func shortRow() async throws {
        let scratch = try Scratch()
        let bad = try scratch.write("bad.csv", "item,reviewer,value\ni1,r1,a\ni2,r2\n")
        let run = try await WagefileCLI.run(["agree", bad], in: scratch)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("bad.csv:3:1: value: the row has 2 cells; expected at least 3"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test("labels at the interval level: exit 2, the level needs numbers")
    func labelsAreNotNumbers() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(
            ["agree", "\(Self.oracles)/alpha-nominal-labels.jsonl", "--level", "interval"], in: scratch)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("is not a number; the interval level needs numbers"), "\(run)")
    }
}
