import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage
import Testing
import WebApp
import WorkModel

/// The pages, driven in process the way a browser without JavaScript would: forms, cookies,
/// redirects and the CSRF token read from the page.
@Suite("Web pages")
struct WebPageTests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.map {
                "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The CSRF token a page carries in its forms.
    static func token(_ page: Reply) throws -> String {
        let marker = #"name="csrf" value=""#
        let start = try #require(page.text.range(of: marker), "no form token on the page").upperBound
        return String(page.text[start...].prefix { $0 != "\"" })
    }

    /// The new-role form as the editor fills it.
    static func roleFields(id: String, share: String = "1", jurisdiction: String = "US-CA") -> [(String, String)] {
        [
            ("id", id), ("title", "Rubric Grader"), ("judgment.purchased", "Grades against a rubric with reasons."),
            ("judgment.type", "rubric-application"), ("tasks[0].task", "apply-rubric"), ("tasks[0].share", share),
            ("direction", "evaluate"), ("expertise.level", "trained"), ("scope", "task-set"), ("modality", "text"),
            ("language.scarcity", "common"), ("consequences.if_wrong", "Bad grades ship defects."),
            ("consequences.impact", "product-quality"),
            ("authority", "none"), ("data_sensitivity", "internal"), ("content_exposure", "none"),
            ("worker.status", "contractor"),
            ("worker.jurisdiction", jurisdiction), ("worker.hours_per_week", "40"), ("currency", "USD"),
            ("offered.amount", "30"),
            ("offered.basis", "hourly"), ("budget_owner", "product-quality"),
        ]
    }

