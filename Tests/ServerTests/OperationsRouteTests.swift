import Foundation
import Hummingbird
import SQLKit
import Storage
import Testing
import WebApp
import WorkModel

@Suite("Health, metrics, OpenAPI, audit and bad input")
struct OperationsRouteTests {
    @Test("health, metrics with route labels, and the OpenAPI document")
    func operations() async throws {
        try await Server.run { server in
            let health = try await server.request(.get, "/health")
            #expect(health.code == 200, "\(health.text)")
            #expect(health.contentType.hasPrefix("application/json"))
            #expect(health.json["status"].string == "ok")
            #expect(health.json["database"].string == "ok")
            #expect(health.json["databaseKind"].string == "sqlite")
            #expect(health.json["version"].string == WagefileVersion.current)

            let openapi = try await server.request(.get, "/openapi.yaml")
            #expect(openapi.code == 200)
            #expect(openapi.contentType.contains("yaml"), "\(openapi.contentType)")

            // Some traffic: a templated route, a refused request and an unknown route.
            let team = try await server.makeTeam()
            #expect(
                try await server.request(
                    .post, "/api/v1/people", as: team.compensation.bearer,
                    json: personJSON(id: "p-metrics", name: "Metric Person")
                ).code == 201)
            #expect(try await server.request(.get, "/api/v1/people/p-metrics", as: team.viewer.bearer).code == 200)
            #expect(try await server.request(.get, "/api/v1/people/p-metrics", as: team.viewer.bearer).code == 200)
            #expect(try await server.request(.get, "/api/v1/people").code == 401)
            #expect(try await server.request(.get, "/no/such/route").code == 404)

            let metrics = try await server.request(.get, "/metrics")
            #expect(metrics.code == 200)
            #expect(metrics.contentType.hasPrefix("text/plain"), "\(metrics.contentType)")
            let text = metrics.text
            #expect(text.contains("# TYPE wagefile_http_requests_total counter"))
            #expect(
                text.contains(#"wagefile_http_requests_total{method="GET",route="/health",status="200"} 1"#), "\(text)")
            #expect(
                text.contains(
                    #"wagefile_http_requests_total{method="GET",route="/api/v1/people/{id}",status="200"} 2"#),
                "\(text)")
            #expect(
                text.contains(#"wagefile_http_requests_total{method="GET",route="/api/v1/people",status="401"} 1"#),
                "\(text)")
            #expect(
                text.contains(#"wagefile_http_requests_total{method="POST",route="/api/v1/people",status="201"} 1"#),
                "\(text)")
            #expect(
                text.contains(
                    #"wagefile_http_request_duration_seconds_count{method="GET",route="/api/v1/people/{id}"} 2"#),
                "\(text)")
            #expect(text.contains("wagefile_http_requests_in_flight"))
            // Labels are route templates, never ids or raw paths.
            #expect(!text.contains("p-metrics"))
            #expect(!text.contains("/no/such/route"))
            // Every sample line is `name{labels} value` or `name value`.
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: " ")
                #expect(parts.count == 2 && Double(parts[1]) != nil, "not a Prometheus sample: \(line)")
            }

