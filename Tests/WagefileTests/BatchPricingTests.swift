import DecisionFiles
import Foundation
import Testing
import WagefileTestSupport
import WorkModel

/// JSON Lines batches: one result per line, a bad line rejected with its own line number and
/// the rest still priced.
struct BatchPricingTests {
    let batch: BatchPricing

    init() throws { batch = BatchPricing(builder: try Shipped.get().builder) }

    static func line(id: String, task: String = "pairwise-preference", amount: Double = 55) -> String {
        #"{"id": "\#(id)", "title": "RLHF Rater", "judgment": {"purchased": "Calibrated preferences", "type": "comparative"}, "tasks": [{"task": "\#(task)"}], "direction": "train", "expertise": "specialist", "scope": "task-set", "modality": "text", "language": "common", "consequences": {"impact": "product-quality"}, "authority": "recommends", "data_sensitivity": "internal", "content_exposure": "occasional", "worker": {"status": "contractor", "jurisdiction": "US"}, "currency": "USD", "offered": {"amount": \#(amount), "basis": "hourly"}, "budget_owner": "product-quality"}"#
    }

    /// Prices every non-blank line of `text` as `batch.jsonl`.
    func priceAll(_ text: String) -> [BatchPricing.Outcome] {
        BatchPricing.lines(of: text).map { batch.price(String($0.text), file: "batch.jsonl", lineOffset: $0.offset) }
    }

    @Test func aBadMiddleLineIsRejectedAndTheOthersArePriced() throws {
        let text =
            [Self.line(id: "first"), Self.line(id: "second", task: "grade-vibes"), Self.line(id: "third")].joined(
                separator: "\n") + "\n"
        let outcomes = priceAll(text)
        #expect(outcomes.count == 3)

        guard case .priced(let first) = outcomes[0], case .rejected(let error) = outcomes[1],
            case .priced(let third) = outcomes[2]
        else {
            Issue.record("expected priced, rejected, priced; got \(outcomes)")
            return
        }
        #expect(first.spec.id == "first")
        #expect(third.spec.id == "third")
        #expect(first.spec.file == "batch.jsonl")

        let diagnostic = try #require(error.diagnostics.first)
        #expect(error.diagnostics.count == 1)
        #expect(diagnostic.file == "batch.jsonl")
        #expect(diagnostic.line == 2, "the rejected spec is on line 2 of the stream")
        #expect(diagnostic.field == "tasks[0].task")
        #expect(diagnostic.message.hasPrefix("'grade-vibes' is not one of:"))

        // The same spec priced alone and in the batch gives the same band: lines do not leak into each other.
        let alone = try Shipped.get().builder.build(try readSpec(Self.line(id: "third"), file: "batch.jsonl"))
        #expect(third.band == alone.band)
    }

    @Test func blankLinesAreSkippedButStillCounted() {
        let text = "\n" + Self.line(id: "a") + "\n   \n\n" + Self.line(id: "b", task: "grade-vibes") + "\n"
        let lines = BatchPricing.lines(of: text)
        #expect(lines.map(\.offset) == [1, 4])
        let outcomes = priceAll(text)
        guard outcomes.count == 2, case .rejected(let error) = outcomes[1] else {
            Issue.record("expected the second spec to be rejected; got \(outcomes)")
            return
        }
        #expect(error.diagnostics.first?.line == 5)
    }

    @Test func aBrokenLineIsRejectedOnItsLine() throws {
        let broken = String(Self.line(id: "cut").prefix(60))
        let outcomes = priceAll([Self.line(id: "a"), Self.line(id: "b"), broken].joined(separator: "\n"))
        #expect(outcomes.count == 3)
        guard case .rejected(let error) = outcomes[2] else {
            Issue.record("expected the cut-off line to be rejected")
            return
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.hasPrefix("not valid JSON:"))
    }

    @Test func aRejectionBecomesAnErrorRecord() throws {
        guard
            case .rejected(let error) = batch.price(
                Self.line(id: "bad", task: "grade-vibes"), file: "batch.jsonl", lineOffset: 6)
        else {
            Issue.record("expected a rejection")
            return
        }
        let record = RejectedSpec(error)
        #expect(record.schema == "wagefile.error/v1")
        #expect(record.file == "batch.jsonl")
        #expect(record.line == 7)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try JSONRendering.line(record).utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "wagefile.error/v1")
        #expect(json["line"] as? Int == 7)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.first?["field"] as? String == "tasks[0].task")
        #expect(diagnostics.first?["line"] as? Int == 7)
    }

    @Test func aYAMLDocumentIsPricedWhole() throws {
        guard case .priced(let file) = batch.price(BaseSpec.text, file: "role.yaml") else {
            Issue.record("expected the base spec to be priced")
            return
        }
        #expect(file.spec.id == "base-evaluator")
        #expect(file.spec.file == "role.yaml")
    }

    @Test(.bug(id: "jsonl-crlf", "JSON Lines with CRLF line endings are read as one line"))
    func windowsLineEndingsSplitLikeUnixOnes() {
        let text = [Self.line(id: "a"), Self.line(id: "b"), Self.line(id: "c")].joined(separator: "\r\n") + "\r\n"
        let lines = BatchPricing.lines(of: text)
        #expect(lines.map(\.offset) == [0, 1, 2])
        let outcomes = priceAll(text)
        #expect(outcomes.count == 3)
        #expect(outcomes.allSatisfy { if case .priced = $0 { true } else { false } })
    }
}
