import Foundation
import Hummingbird
import Storage
import Testing
import WebApp
import WorkModel

/// Who may call what, written out by hand rather than read from `Permission.allows`, so a
/// route registered with the wrong permission (or a policy change) fails here.
enum ExpectedAccess {
    /// `nil`: public, no sign-in needed.
    static let table: [String: Set<UserRole>?] = [
        "GET /health": nil,
        "GET /metrics": nil,
        "GET /openapi.yaml": nil,
        "POST /api/v1/session": nil,
        "DELETE /api/v1/session": anyone,
        "GET /api/v1/me": anyone,
        "GET /api/v1/tokens": anyone,
        "POST /api/v1/tokens": anyone,
        "DELETE /api/v1/tokens/{id}": anyone,
        "GET /api/v1/users": [.admin],
        "POST /api/v1/users": [.admin],
        "GET /api/v1/users/{id}": [.admin],
        "PATCH /api/v1/users/{id}": [.admin],
        "GET /api/v1/specs": anyone,
        "POST /api/v1/specs": [.admin, .compensation, .procurement],
        "GET /api/v1/specs/{id}": anyone,
        "PUT /api/v1/specs/{id}": [.admin, .compensation, .procurement],
        "GET /api/v1/specs/{id}/versions": anyone,
        "GET /api/v1/specs/{id}/versions/{version}": anyone,
        "GET /api/v1/specs/{id}/diff": anyone,
        "POST /api/v1/specs/{id}/decision-files": [.admin, .compensation, .procurement],
        "POST /api/v1/price": anyone,
        "GET /api/v1/decision-files": anyone,
        "GET /api/v1/decision-files/{id}": anyone,
        "POST /api/v1/decision-files/{id}/submit": [.admin, .compensation, .procurement],
        "POST /api/v1/decision-files/{id}/approve": [.admin, .compensation],
        "POST /api/v1/decision-files/{id}/reject": [.admin, .compensation],
        "GET /api/v1/people": anyone,
        "POST /api/v1/people": [.admin, .compensation],
        "GET /api/v1/people/{id}": anyone,
        "PUT /api/v1/people/{id}": [.admin, .compensation],
        "DELETE /api/v1/people/{id}": [.admin, .compensation],
        "GET /api/v1/vendors": anyone,
        "POST /api/v1/vendors": [.admin, .procurement],
        "GET /api/v1/vendors/{id}": anyone,
        "PUT /api/v1/vendors/{id}": [.admin, .procurement],
        "DELETE /api/v1/vendors/{id}": [.admin, .procurement],
        "GET /api/v1/datasets": anyone,
        "POST /api/v1/datasets": [.admin, .compensation, .procurement],
        "GET /api/v1/datasets/{id}": anyone,
        "PUT /api/v1/datasets/{id}": [.admin, .compensation, .procurement],
        "DELETE /api/v1/datasets/{id}": [.admin, .compensation, .procurement],
        "GET /api/v1/market-data": anyone,
        "GET /api/v1/pricing/calibration": anyone,
        "POST /api/v1/market-data": [.admin, .compensation],
        "GET /api/v1/market-data/{id}": anyone,
        "PUT /api/v1/market-data/{id}": [.admin, .compensation],
        "DELETE /api/v1/market-data/{id}": [.admin, .compensation],
        "GET /api/v1/audit": [.admin, .compensation],
        "GET /api/v1/audit/verify": [.admin],
        "POST /api/v1/people/import": [.admin, .compensation],
        "GET /api/v1/reports/compression": [.admin, .compensation],
        "GET /api/v1/reports/cost": [.admin, .compensation, .procurement, .finance],
        "GET /api/v1/reports/pay-equity": [.admin, .compensation],
        "GET /api/v1/reports/vendors": anyone,
        "GET /api/v1/reports/datasets": anyone,
        "GET /api/v1/reports/path-upward": [.admin, .compensation],
        "POST /api/v1/plan": anyone,
    ]

    static let anyone: Set<UserRole> = [.admin, .compensation, .procurement, .finance, .viewer]

    /// A concrete URI for a template: parameters become ids that exist nowhere.
    static func uri(_ path: String) -> String {
        path.replacingOccurrences(of: "{id}", with: "matrix-nothing").replacingOccurrences(of: "{version}", with: "1")
    }
}