            server.expectCovered(Coverage.operations)
        }
    }

    @Test("the audit log lists changes newest first with actors, and its chain verifies")
    func audit() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            #expect(
                try await server.request(
                    .post, "/api/v1/people", as: carol, json: personJSON(id: "p-audit", name: "Audited")
                ).code == 201)
            #expect(
                try await server.request(
                    .put, "/api/v1/people/p-audit", as: carol,
                    json: personJSON(name: "Audited", payMinor: 9_100_000), ifMatch: "\"1\""
                ).code == 200)
            #expect(
                try await server.request(.post, "/api/v1/specs", as: team.procurement.bearer, text: SpecTexts.vendor)
                    .code == 201)

            let log = try await server.request(.get, "/api/v1/audit", as: team.admin.bearer)
            #expect(log.code == 200, "\(log.text)")
            let items = log.json["items"].array
            let total = try #require(log.json["total"].int)
            #expect(total == items.count && total > 10)
            let seqs = items.compactMap { $0["seq"].int }
            #expect(seqs == seqs.sorted(by: >), "newest first")
            #expect(seqs.first == total)
            #expect(items[0]["actor"].string == team.procurement.email)
            #expect(items[0]["action"].string == "create" && items[0]["entity"].string == "spec")
            #expect(items[1]["actor"].string == team.compensation.email)
            #expect(items[1]["action"].string == "update" && items[1]["entityId"].string == "p-audit")
            #expect(
                items[1]["before"].string?.contains("9000000") == true
                    && items[1]["after"].string?.contains("9100000") == true)
            #expect(items.last?["actor"].string == "system", "the first admin was created by the system")
            #expect(items.allSatisfy { $0["hash"].string?.count == 64 })

            let people = try await server.request(.get, "/api/v1/audit?entity=person&limit=1", as: carol)
            #expect(people.code == 200 && people.json["total"].int == 2 && people.json["items"].array.count == 1)
            #expect(people.json["items"][0]["action"].string == "update")
            let byActor = try await server.request(.get, "/api/v1/audit?actor=\(team.procurement.email)", as: carol)
            #expect(byActor.json["items"].array.allSatisfy { $0["actor"].string == team.procurement.email })
            #expect(byActor.json["total"].int == 2, "procurement's token and spec")
            let byId = try await server.request(.get, "/api/v1/audit?entity=person&entityId=p-audit", as: carol)
            #expect(byId.json["total"].int == 2)

            let verify = try await server.request(.get, "/api/v1/audit/verify", as: team.admin.bearer)
            #expect(verify.code == 200, "\(verify.text)")
            #expect(
                verify.json["breaks"].array.isEmpty && verify.json["breaks"].object == nil
                    && !verify.json["breaks"].isMissing)
            #expect(verify.json["entries"].int == total && verify.json["lastSeq"].int == total)
            #expect(verify.json["lastHash"].string == items[0]["hash"].string)
            #expect(verify.json["intact"].bool == true)

            server.expectCovered(Coverage.audit)
        }
    }

    /// The route checks the chain against the server's signed checkpoints, so a log rewritten
    /// with recomputed hashes and head (which the chain alone accepts) answers 409.
    @Test("audit verify checks the signed checkpoints: a rewritten chain with a recomputed head is a conflict")
    func auditVerifyAgainstCheckpoints() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wagefile-anchor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let anchor = try AuditAnchor.open(
            keyPath: folder.appendingPathComponent("audit.key").path,
            checkpointsPath: folder.appendingPathComponent("checkpoints.jsonl").path, create: true)
        try await Server.run(auditAnchor: anchor) { server in
            let team = try await server.makeTeam()
            #expect(
                try await server.request(
                    .post, "/api/v1/people", as: team.compensation.bearer, json: personJSON(id: "p-1", name: "One")
                ).code == 201)
            let (_, written) = try await anchor.checkpoint(server.store.audit, now: FixedClock.now)
            guard case .written(let checkpoint) = written else {
                Issue.record("no checkpoint written: \(written)")
                return
            }

            let intact = try await server.request(.get, "/api/v1/audit/verify", as: team.admin.bearer)
            #expect(intact.code == 200 && intact.json["intact"].bool == true, "\(intact.text)")
            #expect(intact.json["checkpoints"].int == 1 && intact.json["anchoredThrough"].int == checkpoint.seq)

            // Entry 1 rewritten and every hash after it recomputed, head included, straight in the database.
            try await server.store.database.transaction { sql in
                try await sql.raw("DROP TRIGGER audit_log_no_update").run()
                let entries = try await sql.select().column("*").from("audit_log").orderBy("seq")
                    .all(decoding: AuditEntry.self, keyDecodingStrategy: .convertFromSnakeCase)
                var previous = AuditChain.genesis
                for var entry in entries {
                    if entry.seq == 1 { entry.actor = "mallory@example.com" }
                    entry.prevHash = previous
                    entry.hash = AuditChain.hash(of: entry)
                    try await sql.raw(
                        """
                        UPDATE audit_log SET actor = \(bind: entry.actor), prev_hash = \(bind: entry.prevHash), \
                        hash = \(bind: entry.hash) WHERE seq = \(bind: entry.seq)
                        """
                    ).run()
                    previous = entry.hash
                }
                try await sql.raw("UPDATE audit_head SET hash = \(bind: previous) WHERE id = 1").run()
            }
            #expect(try await server.store.audit.verify().intact, "the chain alone agrees with itself")
            let tampered = try await server.request(.get, "/api/v1/audit/verify", as: team.admin.bearer)
            #expect(tampered.code == 409 && tampered.json["intact"].bool == false, "\(tampered.text)")
            let breaks = tampered.json["breaks"].array.compactMap(\.string)
            #expect(
                breaks.count == 1
                    && breaks[0].hasPrefix("the checkpoint of entry \(checkpoint.seq) signed \(checkpoint.at)"),
                "\(breaks)")
            #expect(breaks.first?.contains("no longer matches") == true)
        }
    }

    @Test("bad input: invalid JSON, unknown fields, oversized bodies, unknown routes, bad numbers")
    func badInput() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer

            let invalidJSON = try await server.request(.post, "/api/v1/people", as: carol, json: #"{"name": "#)
            #expect(invalidJSON.code == 400 && invalidJSON.isProblem, "\(invalidJSON.text)")
            #expect(invalidJSON.json["status"].int == 400 && invalidJSON.json["title"].string == "Bad Request")
            #expect(invalidJSON.json["instance"].string == "/api/v1/people")
            let notObject = try await server.request(.post, "/api/v1/people", as: carol, json: "[1, 2]")
            #expect(notObject.code == 400)
            let emptyBody = try await server.request(.post, "/api/v1/people", as: carol)
            #expect(emptyBody.code == 400)
            let invalidSession = try await server.request(.post, "/api/v1/session", json: "email=a&password=b")
            #expect(invalidSession.code == 400 && invalidSession.isProblem)

            let unknownField = try await server.request(
                .post, "/api/v1/people", as: carol,
                json: #"{"name": "N", "employment": "employee", "nickname": "n", "salaryy": 1}"#)
            #expect(unknownField.code == 422 && unknownField.isProblem)
            #expect(unknownField.errorFields == ["nickname", "salaryy"], "\(unknownField.text)")
            #expect(unknownField.json["errors"][0]["message"].string?.isEmpty == false)

            // Just over 1 MiB, as JSON and as spec text.
            let huge = "{\"name\": \"" + String(repeating: "x", count: 1 << 20) + "\"}"
            let tooLarge = try await server.request(.post, "/api/v1/people", as: carol, json: huge)
            #expect(tooLarge.code == 413 && tooLarge.isProblem, "\(tooLarge.code) \(tooLarge.text.prefix(200))")
            let hugeSpec = try await server.request(
                .post, "/api/v1/specs", as: carol, text: String(repeating: "# comment\n", count: 110_000))
            #expect(hugeSpec.code == 413 && hugeSpec.isProblem)
            // Just under the limit is read (and refused for its content, not its size).
            let underLimit =
                "{\"name\": \"" + String(repeating: "x", count: (1 << 20) - 100) + "\", \"employment\": \"employee\"}"
            #expect(try await server.request(.post, "/api/v1/people", as: carol, json: underLimit).code == 422)

            let unknownRoute = try await server.request(.get, "/api/v1/nothing-here", as: carol)
            #expect(
                unknownRoute.code == 404 && unknownRoute.isProblem, "\(unknownRoute.code) \(unknownRoute.contentType)")
            #expect(unknownRoute.json["status"].int == 404 && unknownRoute.json["title"].string == "Not Found")
            let anonymousUnknown = try await server.request(.get, "/nothing")
            #expect(anonymousUnknown.code == 404 && anonymousUnknown.isProblem)

            for uri in [
                "/api/v1/people?limit=abc", "/api/v1/people?offset=1.5", "/api/v1/specs?limit=x",
                "/api/v1/decision-files?offset=-x", "/api/v1/audit?limit=ten", "/api/v1/vendors?limit=%20",
            ] {
                let reply = try await server.request(.get, uri, as: team.admin.bearer)
                #expect(reply.code == 400 && reply.isProblem, "\(uri): \(reply.code) \(reply.text)")
            }
            let badIfMatch = try await server.request(.delete, "/api/v1/people/anyone", as: carol, ifMatch: "W/\"x\"")
            #expect(badIfMatch.code == 400 && badIfMatch.isProblem)
            let weakIfMatch = try await server.request(.delete, "/api/v1/people/anyone", as: carol, ifMatch: "W/\"1\"")
            #expect(weakIfMatch.code == 404, "a weak ETag is read as the revision")
        }
    }
}
