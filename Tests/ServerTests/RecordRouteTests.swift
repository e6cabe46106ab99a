import Foundation
import Hummingbird
import Storage
import Testing
import WebApp
import WorkModel

@Suite("People, vendors, datasets, market data")
struct RecordRouteTests {
    @Test("people: create, list with filters, search and pages, read, conflicting edits, delete")
    func people() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer

            let created = try await server.request(
                .post, "/api/v1/people", as: carol, json: personJSON(name: "Ada Lovelace"))
            #expect(created.code == 201, "\(created.text)")
            let ada = try #require(created.json["id"].string)
            #expect(!ada.isEmpty)
            #expect(created.headers[.location] == "/api/v1/people/\(ada)")
            #expect(created.etag == "\"1\"")
            #expect(created.json["revision"].int == 1)
            #expect(created.json["payMinor"].int == 9_000_000)
            #expect(created.json["createdAt"].string?.hasPrefix("2026-11-21") == true)
            for (id, name, layer) in [
                ("p-grace", "Grace Hopper", "evaluation-lead"), ("p-alan", "Alan Turing", "evaluation"),
            ] {
                let reply = try await server.request(
                    .post, "/api/v1/people", as: carol, json: personJSON(id: id, name: name, workLayer: layer))
                #expect(reply.code == 201 && reply.json["id"].string == id, "\(reply.text)")
            }
            let duplicate = try await server.request(
                .post, "/api/v1/people", as: carol, json: personJSON(id: "p-alan", name: "Alan again"))
            #expect(duplicate.code == 409 && duplicate.isProblem)

