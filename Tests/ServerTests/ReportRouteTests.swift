import Foundation
import Hummingbird
import Storage
import Testing
import WebApp
import WorkModel

@Suite("Portfolio views and the people import")
struct ReportRouteTests {
    static let mapping = """
        columns:
          externalId: Employee ID
          name: Name
          employment: Type
          pay: Salary
          currency: Currency
          payBasis: Basis
          hireDate: Hired
          specId: Wage File
          managerId: Manager
          budgetOwner: Cost Center
        values:
          employment: {Regular: employee, Contingent: contractor}
        groups:
          gender: Gender
        """
    static let csv = """
        Employee ID,Name,Type,Salary,Currency,Basis,Hired,Wage File,Manager,Cost Center,Gender
        E1,Long Tenure,Regular,70000,USD,annual,2019-01-07,base-evaluator,,headcount,F
        E2,New Hire,Regular,99000,USD,annual,2026-08-03,base-evaluator,E1,headcount,M
        E3,Contract Rater,Contingent,60,USD,hourly,2026-02-02,base-evaluator,,consulting,F
        """

    static func importBody(_ csv: String, commit: Bool) -> String {
        let body: [String: Any] = ["csv": csv, "mapping": mapping, "file": "hris.csv", "commit": commit]
        return String(decoding: (try? JSONSerialization.data(withJSONObject: body)) ?? Data(), as: UTF8.self)
    }

