import Foundation
import Hummingbird
import Storage
import Testing
import WebApp
import WorkModel

@Suite("The planner through the API and its page")
struct PlanRouteTests {
    static let program = """
        program: wagefile.program/v1
        id: api-plan
        items: 5000
        horizon_weeks: 6
        agreement_target: 0.8
        auto_grader: {cost_per_item: 0.01}
        difficulty:
          - {class: easy, share: 0.6, route: auto-grader, auto_agreement: 0.88}
          - {class: hard, share: 0.4, route: graders}
        tiers:
          - {id: graders, level: 1, judges_per_item: 3, items_per_hour: {mode: 25, low: 20, high: 30}, rate: {band: base-evaluator}, agreement: 0.84}
          - {id: experts, level: 2, judges_per_item: 2, items_per_hour: 6, rate: {card: domain-expert-evaluator}, agreement: 0.9}
        monte_carlo: {draws: 500, seed: 3}
        """

    @Test("plan: a program in, line items, spread and frontier out; the band from a stored decision file")
    func plan() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            // Without the role's wage file the band rate cannot be found.
            let missing = try await server.request(.post, "/api/v1/plan", as: team.viewer.bearer, text: Self.program)
            #expect(
                missing.code == 422 && missing.json["errors"][0]["message"].string?.contains("base-evaluator") == true)
            #expect(try await server.request(.post, "/api/v1/specs", as: carol, text: SpecTexts.role()).code == 201)
            #expect(
                try await server.request(.post, "/api/v1/specs/base-evaluator/decision-files", as: carol).code == 201)

            let reply = try await server.request(
                .post, "/api/v1/plan?frontier=true", as: team.viewer.bearer, text: Self.program)
            #expect(reply.code == 200, "\(reply.text)")
            let plan = reply.json["plan"]
            #expect(plan["schema"].string == "wagefile.plan/v2")
            #expect(plan["tiers"].array.count == 2)
            #expect(plan["tiers"][0]["rateSource"].string?.contains("band of role spec base-evaluator") == true)
            #expect(plan["monteCarlo"]["draws"].int == 500)
            #expect(reply.json["frontier"]["frontier"].array.count >= 2)
            let markdown = try await server.request(.post, "/api/v1/plan?format=md", as: carol, text: Self.program)
            #expect(markdown.text.hasPrefix("# Program plan: api-plan"))

            let bad = try await server.request(
                .post, "/api/v1/plan", as: carol, text: "program: wagefile.program/v1\nid: x\nitems: 0\n")
            #expect(
                bad.code == 422
                    && bad.json["errors"].array.contains { $0["field"].string == "items" && $0["line"].int == 3 })
            let greedy = try await server.request(
                .post, "/api/v1/plan", as: carol,
                text: Self.program.replacingOccurrences(of: "draws: 500", with: "draws: 5000000"))
            #expect(greedy.code == 422 && greedy.errorFields == ["monte_carlo.draws"])
            #expect(try await server.request(.post, "/api/v1/plan", text: Self.program).code == 401)

            // The page: the example to start from, then a plan with both charts.
            let page = try await server.request(.get, "/planner", as: .cookie(team.viewer.cookie))
            #expect(page.code == 200 && page.text.contains("q1-preference-data"))
            let token = try WebPageTests.token(page)
            let planned = try await server.request(
                .post, "/planner", as: .cookie(team.viewer.cookie),
                bytes: WebPageTests.form([("csrf", token), ("program", Self.program)]),
                headers: WebPageTests.formHeaders)
            #expect(
                planned.code == 200 && planned.text.contains(#"id="plan-cost-title""#)
                    && planned.text.contains(#"id="frontier-title""#))
            let broken = try await server.request(
                .post, "/planner", as: .cookie(team.viewer.cookie),
                bytes: WebPageTests.form([("csrf", token), ("program", "items: lots")]),
                headers: WebPageTests.formHeaders)
            #expect(broken.code == 422 && broken.text.contains("line 1: items"))
        }
    }
}
