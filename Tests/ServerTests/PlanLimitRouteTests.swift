import Foundation
import Hummingbird
import Storage
import Testing
import WagefileTestSupport
import WebApp
import WorkModel

/// Bounded work per request: a signed-in viewer once held the server for 145 s and 2.46 GB with
/// one 2.8 KB program (16 difficulty classes, 10 tiers, `?frontier=true`).
@Suite("The planner's limits and budget through the API and its page")
struct PlanLimitRouteTests {
    @Test(
        "The attacker's 16 x 10 program is refused with 422 naming the limits and fields, before any work",
        .timeLimit(.minutes(1)))
    func theAttackersProgramIsRefusedAtOnce() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let attack = ShapedProgram.text(classes: 16, tiers: 10, autoClasses: 16)
            let started = ContinuousClock.now
            let reply = try await server.request(
                .post, "/api/v1/plan?frontier=true", as: team.viewer.bearer, text: attack)
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(reply.code == 422 && reply.isProblem, "\(reply.code) \(reply.text.prefix(300))")
            let detail = reply.json["detail"].string ?? ""
            #expect(detail.contains("classes") && detail.contains("tiers") && detail.contains("routings"), "\(detail)")
            #expect(Set(reply.errorFields) == ["difficulty", "tiers"])
            #expect(reply.json["errors"].array.contains { $0["message"].string?.contains("5311735 routings") == true })

            // The same through the page: the errors are shown, nothing is planned.
            let page = try await server.request(.get, "/planner", as: .cookie(team.viewer.cookie))
            let token = try WebPageTests.token(page)
            let planned = try await server.request(
                .post, "/planner", as: .cookie(team.viewer.cookie),
                bytes: WebPageTests.form([("csrf", token), ("program", attack)]), headers: WebPageTests.formHeaders)
            #expect(planned.code == 422 && planned.text.contains("routings"), "\(planned.code)")
        }
    }

    @Test("Within the shape limits, a frontier of too many routings is refused; the plan alone is made")
    func tooManyRoutingsIsOnlyAFrontierLimit() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            // 12 classes over 8 tiers: C(19, 12) + C(18, 11) = 82,212 routings, over the 20,000 allowed.
            let wide = ShapedProgram.text(classes: 12, tiers: 8, draws: 200)
            let frontier = try await server.request(
                .post, "/api/v1/plan?frontier=true", as: team.finance.bearer, text: wide)
            #expect(frontier.code == 422 && frontier.errorFields == ["difficulty"], "\(frontier.text.prefix(300))")
            #expect(frontier.json["detail"].string?.contains("routings") == true)
            let plan = try await server.request(.post, "/api/v1/plan", as: team.finance.bearer, text: wide)
            #expect(plan.code == 200, "\(plan.text.prefix(300))")
        }
    }

    @Test("Items, horizon and judges past the limits are 422s naming the field")
    func sizeLimitsNameTheField() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let base = ShapedProgram.text(classes: 2, tiers: 2)
            let cases: [(String, String)] = [
                (base.replacingOccurrences(of: "items: 100000", with: "items: 9000000000000000000"), "items"),
                (base.replacingOccurrences(of: "horizon_weeks: 12", with: "horizon_weeks: 0.0001"), "horizon_weeks"),
                (
                    base.replacingOccurrences(of: "judges_per_item: 3", with: "judges_per_item: 5000"),
                    "tiers[0].judges_per_item"
                ),
            ]
            for (text, field) in cases {
                let reply = try await server.request(.post, "/api/v1/plan", as: team.viewer.bearer, text: text)
                #expect(
                    reply.code == 422 && reply.errorFields.contains(field),
                    "\(field): \(reply.code) \(reply.text.prefix(300))")
            }
        }
    }

    @Test("A plan that outlives its time budget is stopped and answered 503 with Retry-After")
    func aSpentBudgetIs503() async throws {
        try await Server.run(planner: PlanWorkers(budget: .milliseconds(1))) { server in
            let team = try await server.makeTeam()
            let heavy = ShapedProgram.text(classes: 9, tiers: 8, judges: 9, draws: 200_000)
            let reply = try await server.request(
                .post, "/api/v1/plan?frontier=true", as: team.viewer.bearer, text: heavy)
            #expect(reply.code == 503 && reply.isProblem, "\(reply.code) \(reply.text.prefix(300))")
            #expect(reply.headers[.retryAfter] != nil)
            #expect(reply.json["detail"].string?.contains("budget") == true)
        }
    }

    @Test("Plans past the planning threads and the line are refused as busy, the rest are planned")
    func aFullLineIsBusy() async throws {
        try await Server.run(planner: PlanWorkers(waiting: 0)) { server in
            let team = try await server.makeTeam()
            let heavy = ShapedProgram.text(classes: 9, tiers: 8, judges: 9, draws: 200_000)
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<(PlanWorkers.threadCount + 3) {
                    group.addTask {
                        try await server.request(.post, "/api/v1/plan", as: team.viewer.bearer, text: heavy).code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(codes.allSatisfy { $0 == 200 || $0 == 503 }, "\(codes)")
            #expect(codes.contains(200) && codes.contains(503), "\(codes)")
        }
    }
}