    @Test("reports: import people, then compression, cost, pay equity, vendors, datasets and the path upward")
    func reports() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            #expect(try await server.request(.post, "/api/v1/specs", as: carol, text: SpecTexts.role()).code == 201)
            #expect(
                try await server.request(.post, "/api/v1/specs/base-evaluator/decision-files", as: carol).code == 201)

            // Preview writes nothing and lists bad rows with their lines.
            let broken = Self.csv + "\nE4,,Regular,lots,USD,annual,2026-13-01,base-evaluator,,headcount,M"
            let preview = try await server.request(
                .post, "/api/v1/people/import", as: carol, json: Self.importBody(broken, commit: false))
            #expect(preview.code == 200, "\(preview.text)")
            #expect(preview.json["rows"].int == 4 && preview.json["valid"].int == 3)
            #expect(Set(preview.json["errors"].array.compactMap { $0["line"].int }) == [5])
            #expect(preview.json["errors"].array.count == 3)
            let refused = try await server.request(
                .post, "/api/v1/people/import", as: carol, json: Self.importBody(broken, commit: true))
            #expect(refused.code == 422 && refused.isProblem)
            #expect(refused.json["errors"][0]["line"].int == 5)
            #expect(try await server.request(.get, "/api/v1/people", as: carol).json["total"].int == 0)
            let badMapping = try await server.request(
                .post, "/api/v1/people/import", as: carol,
                json: #"{"csv": "a,b\n1,2", "mapping": "columns: {nmae: a}", "commit": true}"#)
            #expect(
                badMapping.code == 422
                    && badMapping.json["errors"].array.contains {
                        $0["message"].string?.contains("did you mean 'name'") == true
                    })
            let viewerImport = try await server.request(
                .post, "/api/v1/people/import", as: team.viewer.bearer, json: Self.importBody(Self.csv, commit: true))
            #expect(viewerImport.code == 403)

            let imported = try await server.request(
                .post, "/api/v1/people/import", as: carol, json: Self.importBody(Self.csv, commit: true))
            #expect(imported.code == 201, "\(imported.text)")
            #expect(imported.json["created"].int == 3)
            #expect(
                try await server.request(.get, "/api/v1/people/person-e2", as: carol).json["managerId"].string
                    == "person-e1")
            let audit = try await server.request(.get, "/api/v1/audit?entity=people-import", as: carol)
            #expect(audit.json["items"][0]["entityId"].string == "hris.csv")

            // Compression: the tenured evaluator sits below the new hire.
            let compression = try await server.request(.get, "/api/v1/reports/compression", as: carol)
            #expect(compression.code == 200, "\(compression.text)")
            let lines = compression.json["people"].array
            let tenured = try #require(lines.first { $0["personId"].string == "person-e1" })
            #expect(tenured["flags"].array.compactMap { $0["kind"].string }.contains("inversion"))
            #expect((tenured["annualCostToParity"].value as? Double ?? 0) > 0)
            #expect(lines.count == 2, "contractors are compared against, not listed")
            let csv = try await server.request(.get, "/api/v1/reports/compression?format=csv", as: carol)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.split(separator: "\n").count == 3)
            let strict = try await server.request(.get, "/api/v1/reports/compression?newHireThreshold=2", as: carol)
            #expect(strict.code == 400 && strict.isProblem)
            #expect(try await server.request(.get, "/api/v1/reports/compression", as: team.finance.bearer).code == 403)

            // Cost: aggregates for finance, in another currency on request.
            let cost = try await server.request(.get, "/api/v1/reports/cost", as: team.finance.bearer)
            #expect(cost.code == 200)
            #expect(
                Set(cost.json["byBudgetOwner"].array.compactMap { $0["key"].string }) == ["headcount", "consulting"])
            let euros = try await server.request(
                .get, "/api/v1/reports/cost?currency=EUR&format=csv", as: team.finance.bearer)
            #expect(euros.text.hasPrefix("layer,budget_owner,employment_model,count,annual_cost_eur"))
            #expect(
                try await server.request(.get, "/api/v1/reports/cost?currency=XXX", as: team.finance.bearer).code == 400
            )
            // On one loaded basis beside the pay as paid, and by grade on request.
            #expect(cost.json["total"]["annualLoadedCost"].value as? Double != nil)
            #expect(cost.json["byGrade"].isMissing)
            let graded = try await server.request(.get, "/api/v1/reports/cost?by=grade", as: team.finance.bearer)
            #expect(graded.code == 200 && !graded.json["byGrade"].array.isEmpty)
            #expect(
                try await server.request(.get, "/api/v1/reports/cost?by=grade&format=csv", as: team.finance.bearer).text
                    .hasPrefix("layer,grade,"))
            let wrong = try await server.request(.get, "/api/v1/reports/cost?by=title", as: team.finance.bearer)
            #expect(wrong.code == 400 && wrong.isProblem)
            #expect(try await server.request(.get, "/api/v1/reports/cost", as: team.viewer.bearer).code == 403)

            // Pay equity: too few people to estimate, and it says so.
            let equity = try await server.request(.get, "/api/v1/reports/pay-equity?format=md", as: carol)
            #expect(equity.code == 200 && equity.text.contains("not estimated"))
            #expect(try await server.request(.get, "/api/v1/reports/pay-equity?format=csv", as: carol).code == 400)

            // Vendors and datasets: readable by anyone signed in, spend hidden from viewers.
            let vendor =
                #"{"id": "v-1", "name": "Acme Labels", "annualSpendMinor": 5000000, "currency": "USD", "budgetOwner": "procurement"}"#
            #expect(
                try await server.request(.post, "/api/v1/vendors", as: team.procurement.bearer, json: vendor).code
                    == 201)
            let dataset = #"{"id": "d-1", "name": "Ratings", "sourceSpecId": "base-evaluator", "recordedWork": false}"#
            #expect(
                try await server.request(.post, "/api/v1/datasets", as: team.procurement.bearer, json: dataset).code
                    == 201)
            let vendors = try await server.request(.get, "/api/v1/reports/vendors", as: team.viewer.bearer)
            #expect(vendors.code == 200)
            #expect(vendors.json["vendors"][0]["openBlocking"].bool == true)
            #expect(vendors.json["vendors"][0]["annualSpend"].isMissing)
            let withSpend = try await server.request(.get, "/api/v1/reports/vendors", as: team.finance.bearer)
            #expect(withSpend.json["vendors"][0]["annualSpend"].value as? Double == 50_000)
            let datasets = try await server.request(.get, "/api/v1/reports/datasets", as: team.viewer.bearer)
            #expect(datasets.json["datasets"][0]["complete"].bool == true)
            #expect(datasets.json["datasets"][0]["people"].int == 3)

            // The path upward: the next layer and the gap, for roles that see pay.
            let path = try await server.request(.get, "/api/v1/reports/path-upward", as: carol)
            #expect(path.code == 200)
            #expect(path.json["people"].array.count == 3)
            #expect(path.json["people"].array.allSatisfy { $0["readiness"].string == "no-evidence" })
            #expect(
                try await server.request(.get, "/api/v1/reports/path-upward", as: team.procurement.bearer).code == 403)
            #expect(try await server.request(.get, "/api/v1/reports/path-upward?format=xml", as: carol).code == 400)
        }
    }
}
