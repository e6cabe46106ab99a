import Foundation
import Specs
import Testing

/// Spec text as a role without access to individual pay reads it.
@Suite struct SpecTextWithheldTests {
    static let yaml = """
        # Lina Park asked to be considered.
        spec: wagefile.role/v1
        id: lead
        title: Evaluation Lead
        internal_candidates:
          - name: Lina Park
            title: Support Lead
            pay: {amount: 92000, basis: annual}
            evidence:
              - Built the gold set

        # the budget
        budget_owner: product-quality

        """

    @Test func theCandidatesBlockBecomesAVisibleNoticeAndTheRestIsKept() {
        let shown = SpecTextWithheld.text(Self.yaml)
        #expect(!shown.contains("92000") && !shown.contains("Lina Park") && !shown.contains("Support Lead"))
        #expect(shown.contains("# internal_candidates: withheld: 1 named person with their pay and evidence"))
        #expect(shown.contains("# [withheld] asked to be considered."), "a name in a comment is withheld too")
        #expect(
            shown.contains("\n\n# the budget\nbudget_owner: product-quality\n"),
            "the next key keeps its comment: \(shown)")
        #expect(shown.contains("title: Evaluation Lead"))
    }

    @Test func textWithoutCandidatesIsUnchanged() {
        let text = "spec: wagefile.role/v1\nid: a\ntitle: Annotator\n"
        #expect(SpecTextWithheld.text(text) == text)
    }

    @Test func jsonGetsTheNoticeAsTheValue() throws {
        let json =
            #"{"spec": "wagefile.role/v1", "id": "lead", "internal_candidates": [{"name": "Lina Park", "pay": {"amount": 92000, "basis": "annual"}}], "title": "Lead"}"#
        let shown = SpecTextWithheld.text(json)
        #expect(!shown.contains("92000") && !shown.contains("Lina"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect((object["internal_candidates"] as? String)?.hasPrefix("withheld: 1 named person") == true)
        #expect(object["title"] as? String == "Lead")
    }

    @Test func aOneLineFlowMappingIsWithheldWhole() {
        let flow =
            "{spec: wagefile.role/v1, id: a, internal_candidates: [{name: Lina Park, pay: {amount: 92000, basis: annual}}]}"
        #expect(SpecTextWithheld.text(flow) == SpecTextWithheld.wholeTextWithheld)
    }

    @Test func unreadableTextMentioningCandidatesIsWithheldWhole() {
        #expect(SpecTextWithheld.text("internal_candidates: [\n  - {") == SpecTextWithheld.wholeTextWithheld)
    }
}