            // Lists: ordered by name, paged, filtered, searched.
            let all = try await server.request(.get, "/api/v1/people", as: team.viewer.bearer)
            #expect(
                all.code == 200 && all.json["total"].int == 3 && all.json["limit"].int == 50
                    && all.json["offset"].int == 0)
            #expect(
                all.json["items"].array.compactMap { $0["name"].string } == [
                    "Ada Lovelace", "Alan Turing", "Grace Hopper",
                ])
            let page = try await server.request(.get, "/api/v1/people?limit=2&offset=1", as: team.viewer.bearer)
            #expect(page.json["total"].int == 3 && page.json["limit"].int == 2 && page.json["offset"].int == 1)
            #expect(page.json["items"].array.compactMap { $0["name"].string } == ["Alan Turing", "Grace Hopper"])
            let past = try await server.request(.get, "/api/v1/people?offset=10", as: team.viewer.bearer)
            #expect(past.json["total"].int == 3 && past.json["items"].array.isEmpty)
            let clamped = try await server.request(.get, "/api/v1/people?limit=100000", as: team.viewer.bearer)
            #expect(clamped.json["limit"].int == PageRequest.maximumLimit)
            let evaluation = try await server.request(
                .get, "/api/v1/people?workLayer=evaluation", as: team.viewer.bearer)
            #expect(evaluation.json["total"].int == 2)
            #expect(evaluation.json["items"].array.compactMap { $0["name"].string } == ["Ada Lovelace", "Alan Turing"])
            let leads = try await server.request(
                .get, "/api/v1/people?workLayer=evaluation-lead&employment=employee", as: team.viewer.bearer)
            #expect(leads.json["items"].array.compactMap { $0["id"].string } == ["p-grace"])
            let search = try await server.request(.get, "/api/v1/people?q=turing", as: team.viewer.bearer)
            #expect(search.json["total"].int == 1 && search.json["items"][0]["id"].string == "p-alan")
            let searchAndFilter = try await server.request(
                .get, "/api/v1/people?q=a&workLayer=evaluation-lead", as: team.viewer.bearer)
            #expect(searchAndFilter.json["items"].array.compactMap { $0["id"].string } == ["p-grace"])
            let notNumber = try await server.request(.get, "/api/v1/people?limit=ten", as: team.viewer.bearer)
            #expect(
                notNumber.code == 400 && notNumber.isProblem
                    && notNumber.json["detail"].string?.contains("limit") == true)

            // Conflicting edits: two clients read revision 1.
            let first = try await server.request(.get, "/api/v1/people/p-alan", as: carol)
            let second = try await server.request(.get, "/api/v1/people/p-alan", as: team.admin.bearer)
            #expect(first.code == 200 && first.etag == "\"1\"" && second.etag == "\"1\"")
            let promoted = personJSON(name: "Alan Turing", payMinor: 9_500_000, title: "Senior Evaluator")
            let saved = try await server.request(
                .put, "/api/v1/people/p-alan", as: carol, json: promoted, ifMatch: first.etag)
            #expect(saved.code == 200 && saved.etag == "\"2\"" && saved.json["revision"].int == 2, "\(saved.text)")
            #expect(saved.json["id"].string == "p-alan" && saved.json["title"].string == "Senior Evaluator")
            let overwrite = try await server.request(
                .put, "/api/v1/people/p-alan", as: team.admin.bearer,
                json: personJSON(name: "Alan M. Turing", payMinor: 1), ifMatch: second.etag)
            #expect(overwrite.code == 409, "\(overwrite.text)")
            #expect(overwrite.isProblem && overwrite.etag == "\"2\"")
            #expect(overwrite.json["status"].int == 409 && overwrite.json["title"].string == "Conflict")
            #expect(overwrite.json["detail"].string?.isEmpty == false)
            let after = try await server.request(.get, "/api/v1/people/p-alan", as: carol)
            #expect(after.etag == "\"2\"")
            #expect(after.json["name"].string == "Alan Turing" && after.json["title"].string == "Senior Evaluator")
            #expect(after.json["payMinor"].int == 9_500_000)

            let unconditional = try await server.request(.put, "/api/v1/people/p-alan", as: carol, json: promoted)
            #expect(unconditional.code == 428 && unconditional.isProblem && unconditional.json["status"].int == 428)
            let otherId = try await server.request(
                .put, "/api/v1/people/p-alan", as: carol, json: personJSON(id: "p-grace", name: "X"),
                ifMatch: "\"2\"")
            #expect(otherId.code == 422 && otherId.errorFields == ["id"])
            let absent = try await server.request(
                .put, "/api/v1/people/p-nobody", as: carol, json: promoted, ifMatch: "\"1\"")
            #expect(absent.code == 404 && absent.isProblem)

            // Validation names the fields.
            let unknownField = try await server.request(
                .post, "/api/v1/people", as: carol,
                json: #"{"name": "Typo", "employment": "employee", "salary": 5}"#)
            #expect(unknownField.code == 422 && unknownField.isProblem, "\(unknownField.text)")
            #expect(unknownField.errorFields == ["salary"])
            let invalid = try await server.request(
                .post, "/api/v1/people", as: carol,
                json: #"{"name": "", "employment": "intern", "payMinor": 5, "payBasis": "annual"}"#)
            #expect(
                invalid.code == 422 && Set(invalid.errorFields) == ["name", "employment", "currency"], "\(invalid.text)"
            )
            let wrongType = try await server.request(
                .post, "/api/v1/people", as: carol,
                json: #"{"name": "N", "employment": "employee", "payMinor": "lots"}"#)
            #expect(wrongType.code == 422 && wrongType.errorFields == ["payMinor"], "\(wrongType.text)")
            let missing = try await server.request(
                .post, "/api/v1/people", as: carol, json: #"{"employment": "employee"}"#)
            #expect(missing.code == 422 && missing.errorFields == ["name"], "\(missing.text)")

            // Delete needs the current ETag too.
            #expect(try await server.request(.delete, "/api/v1/people/p-alan", as: carol).code == 428)
            #expect(try await server.request(.delete, "/api/v1/people/p-alan", as: carol, ifMatch: "\"1\"").code == 409)
            let deleted = try await server.request(.delete, "/api/v1/people/p-alan", as: carol, ifMatch: "\"2\"")
            #expect(deleted.code == 204 && deleted.text.isEmpty)
            let gone = try await server.request(.get, "/api/v1/people/p-alan", as: carol)
            #expect(gone.code == 404 && gone.isProblem && gone.json["status"].int == 404)

            server.expectCovered(Coverage.people)
        }
    }

    @Test("individual pay is shown to admin and compensation only")
    func payVisibility() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let created = try await server.request(
                .post, "/api/v1/people", as: team.compensation.bearer,
                json: personJSON(id: "p-pay", name: "Paid Person", payMinor: 12_345_600))
            #expect(created.code == 201)
            let visible: [UserRole: Bool] = [
                .admin: true, .compensation: true, .procurement: false, .finance: false, .viewer: false,
            ]
            for (role, sees) in visible {
                let account = try #require(team.byRole[role])
                let list = try await server.request(.get, "/api/v1/people", as: account.bearer)
                let one = try await server.request(.get, "/api/v1/people/p-pay", as: account.bearer)
                let filtered = try await server.request(
                    .get, "/api/v1/people?workLayer=evaluation&q=paid", as: account.bearer)
                #expect(list.code == 200 && one.code == 200)
                for (what, person) in [
                    ("list", list.json["items"][0]), ("one", one.json), ("filtered", filtered.json["items"][0]),
                ] {
                    #expect(person["id"].string == "p-pay", "\(role.rawValue) \(what)")
                    #expect(
                        person["name"].string == "Paid Person",
                        "\(role.rawValue) \(what): the rest of the record is shown")
                    if sees {
                        #expect(person["payMinor"].int == 12_345_600, "\(role.rawValue) \(what) should see pay")
                    } else {
                        #expect(person["payMinor"].isMissing, "\(role.rawValue) \(what) must not see pay: \(person)")
                    }
                }
                if !sees {
                    #expect(
                        !list.text.contains("12345600") && !one.text.contains("12345600"),
                        "\(role.rawValue) sees the amount")
                }
            }
        }
    }

    @Test("vendors: procurement writes; spend hidden from viewers only")
    func vendors() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let pat = team.procurement.bearer
            let body =
                #"{"id": "v-acme", "name": "Acme Annotation", "country": "KE", "annualSpendMinor": 98765400, "currency": "USD"}"#
            let created = try await server.request(.post, "/api/v1/vendors", as: pat, json: body)
            #expect(
                created.code == 201 && created.headers[.location] == "/api/v1/vendors/v-acme"
                    && created.etag == "\"1\"", "\(created.text)")
            #expect(created.json["annualSpendMinor"].int == 98_765_400)
            #expect(
                try await server.request(
                    .post, "/api/v1/vendors", as: pat, json: #"{"name": "Beta Labels", "country": "PH"}"#
                ).code == 201)

            for (role, sees) in [
                (UserRole.admin, true), (.compensation, true), (.procurement, true), (.finance, true), (.viewer, false),
            ] {
                let account = try #require(team.byRole[role])
                let one = try await server.request(.get, "/api/v1/vendors/v-acme", as: account.bearer)
                let list = try await server.request(.get, "/api/v1/vendors?country=KE", as: account.bearer)
                #expect(one.code == 200 && list.json["total"].int == 1)
                #expect(one.json["annualSpendMinor"].isMissing == !sees, "\(role.rawValue): \(one.text)")
                #expect(list.json["items"][0]["annualSpendMinor"].isMissing == !sees, "\(role.rawValue): \(list.text)")
                #expect(one.json["name"].string == "Acme Annotation")
            }
            let search = try await server.request(.get, "/api/v1/vendors?q=beta", as: team.viewer.bearer)
            #expect(search.json["items"].array.compactMap { $0["name"].string } == ["Beta Labels"])

            let noCurrency = try await server.request(
                .post, "/api/v1/vendors", as: pat, json: #"{"name": "X", "annualSpendMinor": 5}"#)
            #expect(noCurrency.code == 422 && noCurrency.errorFields == ["currency"])

            let updated = try await server.request(
                .put, "/api/v1/vendors/v-acme", as: pat,
                json: #"{"name": "Acme Annotation Ltd", "country": "KE", "lastAudit": "2026-10"}"#,
                ifMatch: "\"1\"")
            #expect(
                updated.code == 200 && updated.etag == "\"2\"" && updated.json["lastAudit"].string == "2026-10",
                "\(updated.text)")
            #expect(updated.json["annualSpendMinor"].isMissing, "a PUT replaces the whole record")
            #expect(
                try await server.request(
                    .put, "/api/v1/vendors/v-acme", as: pat, json: #"{"name": "Stale"}"#, ifMatch: "\"1\""
                ).code == 409)
            #expect(
                try await server.request(.get, "/api/v1/vendors/v-acme", as: pat).json["name"].string
                    == "Acme Annotation Ltd")
            #expect(try await server.request(.delete, "/api/v1/vendors/v-acme", as: pat, ifMatch: "\"2\"").code == 204)
            #expect(try await server.request(.get, "/api/v1/vendors", as: pat).json["total"].int == 1)

            server.expectCovered(Coverage.vendors)
        }
    }

    @Test("datasets: written by compensation and procurement, filtered by vendor")
    func datasets() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            #expect(
                try await server.request(
                    .post, "/api/v1/vendors", as: team.procurement.bearer, json: #"{"id": "v-1", "name": "Vendor One"}"#
                ).code == 201)
            let created = try await server.request(
                .post, "/api/v1/datasets", as: team.compensation.bearer,
                json: """
                    {"id": "d-voices", "name": "Voice prompts", "vendorId": "v-1", "recordedWork": true, "consentRecord": "consent/2026.pdf"}
                    """)
            #expect(created.code == 201 && created.headers[.location] == "/api/v1/datasets/d-voices", "\(created.text)")
            #expect(created.json["recordedWork"].bool == true)
            let second = try await server.request(
                .post, "/api/v1/datasets", as: team.procurement.bearer,
                json: #"{"name": "Transcripts", "recordedWork": false}"#)
            #expect(second.code == 201)
            let unknownVendor = try await server.request(
                .post, "/api/v1/datasets", as: team.procurement.bearer,
                json: #"{"name": "Orphan", "vendorId": "v-missing", "recordedWork": false}"#)
            #expect(unknownVendor.code == 422 && unknownVendor.isProblem, "\(unknownVendor.code) \(unknownVendor.text)")

            let byVendor = try await server.request(.get, "/api/v1/datasets?vendorId=v-1", as: team.finance.bearer)
            #expect(
                byVendor.code == 200 && byVendor.json["total"].int == 1
                    && byVendor.json["items"][0]["id"].string == "d-voices")
            let all = try await server.request(.get, "/api/v1/datasets?limit=1", as: team.finance.bearer)
            #expect(all.json["total"].int == 2 && all.json["items"].array.count == 1)
            let one = try await server.request(.get, "/api/v1/datasets/d-voices", as: team.viewer.bearer)
            #expect(one.code == 200 && one.etag == "\"1\"" && one.json["consentRecord"].string == "consent/2026.pdf")
            let updated = try await server.request(
                .put, "/api/v1/datasets/d-voices", as: team.procurement.bearer,
                json: """
                    {"name": "Voice prompts", "vendorId": "v-1", "recordedWork": true, "consentRecord": "consent/2026.pdf", "retention": "5 years"}
                    """, ifMatch: "\"1\"")
            #expect(
                updated.code == 200 && updated.json["retention"].string == "5 years" && updated.etag == "\"2\"",
                "\(updated.text)")
            #expect(
                try await server.request(
                    .delete, "/api/v1/datasets/d-voices", as: team.compensation.bearer, ifMatch: "\"2\""
                ).code == 204)
            #expect(try await server.request(.get, "/api/v1/datasets/d-voices", as: team.viewer.bearer).code == 404)

            server.expectCovered(Coverage.datasets)
        }
    }

    @Test("market data: percentiles checked, filtered by role")
    func marketData() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            let created = try await server.request(
                .post, "/api/v1/market-data", as: carol,
                json: """
                    {"id": "m-1", "role": "Response evaluator", "location": "US-CA", "currency": "USD", "period": "hourly",
                     "p25Minor": 3500, "p50Minor": 4250, "p75Minor": 5100, "source": "Survey 2026", "asOf": "2026-01"}
                    """)
            #expect(created.code == 201 && created.headers[.location] == "/api/v1/market-data/m-1", "\(created.text)")
            #expect(
                try await server.request(
                    .post, "/api/v1/market-data", as: carol,
                    json: """
                        {"role": "Red teamer", "location": "GB", "currency": "GBP", "period": "annual", "p50Minor": 7000000,
                         "source": "Survey 2026", "asOf": "2026"}
                        """
                ).code == 201)
            let inverted = try await server.request(
                .post, "/api/v1/market-data", as: carol,
                json: """
                    {"role": "R", "location": "L", "currency": "usd", "period": "weekly", "p25Minor": 9, "p50Minor": 5,
                     "source": "S", "asOf": "last year"}
                    """)
            #expect(
                inverted.code == 422 && Set(inverted.errorFields) == ["currency", "period", "p25Minor", "asOf"],
                "\(inverted.text)")

            let byRole = try await server.request(.get, "/api/v1/market-data?role=Red%20teamer", as: team.viewer.bearer)
            #expect(
                byRole.code == 200 && byRole.json["total"].int == 1
                    && byRole.json["items"][0]["currency"].string == "GBP", "\(byRole.text)")
            let all = try await server.request(.get, "/api/v1/market-data", as: team.viewer.bearer)
            #expect(all.json["items"].array.compactMap { $0["role"].string } == ["Red teamer", "Response evaluator"])
            let one = try await server.request(.get, "/api/v1/market-data/m-1", as: team.viewer.bearer)
            #expect(one.code == 200 && one.json["p50Minor"].int == 4250 && one.etag == "\"1\"")
            let updated = try await server.request(
                .put, "/api/v1/market-data/m-1", as: carol,
                json: """
                    {"role": "Response evaluator", "location": "US-CA", "currency": "USD", "period": "hourly",
                     "p50Minor": 4400, "source": "Survey 2026", "asOf": "2026-06", "revision": 99, "createdAt": "ignored"}
                    """, ifMatch: "\"1\"")
            #expect(
                updated.code == 200 && updated.json["p50Minor"].int == 4400 && updated.json["revision"].int == 2,
                "\(updated.text)")
            #expect(updated.json["createdAt"].string?.hasPrefix("2026-11-21") == true, "server fields are the server's")
            #expect(
                try await server.request(.delete, "/api/v1/market-data/m-1", as: carol, ifMatch: "\"2\"").code == 204)

            server.expectCovered(Coverage.marketData)
        }
    }
}
