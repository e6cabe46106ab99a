import Foundation
import Hummingbird
import Storage
import Testing
import WebApp
import WorkModel

@Suite("Decision files and review")
struct DecisionFileRouteTests {
    @Test("compute, submit, four-eyes approval, reject with a comment, renderings")
    func review() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            let cyrus = team.compensation2.bearer
            #expect(try await server.request(.post, "/api/v1/specs", as: carol, text: SpecTexts.role()).code == 201)

            // Compute: a draft.
            let computed = try await server.request(.post, "/api/v1/specs/base-evaluator/decision-files", as: carol)
            #expect(computed.code == 201, "\(computed.text)")
            let id = try #require(computed.json["id"].string)
            #expect(computed.headers[.location] == "/api/v1/decision-files/\(id)")
            #expect(computed.etag == "\"1\"")
            #expect(computed.json["status"].string == "draft")
            #expect(computed.json["specId"].string == "base-evaluator")
            #expect(computed.json["specVersion"].int == 1)
            #expect(computed.json["evaluatedOn"].string == "2026-11-21")
            #expect(computed.json["createdBy"].string == team.compensation.email)
            #expect(computed.json["currency"].string == "USD")
            #expect((computed.json["bandMinMinor"].int ?? 0) > 0)
            #expect(computed.json["document"].isMissing, "the summary leaves the document out")
            #expect(try await server.request(.post, "/api/v1/specs/nothing-here/decision-files", as: carol).code == 404)
            #expect(
                try await server.request(.post, "/api/v1/specs/base-evaluator/decision-files?version=7", as: carol).code
                    == 404)

            // Submit needs If-Match.
            let unconditional = try await server.request(.post, "/api/v1/decision-files/\(id)/submit", as: carol)
            #expect(unconditional.code == 428 && unconditional.isProblem)
            let submitted = try await server.request(
                .post, "/api/v1/decision-files/\(id)/submit", as: carol, ifMatch: "\"1\"")
            #expect(submitted.code == 200, "\(submitted.text)")
            #expect(submitted.json["status"].string == "in-review" && submitted.etag == "\"2\"")
            #expect(submitted.json["submittedBy"].string == team.compensation.email)

            // Four eyes: the submitter may not decide.
            let selfApproval = try await server.request(
                .post, "/api/v1/decision-files/\(id)/approve", as: carol, ifMatch: "\"2\"")
            #expect(selfApproval.code == 403 && selfApproval.isProblem, "\(selfApproval.text)")
            let selfReject = try await server.request(
                .post, "/api/v1/decision-files/\(id)/reject", as: carol,
                json: #"{"comment": "changed my mind"}"#, ifMatch: "\"2\"")
            #expect(selfReject.code == 403)
            // Rejecting needs a reason.
            let bareReject = try await server.request(
                .post, "/api/v1/decision-files/\(id)/reject", as: cyrus, ifMatch: "\"2\"")
            #expect(
                bareReject.code == 422 && bareReject.isProblem && bareReject.errorFields == ["comment"],
                "\(bareReject.text)")
            let blankReject = try await server.request(
                .post, "/api/v1/decision-files/\(id)/reject", as: cyrus,
                json: #"{"comment": "   "}"#, ifMatch: "\"2\"")
            #expect(blankReject.code == 422)
            let staleApproval = try await server.request(
                .post, "/api/v1/decision-files/\(id)/approve", as: cyrus, ifMatch: "\"1\"")
            #expect(staleApproval.code == 409 && staleApproval.etag == "\"2\"", "\(staleApproval.text)")

            // Another compensation user approves.
            let approved = try await server.request(
                .post, "/api/v1/decision-files/\(id)/approve", as: cyrus,
                json: #"{"comment": "band checked"}"#, ifMatch: "\"2\"")
            #expect(approved.code == 200, "\(approved.text)")
            #expect(approved.json["status"].string == "approved" && approved.etag == "\"3\"")
            #expect(approved.json["statusBy"].string == team.compensation2.email)
            #expect(approved.json["statusComment"].string == "band checked")
            #expect(approved.json["submittedBy"].string == team.compensation.email)

            // Approved is final.
            let resubmit = try await server.request(
                .post, "/api/v1/decision-files/\(id)/submit", as: carol, ifMatch: "\"3\"")
            #expect(resubmit.code == 422 && resubmit.isProblem, "\(resubmit.text)")

            // The whole file: summary and document.
            let file = try await server.request(.get, "/api/v1/decision-files/\(id)", as: team.viewer.bearer)
            #expect(file.code == 200 && file.etag == "\"3\"", "\(file.text)")
            #expect(file.contentType.hasPrefix("application/json"))
            #expect(file.json["status"].string == "approved")
            #expect(file.json["document"]["schema"].string == "wagefile.decision/v1")
            #expect(file.json["document"]["spec"]["id"].string == "base-evaluator")
            #expect(file.json["document"]["evaluatedOn"].string == "2026-11-21")
            #expect(
                try await server.request(.get, "/api/v1/decision-files/\(id)?format=json", as: team.viewer.bearer).text
                    == file.text)

            let markdown = try await server.request(
                .get, "/api/v1/decision-files/\(id)?format=md", as: team.viewer.bearer)
            #expect(markdown.code == 200 && markdown.contentType.hasPrefix("text/markdown"))
            #expect(markdown.text.contains("Response Evaluator"))
            let html = try await server.request(
                .get, "/api/v1/decision-files/\(id)?format=html", as: team.viewer.bearer)
            #expect(html.code == 200 && html.contentType.hasPrefix("text/html"))
            #expect(html.text.contains("<") && html.text.contains("Response Evaluator"))
            let csv = try await server.request(.get, "/api/v1/decision-files/\(id)?format=csv", as: team.viewer.bearer)
            #expect(csv.code == 200 && csv.contentType.hasPrefix("text/csv"))
            #expect(csv.text.contains("base-evaluator") && csv.text.hasSuffix("\n"))
            let xml = try await server.request(.get, "/api/v1/decision-files/\(id)?format=xml", as: team.viewer.bearer)
            #expect(xml.code == 400 && xml.isProblem && xml.json["detail"].string?.contains("xml") == true)
            let missing = try await server.request(.get, "/api/v1/decision-files/no-such-file", as: team.viewer.bearer)
            #expect(missing.code == 404 && missing.isProblem)

            // A second file, for version 1 explicitly, rejected and resubmitted.
            let other = try await server.request(
                .post, "/api/v1/specs/base-evaluator/decision-files?version=1", as: team.procurement.bearer)
            #expect(other.code == 201)
            let otherId = try #require(other.json["id"].string)
            #expect(
                try await server.request(
                    .post, "/api/v1/decision-files/\(otherId)/submit", as: team.procurement.bearer, ifMatch: "\"1\""
                ).code == 200)
            let rejected = try await server.request(
                .post, "/api/v1/decision-files/\(otherId)/reject", as: cyrus,
                json: #"{"comment": "offer below the band"}"#, ifMatch: "\"2\"")
            #expect(rejected.code == 200 && rejected.json["status"].string == "rejected", "\(rejected.text)")
            #expect(rejected.json["statusComment"].string == "offer below the band")
            #expect(rejected.json["statusBy"].string == team.compensation2.email)
            let again = try await server.request(
                .post, "/api/v1/decision-files/\(otherId)/submit", as: team.procurement.bearer, ifMatch: "\"3\"")
            #expect(again.code == 200 && again.json["status"].string == "in-review")
            // An admin decides on the file procurement submitted.
            let adminApproval = try await server.request(
                .post, "/api/v1/decision-files/\(otherId)/approve", as: team.admin.bearer, ifMatch: "\"4\"")
            #expect(adminApproval.code == 200 && adminApproval.json["statusBy"].string == team.admin.email)

            // Lists and filters.
            let list = try await server.request(.get, "/api/v1/decision-files", as: team.finance.bearer)
            #expect(list.code == 200 && list.json["total"].int == 2)
            #expect(list.json["items"].array.allSatisfy { $0["document"].isMissing })
            let approvedOnly = try await server.request(
                .get, "/api/v1/decision-files?status=approved&spec=base-evaluator", as: team.finance.bearer)
            #expect(approvedOnly.json["total"].int == 2)
            let drafts = try await server.request(.get, "/api/v1/decision-files?status=draft", as: team.finance.bearer)
            #expect(drafts.json["total"].int == 0 && drafts.json["items"].array.isEmpty)
            let otherSpec = try await server.request(
                .get, "/api/v1/decision-files?spec=nothing-here", as: team.finance.bearer)
            #expect(otherSpec.json["total"].int == 0)
            let layer = try #require(file.json["layer"].string)
            let byLayer = try await server.request(
                .get, "/api/v1/decision-files?layer=\(layer)&limit=1", as: team.finance.bearer)
            #expect(
                byLayer.json["total"].int == 2 && byLayer.json["items"].array.count == 1
                    && byLayer.json["limit"].int == 1)
            let badStatus = try await server.request(
                .get, "/api/v1/decision-files?status=pending", as: team.finance.bearer)
            #expect(badStatus.code == 400 && badStatus.isProblem)

            server.expectCovered(Coverage.review)
        }
    }

    /// Four eyes is about people, not roles: an admin may not decide on what they sent
    /// (AuthorizationMatrixTests.adminsGetFourEyesToo), but another admin may.
    @Test("an admin may decide on a file another admin submitted")
    func adminDecidesOnAnotherAdminsFile() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let admin = team.admin.bearer
            let second = try await server.makeUser(.admin, email: "ada2@example.com", by: team.admin)
            #expect(try await server.request(.post, "/api/v1/specs", as: admin, text: SpecTexts.role()).code == 201)
            let file = try await server.request(.post, "/api/v1/specs/base-evaluator/decision-files", as: admin)
            let id = try #require(file.json["id"].string)
            #expect(
                try await server.request(.post, "/api/v1/decision-files/\(id)/submit", as: admin, ifMatch: "\"1\"").code
                    == 200)
            #expect(
                try await server.request(.post, "/api/v1/decision-files/\(id)/approve", as: admin, ifMatch: "\"2\"")
                    .code == 403)
            let approved = try await server.request(
                .post, "/api/v1/decision-files/\(id)/approve", as: second.bearer, ifMatch: "\"2\"")
            #expect(approved.code == 200 && approved.json["status"].string == "approved", "\(approved.text)")
            #expect(
                approved.json["statusBy"].string == second.email
                    && approved.json["submittedBy"].string == team.admin.email)
        }
    }
}