@Suite("Authorization")
struct AuthorizationMatrixTests {
    @Test("the expected table names exactly the served endpoints")
    func tableMatchesEndpoints() async throws {
        try await Server.run { server in
            let served = Set(server.endpoints.map(\.description))
            #expect(served.count == server.endpoints.count, "an endpoint is registered twice")
            #expect(
                served.subtracting(ExpectedAccess.table.keys).sorted() == [],
                "endpoints missing from the expected table")
            #expect(
                Set(ExpectedAccess.table.keys).subtracting(served).sorted() == [],
                "table rows for endpoints that are not served")
        }
    }

    /// Every endpoint, as anonymous and as each role, with a body that is not even JSON: a role
    /// that may not call the endpoint gets 403 (not 400 or 422), so authorization comes first.
    @Test("every endpoint x every role: 401 anonymous, 403 exactly when not allowed")
    func matrix() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            var checked = 0
            for endpoint in server.endpoints {
                let key = endpoint.description
                guard let row = ExpectedAccess.table[key] else {
                    Issue.record("\(key) has no row in the expected table")
                    continue
                }
                let uri = ExpectedAccess.uri(endpoint.path)

                let anonymous = try await server.request(endpoint.method, uri, text: "{not json")
                if let allowed = row {
                    #expect(anonymous.code == 401, "anonymous \(key): \(anonymous.code) \(anonymous.text)")
                    #expect(anonymous.isProblem, "anonymous \(key) is not problem+json")
                    #expect(anonymous.headers[.wwwAuthenticate] != nil, "anonymous \(key) has no WWW-Authenticate")
                    for role in UserRole.allCases {
                        let account = try #require(team.byRole[role])
                        let reply = try await server.request(
                            endpoint.method, uri, as: account.bearer, text: "{not json")
                        if allowed.contains(role) {
                            #expect(
                                ![401, 403].contains(reply.code),
                                "\(role.rawValue) should be allowed \(key): \(reply.code) \(reply.text)")
                        } else {
                            #expect(
                                reply.code == 403,
                                "\(role.rawValue) should be refused \(key): \(reply.code) \(reply.text)")
                            #expect(
                                reply.isProblem && reply.json["status"].int == 403
                                    && reply.json["detail"].string?.contains(role.rawValue) == true,
                                "\(role.rawValue) \(key): \(reply.text)")
                        }
                        checked += 1
                    }
                } else {
                    #expect(
                        ![401, 403].contains(anonymous.code),
                        "public \(key) refused anonymous: \(anonymous.code) \(anonymous.text)")
                }
                checked += 1
            }
            #expect(checked == server.endpoints.count + 5 * ExpectedAccess.table.values.filter { $0 != nil }.count)
        }
    }

    /// Four eyes binds admins too: the role allowed to decide may not decide on what it sent.
    @Test("an admin who sent a file for review can neither approve nor reject it, by API or page; another reviewer can")
    func adminsGetFourEyesToo() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let admin = team.admin
            #expect(
                try await server.request(.post, "/api/v1/specs", as: admin.bearer, text: SpecTexts.role()).code == 201)
            let computed = try await server.request(
                .post, "/api/v1/specs/base-evaluator/decision-files", as: admin.bearer)
            let id = try #require(computed.json["id"].string, "\(computed.text)")
            let submitted = try await server.request(
                .post, "/api/v1/decision-files/\(id)/submit", as: admin.bearer, ifMatch: "\"1\"")
            #expect(submitted.code == 200 && submitted.json["submittedBy"].string == admin.email, "\(submitted.text)")

            // The API: both decisions refused, with the reason.
            let approve = try await server.request(
                .post, "/api/v1/decision-files/\(id)/approve", as: admin.bearer, ifMatch: "\"2\"")
            #expect(approve.code == 403 && approve.isProblem, "\(approve.text)")
            #expect(approve.json["detail"].string == "you sent this file for review; another reviewer must approve it")
            let reject = try await server.request(
                .post, "/api/v1/decision-files/\(id)/reject", as: admin.bearer,
                json: #"{"comment": "never mind"}"#, ifMatch: "\"2\"")
            #expect(reject.code == 403 && reject.isProblem, "\(reject.text)")

            // The page: no decision buttons, the reason shown, and a posted form refused all the same.
            let page = try await server.request(.get, "/decision-files/\(id)", as: .cookie(admin.cookie))
            #expect(page.code == 200)
            #expect(page.text.contains("another reviewer decides") && !page.text.contains(#"id="approve""#))
            for action in ["approve", "reject"] {
                let posted = try await server.request(
                    .post, "/decision-files/\(id)/\(action)", as: .cookie(admin.cookie),
                    bytes: WebPageTests.form([
                        ("csrf", try WebPageTests.token(page)), ("revision", "2"),
                        ("comment", "looks fine to me"),
                    ]),
                    headers: WebPageTests.formHeaders)
                #expect(posted.code == 403, "\(action) by page: \(posted.code)")
            }
            let unchanged = try await server.request(.get, "/api/v1/decision-files/\(id)", as: admin.bearer)
            #expect(unchanged.json["status"].string == "in-review" && unchanged.etag == "\"2\"")

            // A second pair of eyes decides.
            let review = try await server.request(.get, "/decision-files/\(id)", as: .cookie(team.compensation.cookie))
            #expect(review.text.contains(#"id="approve""#) && !review.text.contains("another reviewer decides"))
            let approved = try await server.request(
                .post, "/api/v1/decision-files/\(id)/approve", as: team.compensation.bearer, ifMatch: "\"2\"")
            #expect(
                approved.code == 200 && approved.json["statusBy"].string == team.compensation.email, "\(approved.text)")
        }
    }

    @Test("procurement may write vendor-contract specs only")
    func procurementSpecKinds() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let role = try await server.request(
                .post, "/api/v1/specs", as: team.procurement.bearer, text: SpecTexts.role())
            #expect(role.code == 403 && role.isProblem, "\(role.text)")
            let vendor = try await server.request(
                .post, "/api/v1/specs", as: team.procurement.bearer, text: SpecTexts.vendor)
            #expect(vendor.code == 201, "\(vendor.text)")
        }
    }
}

