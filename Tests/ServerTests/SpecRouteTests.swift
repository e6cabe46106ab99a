import Foundation
import Hummingbird
import Storage
import Testing
import WebApp
import WorkModel

@Suite("Specs")
struct SpecRouteTests {
    @Test("create, list, read, version, diff and price specs")
    func specs() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer

            let created = try await server.request(
                .post, "/api/v1/specs?comment=first%20draft", as: carol, text: SpecTexts.role())
            #expect(created.code == 201, "\(created.text)")
            #expect(created.headers[.location] == "/api/v1/specs/base-evaluator")
            #expect(created.etag == "\"1\"")
            #expect(created.json["id"].string == "base-evaluator")
            #expect(created.json["kind"].string == "role")
            #expect(created.json["title"].string == "Response Evaluator")
            #expect(created.json["currentVersion"].int == 1)
            #expect(created.json["createdBy"].string == team.compensation.email)

            let duplicate = try await server.request(.post, "/api/v1/specs", as: carol, text: SpecTexts.role())
            #expect(duplicate.code == 409 && duplicate.isProblem, "\(duplicate.text)")
            let empty = try await server.request(.post, "/api/v1/specs", as: carol, text: "  \n")
            #expect(empty.code == 400 && empty.isProblem)

            // Two more specs for the list.
            #expect(
                try await server.request(
                    .post, "/api/v1/specs", as: carol,
                    text: SpecTexts.role(id: "senior-evaluator", replacing: [3: "title: Senior Evaluator"])
                ).code == 201)
            #expect(
                try await server.request(.post, "/api/v1/specs", as: team.procurement.bearer, text: SpecTexts.vendor)
                    .code == 201)

            let all = try await server.request(.get, "/api/v1/specs", as: team.viewer.bearer)
            #expect(
                all.code == 200 && all.json["total"].int == 3 && all.json["limit"].int == 50
                    && all.json["offset"].int == 0)
            #expect(
                all.json["items"].array.compactMap { $0["id"].string } == [
                    "base-evaluator", "senior-evaluator", "vendor-swahili-transcription",
                ])
            let vendors = try await server.request(.get, "/api/v1/specs?kind=vendor-contract", as: team.viewer.bearer)
            #expect(vendors.json["total"].int == 1 && vendors.json["items"][0]["kind"].string == "vendor-contract")
            let search = try await server.request(.get, "/api/v1/specs?q=SENIOR", as: team.viewer.bearer)
            #expect(search.json["items"].array.compactMap { $0["id"].string } == ["senior-evaluator"])
            let page = try await server.request(.get, "/api/v1/specs?limit=1&offset=1", as: team.viewer.bearer)
            #expect(page.json["total"].int == 3 && page.json["limit"].int == 1 && page.json["offset"].int == 1)
            #expect(page.json["items"].array.compactMap { $0["id"].string } == ["senior-evaluator"])
            let badKind = try await server.request(.get, "/api/v1/specs?kind=bogus", as: team.viewer.bearer)
            #expect(badKind.code == 400 && badKind.isProblem)

            // Conflicting edits: both editors read version 1.
            let first = try await server.request(.get, "/api/v1/specs/base-evaluator", as: carol)
            let second = try await server.request(.get, "/api/v1/specs/base-evaluator", as: team.admin.bearer)
            #expect(first.code == 200 && first.etag == "\"1\"" && second.etag == "\"1\"")
            let v2 = SpecTexts.role(replacing: [21: "offered: {amount: 32, basis: hourly}"])
            let saved = try await server.request(
                .put, "/api/v1/specs/base-evaluator?comment=raise", as: carol, text: v2,
                ifMatch: first.etag)
            #expect(
                saved.code == 200 && saved.etag == "\"2\"" && saved.json["currentVersion"].int == 2, "\(saved.text)")
            let lost = try await server.request(
                .put, "/api/v1/specs/base-evaluator", as: team.admin.bearer,
                text: SpecTexts.role(replacing: [21: "offered: {amount: 40, basis: hourly}"]),
                ifMatch: second.etag)
            #expect(lost.code == 409 && lost.isProblem && lost.etag == "\"2\"", "\(lost.text)")
            #expect(lost.json["status"].int == 409 && lost.json["title"].string == "Conflict")
            let unconditional = try await server.request(.put, "/api/v1/specs/base-evaluator", as: carol, text: v2)
            #expect(unconditional.code == 428 && unconditional.isProblem)
            let wrongId = try await server.request(
                .put, "/api/v1/specs/base-evaluator", as: carol,
                text: SpecTexts.role(id: "other-id"), ifMatch: "\"2\"")
            #expect(wrongId.code == 422 && wrongId.errorFields == ["id"], "\(wrongId.text)")
            let garbledIfMatch = try await server.request(
                .put, "/api/v1/specs/base-evaluator", as: carol, text: v2, ifMatch: "yesterday")
            #expect(garbledIfMatch.code == 400)
            #expect(
                try await server.request(
                    .put, "/api/v1/specs/nothing-here", as: carol, text: SpecTexts.role(id: "nothing-here"),
                    ifMatch: "\"1\""
                ).code == 404)

            // Nothing lost: version 2 is the first editor's text.
            let current = try await server.request(.get, "/api/v1/specs/base-evaluator", as: team.viewer.bearer)
            #expect(current.etag == "\"2\"" && current.json["currentVersion"].int == 2)
            let versions = try await server.request(
                .get, "/api/v1/specs/base-evaluator/versions", as: team.viewer.bearer)
            #expect(versions.code == 200)
            #expect(versions.json["items"].array.compactMap { $0["version"].int } == [1, 2])
            #expect(versions.json["items"].array.map { $0["comment"].string } == ["first draft", "raise"])
            #expect(versions.json["items"][1]["createdBy"].string == team.compensation.email)
            let version2 = try await server.request(
                .get, "/api/v1/specs/base-evaluator/versions/2", as: team.viewer.bearer)
            #expect(version2.code == 200 && version2.etag == "\"2\"")
            #expect(version2.json["body"].string == v2)
            #expect(try await server.request(.get, "/api/v1/specs/base-evaluator/versions/9", as: carol).code == 404)
            #expect(try await server.request(.get, "/api/v1/specs/base-evaluator/versions/two", as: carol).code == 400)
            #expect(try await server.request(.get, "/api/v1/specs/nothing-here/versions", as: carol).code == 404)

            let diff = try await server.request(
                .get, "/api/v1/specs/base-evaluator/diff?from=1&to=2", as: team.viewer.bearer)
            #expect(diff.code == 200, "\(diff.text)")
            #expect(diff.json["from"].int == 1 && diff.json["to"].int == 2)
            #expect(diff.json["added"].int == 1 && diff.json["removed"].int == 1)
            let unified = try #require(diff.json["unified"].string)
            #expect(unified.contains("-offered: {amount: 30, basis: hourly}"), "\(unified)")
            #expect(unified.contains("+offered: {amount: 32, basis: hourly}"), "\(unified)")
            #expect(!unified.contains("-budget_owner"))
            #expect(try await server.request(.get, "/api/v1/specs/base-evaluator/diff", as: carol).code == 400)
            #expect(
                try await server.request(.get, "/api/v1/specs/base-evaluator/diff?from=1&to=x", as: carol).code == 400)

            // Pricing without storing, for any signed-in user.
            let priced = try await server.request(
                .post, "/api/v1/price", as: team.viewer.bearer, text: SpecTexts.role(id: "preview"))
            #expect(priced.code == 200, "\(priced.text)")
            #expect(priced.contentType.hasPrefix("application/json"))
            #expect(priced.json["schema"].string == "wagefile.decision/v1")
            #expect(priced.json["spec"]["id"].string == "preview")
            #expect(priced.json["evaluatedOn"].string == "2026-11-21")
            #expect(
                try await server.request(.get, "/api/v1/specs/preview", as: carol).code == 404, "pricing must not store"
            )

            server.expectCovered(Coverage.specs)
        }
    }

    @Test("a spec with a bad field is refused with the field, line and column")
    func invalidSpec() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let bad = SpecTexts.role(replacing: [12: "scope: everything-everywhere"])
            for (method, uri, ifMatch) in [
                (HTTPRequest.Method.post, "/api/v1/specs", nil as String?), (.post, "/api/v1/price", nil),
            ] {
                let reply = try await server.request(
                    method, uri, as: team.compensation.bearer, text: bad, ifMatch: ifMatch)
                #expect(reply.code == 422, "\(uri): \(reply.text)")
                #expect(reply.isProblem)
                #expect(reply.json["status"].int == 422)
                #expect(reply.json["title"].string != nil && reply.json["detail"].string != nil)
                let error = reply.json["errors"][0]
                #expect(error["field"].string == "scope", "\(reply.text)")
                #expect(error["line"].int == 12, "\(reply.text)")
                #expect((error["column"].int ?? 0) >= 1, "\(reply.text)")
                #expect(error["message"].string?.isEmpty == false)
            }
            // An edit that breaks the spec is refused and version 1 stays current.
            #expect(
                try await server.request(.post, "/api/v1/specs", as: team.compensation.bearer, text: SpecTexts.role())
                    .code == 201)
            let edit = try await server.request(
                .put, "/api/v1/specs/base-evaluator", as: team.compensation.bearer, text: bad, ifMatch: "\"1\"")
            #expect(edit.code == 422 && edit.json["errors"][0]["line"].int == 12)
            #expect(
                try await server.request(.get, "/api/v1/specs/base-evaluator", as: team.viewer.bearer).etag == "\"1\"")
        }
    }
}
