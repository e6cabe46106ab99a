import Foundation
import Signal
import Testing
import WorkModel

/// An LLM judge held to the humans, worked by hand on six items.
@Suite struct JudgeAgreementTests {
    // Humans h1..h3 on six items; the judge `llm-v1` on all six; gold on i1 and i2.
    //   item  h1  h2  h3   consensus  judge
    //   i1    a   a   b    a          a
    //   i2    b   b   b    b          a     (disagrees)
    //   i3    a   a   a    a          a
    //   i4    a   b   -    tie        b     (left out)
    //   i5    b   b   a    b          b
    //   i6    a   a   b    a          a
    static let text = """
        i1,h1,a\ni1,h2,a\ni1,h3,b\ni1,llm-v1,a
        i2,h1,b\ni2,h2,b\ni2,h3,b\ni2,llm-v1,a
        i3,h1,a\ni3,h2,a\ni3,h3,a\ni3,llm-v1,a
        i4,h1,a\ni4,h2,b\ni4,llm-v1,b
        i5,h1,b\ni5,h2,b\ni5,h3,a\ni5,llm-v1,b
        i6,h1,a\ni6,h2,a\ni6,h3,b\ni6,llm-v1,a

        """

    static func set(judges: [String]) throws -> JudgmentSet {
        var options = JudgmentSetOptions()
        options.judges = judges
        var collector = JudgmentCollector(partitions: 2)
        try Data(("item,reviewer,value\n" + text).utf8).withUnsafeBytes {
            try collector.readDelimited($0, file: "j.csv")
        }
        collector.addGold([(item: "i1", value: .label("a")), (item: "i2", value: .label("b"))], file: "gold.csv")
        return try collector.finish(options)
    }

    @Test("Agreement, kappa, base rate, confusion, disagreements and gold, as worked by hand")
    func handWorked() throws {
        let report = AgreementAnalysis.report(try Self.set(judges: ["llm-*"]), files: [])
        let judge = try #require(report.judges?.first)
        #expect(judge.judge == "llm-v1")
        #expect(judge.items == 5)
        #expect(judge.tiedItems == 1)
        // 4 of 5 agree; judge shares a 4/5, b 1/5; consensus a 3/5, b 2/5; chance 0.8*0.6 + 0.2*0.4 = 0.56.
        #expect(abs((judge.agreement ?? .nan) - 0.8) < 1e-12)
        let kappa: Double = (0.8 - 0.56) / (1 - 0.56)
        #expect(abs((judge.kappa ?? .nan) - kappa) < 1e-12)
        #expect(abs((judge.baseRate ?? .nan) - 0.6) < 1e-12)
        #expect(judge.values == ["a", "b"])
        #expect(judge.confusion == [[3, 1], [0, 1]])
        let expected = [JudgeAgreement.Disagreement(item: "i2", judge: "a", consensus: "b")]
        #expect(judge.disagreements == expected)
        // Gold i1 = a, i2 = b: the judge 1 of 2; the humans 2 of 3 on i1 and 3 of 3 on i2.
        #expect(judge.goldAccuracy == 0.5)
        #expect(abs((judge.humanGoldAccuracy ?? .nan) - 5.0 / 6.0) < 1e-12)
    }

    @Test("The human figures leave the judge out: the same as reading the humans alone")
    func humanFiguresWithoutTheJudge() throws {
        let withJudge = AgreementAnalysis.report(try Self.set(judges: ["llm-v1"]), files: [])
        let humansOnly = try Sample.csv(
            "item,reviewer,value\n"
                + Self.text.split(separator: "\n").filter { !$0.contains("llm") }.joined(separator: "\n") + "\n")
        let alone = AgreementAnalysis.report(humansOnly, files: [])
        #expect(withJudge.alpha == alone.alpha)
        #expect(withJudge.judgments == alone.judgments)
        let reviewerIDs = withJudge.reviewers.map(\.id)
        #expect(reviewerIDs == ["h1", "h2", "h3"])
        #expect(withJudge.reviewerCount == 3)
        #expect(AgreementAnalysis.report(try Self.set(judges: []), files: []).judges == nil)
    }

    @Test("A --judge that names no reviewer is refused with the reviewers there are, not read as no judge")
    func unknownJudge() throws {
        let problems = Sample.problems { _ = try Self.set(judges: ["gpt-*"]) }
        #expect(problems == ["--judge:1:1: gpt-*: no reviewer is named gpt-*; reviewers: h1, h2, h3, llm-v1"])
    }
}