/// Which named test answers each route with a 2xx. Each test checks at its end that it did
/// reach its routes; `everyRouteHasATest` checks that together they cover every endpoint, so a
/// route added without a test fails the suite.
enum Coverage {
    static let accounts = [
        "POST /api/v1/session", "DELETE /api/v1/session", "GET /api/v1/me", "GET /api/v1/tokens", "POST /api/v1/tokens",
        "DELETE /api/v1/tokens/{id}", "GET /api/v1/users", "POST /api/v1/users", "GET /api/v1/users/{id}",
        "PATCH /api/v1/users/{id}",
    ]
    static let specs = [
        "GET /api/v1/specs", "POST /api/v1/specs", "GET /api/v1/specs/{id}", "PUT /api/v1/specs/{id}",
        "GET /api/v1/specs/{id}/versions", "GET /api/v1/specs/{id}/versions/{version}", "GET /api/v1/specs/{id}/diff",
        "POST /api/v1/price",
    ]
    static let review = [
        "POST /api/v1/specs/{id}/decision-files", "GET /api/v1/decision-files", "GET /api/v1/decision-files/{id}",
        "POST /api/v1/decision-files/{id}/submit", "POST /api/v1/decision-files/{id}/approve",
        "POST /api/v1/decision-files/{id}/reject",
    ]
    static func records(_ path: String) -> [String] {
        ["GET \(path)", "POST \(path)", "GET \(path)/{id}", "PUT \(path)/{id}", "DELETE \(path)/{id}"]
    }
    static let people = records("/api/v1/people")
    static let vendors = records("/api/v1/vendors")
    static let datasets = records("/api/v1/datasets")
    static let marketData = records("/api/v1/market-data")
    static let operations = ["GET /health", "GET /metrics", "GET /openapi.yaml"]
    static let audit = ["GET /api/v1/audit", "GET /api/v1/audit/verify"]
    static let reports = [
        "POST /api/v1/people/import", "GET /api/v1/reports/compression", "GET /api/v1/reports/cost",
        "GET /api/v1/reports/pay-equity",
        "GET /api/v1/reports/vendors", "GET /api/v1/reports/datasets", "GET /api/v1/reports/path-upward",
    ]

    static let all: [String: [String]] = [
        "AccountRouteTests.accounts": accounts, "SpecRouteTests.specs": specs, "DecisionFileRouteTests.review": review,
        "RecordRouteTests.people": people, "RecordRouteTests.vendors": vendors, "RecordRouteTests.datasets": datasets,
        "RecordRouteTests.marketData": marketData, "OperationsRouteTests.operations": operations,
        "OperationsRouteTests.audit": audit, "ReportRouteTests.reports": reports,
        "PlanRouteTests.plan": ["POST /api/v1/plan"],
        "MarketEvidenceRouteTests.pricing": ["GET /api/v1/pricing/calibration"],
    ]
}

@Suite("Route coverage")
struct RouteCoverageTests {
    @Test("every served endpoint is answered 2xx by a named route test")
    func everyRouteHasATest() async throws {
        try await Server.run { server in
            let claimed = Set(Coverage.all.values.joined())
            let served = Set(server.endpoints.map(\.description))
            #expect(served.subtracting(claimed).sorted() == [], "endpoints no route test exercises")
            #expect(claimed.subtracting(served).sorted() == [], "tests claim endpoints that are not served")
        }
    }
}