    @Test("sign in with the form, and a page needing sign-in sends you there and back")
    func signIn() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let anonymous = try await server.request(.get, "/people")
            #expect(anonymous.code == 303 && anonymous.headers[.location] == "/signin?next=%2Fpeople")
            let page = try await server.request(.get, "/signin?next=%2Fpeople")
            #expect(page.code == 200 && page.contentType.hasPrefix("text/html"))
            #expect(page.text.contains(#"<label for="email">Email</label>"#) && page.text.contains(#"value="/people""#))
            let csrfCookie = try #require(Server.cookiePair(page.headers[.setCookie]))
            let token = try Self.token(page)
            let wrong = try await server.request(
                .post, "/signin", as: .cookie(csrfCookie),
                bytes: Self.form([
                    ("csrf", token), ("email", team.viewer.email), ("password", "not it"), ("next", "/people"),
                ]), headers: Self.formHeaders)
            #expect(wrong.code == 401 && wrong.text.contains("the email or password is wrong"))
            let forged = try await server.request(
                .post, "/signin",
                bytes: Self.form([
                    ("csrf", token), ("email", team.viewer.email), ("password", team.viewer.password),
                ]), headers: Self.formHeaders)
            #expect(forged.code == 403, "no CSRF cookie: the form did not come from this site")
            let signedIn = try await server.request(
                .post, "/signin", as: .cookie(csrfCookie),
                bytes: Self.form([
                    ("csrf", token), ("email", team.viewer.email), ("password", team.viewer.password),
                    ("next", "/people"),
                ]), headers: Self.formHeaders)
            #expect(signedIn.code == 303 && signedIn.headers[.location] == "/people")
            let session = try #require(Server.cookiePair(signedIn.headers[.setCookie]))
            let people = try await server.request(.get, "/people", as: .cookie(session))
            #expect(people.code == 200 && people.text.contains("(viewer)"), "signed in as the viewer")
            #expect(people.headers[.cacheControl] == "no-store")
            // An open redirect would send a fresh session to another site.
            let away = try await server.request(
                .post, "/signin", as: .cookie(csrfCookie),
                bytes: Self.form([
                    ("csrf", token), ("email", team.viewer.email), ("password", team.viewer.password),
                    ("next", "//evil.example/"),
                ]), headers: Self.formHeaders)
            #expect(away.headers[.location] == "/")
        }
    }

    @Test("create a role: errors beside the fields, the band before saving, review with four eyes, the audit entry")
    func roleFlow() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = Auth.cookie(team.compensation.cookie)
            let editor = try await server.request(.get, "/roles/new", as: carol)
            #expect(editor.code == 200 && editor.text.contains("Preview the band"))
            let token = try Self.token(editor)

            let bad = try await server.request(
                .post, "/roles/new", as: carol,
                bytes: Self.form(
                    [("csrf", token), ("action", "preview")]
                        + Self.roleFields(id: "web-grader", share: "lots", jurisdiction: "Mars")),
                headers: Self.formHeaders)
            #expect(bad.code == 422)
            #expect(bad.text.contains(#"data-field="tasks[0].share""#), "the share's error sits beside the share")
            #expect(bad.text.contains(#"data-field="worker.jurisdiction""#))
            #expect(bad.text.contains(#"aria-invalid="true""#))
            #expect(bad.text.contains(#"value="lots""#), "what was typed is kept")

            let preview = try await server.request(
                .post, "/roles/new", as: carol,
                bytes: Self.form([("csrf", token), ("action", "preview")] + Self.roleFields(id: "web-grader")),
                headers: Self.formHeaders)
            #expect(
                preview.code == 200 && preview.text.contains("Repriced band (not saved)")
                    && preview.text.contains("<svg"))
            #expect(try await server.store.specs.list().total == 0, "a preview stores nothing")

            let saved = try await server.request(
                .post, "/roles/new", as: carol,
                bytes: Self.form([("csrf", token), ("action", "save")] + Self.roleFields(id: "web-grader")),
                headers: Self.formHeaders)
            #expect(saved.code == 303)
            let location = try #require(saved.headers[.location])
            #expect(location.hasPrefix("/decision-files/"))
            let file = try await server.request(.get, location, as: carol)
            #expect(
                file.code == 200 && file.text.contains("Send for review") && file.text.contains("The ten questions"))
            #expect(file.text.contains(#"role="img""#) && file.text.contains("<desc id=\"band-desc\">Hourly band"))

            let submitted = try await server.request(
                .post, location + "/submit", as: carol,
                bytes: Self.form([("csrf", try Self.token(file)), ("revision", "1")]), headers: Self.formHeaders)
            #expect(submitted.code == 303)
            let own = try await server.request(.get, location, as: carol)
            #expect(own.text.contains("another reviewer decides") && !own.text.contains(#"id="approve""#))
            let ownApproval = try await server.request(
                .post, location + "/approve", as: carol,
                bytes: Self.form([("csrf", try Self.token(own)), ("revision", "2")]), headers: Self.formHeaders)
            #expect(ownApproval.code == 403)

            let cyrus = Auth.cookie(team.compensation2.cookie)
            let review = try await server.request(.get, location, as: cyrus)
            #expect(review.text.contains(#"id="approve""#))
            let approved = try await server.request(
                .post, location + "/approve", as: cyrus,
                bytes: Self.form([("csrf", try Self.token(review)), ("revision", "2"), ("comment", "fine")]),
                headers: Self.formHeaders)
            #expect(approved.code == 303)
            #expect(
                try await server.request(.get, location, as: cyrus).text.contains(
                    #"<strong id="review-status">approved</strong>"#))

            let audit = try await server.request(.get, "/audit?entity=decision-file", as: carol)
            #expect(audit.code == 200)
            #expect(audit.text.contains("approve") && audit.text.contains(team.compensation2.email))
            let roles = try await server.request(.get, "/roles?status=approved", as: .cookie(team.viewer.cookie))
            #expect(roles.text.contains("web-grader"))
            // The wage file's grade and loaded cost on its page, its grade in the list, grouped on request.
            #expect(file.text.contains("<h2>Job grade</h2>") && file.text.contains("<h2>Loaded cost</h2>"))
            #expect(
                roles.text.contains(#"<th scope="col">Grade</th>"#)
                    && roles.text.range(of: #"<td>G\d\d [A-Z]"#, options: .regularExpression) != nil)
            let grouped = try await server.request(.get, "/roles?group=grade", as: .cookie(team.viewer.cookie))
            #expect(grouped.code == 200 && grouped.text.contains(#"<option value="grade" selected>"#))
        }
    }

    @Test("forms without the session's token are refused, and roles see only what they may")
    func guards() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = Auth.cookie(team.compensation.cookie)
            let forged = try await server.request(
                .post, "/roles/new", as: carol,
                bytes: Self.form([("action", "save")] + Self.roleFields(id: "forged")), headers: Self.formHeaders)
            #expect(forged.code == 403 && forged.text.contains("did not come from this site"))
            let otherToken = try await server.request(
                .post, "/roles/new", as: carol,
                bytes: Self.form([("csrf", "x"), ("action", "save")] + Self.roleFields(id: "forged")),
                headers: Self.formHeaders)
            #expect(otherToken.code == 403)
            #expect(try await server.store.specs.list().total == 0)
            // Procurement writes vendor contracts only, in the pages as in the API.
            let pat = Auth.cookie(team.procurement.cookie)
            let procurementForm = try await server.request(.get, "/roles/new", as: pat)
            let refusedRole = try await server.request(
                .post, "/roles/new", as: pat,
                bytes: Self.form(
                    [("csrf", try Self.token(procurementForm)), ("action", "save")] + Self.roleFields(id: "pat-role")),
                headers: Self.formHeaders)
            #expect(refusedRole.code == 403 && refusedRole.text.contains("vendor-contract specs only"))
            #expect(try await server.store.specs.list().total == 0)

            let person =
                #"{"id": "p-1", "name": "Paid Person", "employment": "employee", "payMinor": 9100000, "currency": "USD", "payBasis": "annual"}"#
            #expect(
                try await server.request(.post, "/api/v1/people", as: team.compensation.bearer, json: person).code
                    == 201)
            let viewer = Auth.cookie(team.viewer.cookie)
            let people = try await server.request(.get, "/people", as: viewer)
            #expect(people.code == 200 && people.text.contains("Paid Person"))
            #expect(!people.text.contains("91,000") && people.text.contains(#"id="pay-hidden""#))
            #expect(try await server.request(.get, "/people", as: carol).text.contains("91,000.00 USD annual"))
            #expect(try await server.request(.get, "/reports/compression", as: viewer).code == 403)
            for path in ["/reports/pay-equity", "/reports/path-upward", "/reports/cost"] {
                #expect(try await server.request(.get, path, as: viewer).code == 403, "\(path)")
                #expect(try await server.request(.get, path, as: carol).code == 200, "\(path)")
            }
            #expect(
                try await server.request(.get, "/reports/cost", as: .cookie(team.finance.cookie)).text.contains(
                    "By budget owner"))
            #expect(
                try await server.request(.get, "/reports/path-upward", as: carol).text.contains("Paid Person") == false)
            #expect(try await server.request(.get, "/audit", as: viewer).code == 403)
            #expect(try await server.request(.get, "/roles/new", as: viewer).code == 403)
            let dashboard = try await server.request(.get, "/", as: viewer)
            #expect(
                dashboard.code == 200 && !dashboard.text.contains("The consolidated cost")
                    && !dashboard.text.contains("Compression"))
            let full = try await server.request(.get, "/", as: carol)
            #expect(full.text.contains("The consolidated cost") && full.text.contains("Annual cost by work layer"))
            let policy = try #require(HTTPField.Name("Content-Security-Policy"))
            #expect(full.headers[policy]?.contains("frame-ancestors 'none'") == true)
            for path in ["/vendors", "/datasets", "/roles", "/static/app.css"] {
                #expect(try await server.request(.get, path, as: viewer).code == 200, "\(path)")
            }
        }
    }
}
