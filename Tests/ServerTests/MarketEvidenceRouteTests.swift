import Foundation
import Hummingbird
import Testing
import WebApp

/// Market data stored through the API is evidence the pay line prices from, at once.
@Suite("Market data prices")
struct MarketEvidenceRouteTests {
    static let berlinRLHF = """
        spec: wagefile.role/v1
        id: berlin-rlhf
        title: RLHF Specialist
        judgment: {purchased: Calibrated preferences, type: comparative}
        tasks: [pairwise-preference]
        direction: train
        expertise: specialist
        scope: task-set
        modality: text
        language: common
        consequences: {impact: product-quality}
        authority: recommends
        data_sensitivity: internal
        content_exposure: occasional
        worker: {status: employee, jurisdiction: DE, location: Berlin}
        currency: EUR
        budget_owner: product-quality
        """

    @Test("a survey median for a benchmark's job prices that market at the median; others are listed as unpriced")
    func pricing() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            // Before: Germany's published differential, 57.01 USD/h x 0.761 x 0.86 EUR per USD = 37.31 EUR/h.
            let before = try await server.request(.post, "/api/v1/price", as: carol, text: Self.berlinRLHF)
            #expect(before.code == 200 && before.json["band"]["hourly"]["mid"].double == 37.31, "\(before.text)")

            // 70,500 EUR a year for Berlin: 70,500 / 2,080 h = 33.89 EUR/h.
            let stored = try await server.request(
                .post, "/api/v1/market-data", as: carol,
                json: """
                    {"id": "berlin-rlhf", "role": "rlhf-specialist", "location": "DE Berlin", "currency": "EUR", "period": "annual",
                     "p25Minor": 6100000, "p50Minor": 7050000, "p75Minor": 8000000, "source": "acme-survey-2026", "asOf": "2026-09"}
                    """)
            #expect(stored.code == 201, "\(stored.text)")
            #expect(
                try await server.request(
                    .post, "/api/v1/market-data", as: carol,
                    json: """
                        {"id": "unknown-job", "role": "Response evaluator", "location": "US-CA", "currency": "USD", "period": "hourly",
                         "p50Minor": 4250, "source": "acme-survey-2026", "asOf": "2026-01"}
                        """
                ).code == 201)

            let after = try await server.request(.post, "/api/v1/price", as: carol, text: Self.berlinRLHF)
            #expect(after.json["band"]["hourly"]["mid"].double == 33.89, "\(after.text)")
            #expect(
                after.json["band"]["locationBasis"].string?.contains(
                    "measured on 1 benchmark median(s) observed in DE (Berlin)") == true)
            // Elsewhere in Germany the published differential applies, to a knot that now pools the US
            // rate card (57.01) with Berlin's median in US terms (33.894 / 0.86 / 0.761 = 51.79):
            // sqrt(57.01 x 51.79) x 0.761 x 0.86 = 35.56 EUR/h.
            let munich = try await server.request(
                .post, "/api/v1/price", as: carol,
                text: Self.berlinRLHF.replacingOccurrences(of: "Berlin", with: "Munich"))
            #expect(munich.json["band"]["hourly"]["mid"].double == 35.56, "\(munich.text)")
            // The US keeps its own evidence: the rate card.
            let us = try await server.request(
                .post, "/api/v1/price", as: carol,
                text: Self.berlinRLHF
                    .replacingOccurrences(of: "jurisdiction: DE, location: Berlin", with: "jurisdiction: US")
                    .replacingOccurrences(of: "currency: EUR", with: "currency: USD"))
            #expect(us.json["band"]["hourly"]["mid"].double == 57.01, "\(us.text)")

            let calibration = try await server.request(.get, "/api/v1/pricing/calibration", as: team.viewer.bearer)
            #expect(calibration.code == 200, "\(calibration.text)")
            let rows = calibration.json["report"]["rows"].array
            #expect(rows.contains { $0["benchmark"].string == "market-data-berlin-rlhf" && $0["residual"].double == 0 })
            #expect(
                rows.contains { $0["benchmark"].string == "rlhf-specialist" && $0["residual"].double == 0 },
                "the rate card still prices the US")
            #expect(calibration.json["unpricedMarketData"].array.compactMap { $0["id"].string } == ["unknown-job"])

            // Deleting the point restores the published differential.
            #expect(
                try await server.request(.delete, "/api/v1/market-data/berlin-rlhf", as: carol, ifMatch: "\"1\"").code
                    == 204)
            let restored = try await server.request(.post, "/api/v1/price", as: carol, text: Self.berlinRLHF)
            #expect(restored.json["band"]["hourly"]["mid"].double == 37.31)
            server.expectCovered(["GET /api/v1/pricing/calibration"])
        }
    }

    @Test("evidence that would leave no rising pay line is refused, and nothing is stored")
    func refusedEvidence() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            // An annotator median of 90,000 USD an hour tips the least-squares slope below zero.
            let reply = try await server.request(
                .post, "/api/v1/market-data", as: carol,
                json: """
                    {"id": "absurd", "role": "volume-annotator", "location": "US", "currency": "USD", "period": "hourly",
                     "p50Minor": 9000000, "source": "typo", "asOf": "2026-09"}
                    """)
            #expect(
                reply.code == 422 && reply.text.contains("cannot be priced from")
                    && reply.text.contains("falls as points rise"), "\(reply.text)")
            let stored = try await server.request(.get, "/api/v1/market-data", as: team.viewer.bearer)
            #expect(stored.json["total"].int == 0, "the refused point was not written")
        }
    }
}
