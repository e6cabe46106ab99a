import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Testing
import WebApp

/// Canaries: people and internal candidates with names and pay amounts found nowhere else,
/// then every API route and every page fetched in every format, as every role, by token and
/// by cookie. A role that may not see individual pay must never receive a canary name or
/// amount. A route or page that is neither probed here nor listed as carrying no pay fails
/// the suite, so the next way out is checked the day it is added.
@Suite("Pay canary")
struct PayCanaryTests {
    static let specId = "canary-evaluation-lead"
    static let candidateNames = ["Quintessa Marlowe-Vance", "Bartholomew Yusupov-Idris"]
    /// Annual pay of the two candidates, as written in the spec.
    static let candidatePay = [93_417, 88_219]
    /// An annotator alone in her layer (a one-person cost cell) and five evaluators (a group
    /// large enough to show), each with pay in cents found nowhere else.
    static let loneAnnotatorPayMinor = 6_135_791
    /// Her bonus for the year (complementary or variable pay), in cents.
    static let loneAnnotatorVariablePayMinor = 487_213
    static let evaluatorPayMinor = [7_013_377, 7_124_459, 7_235_561, 7_346_683, 7_457_719]

    static let canarySpec = """
        # An external evaluation lead, and two support staff who built the first evaluation set.
        spec: wagefile.role/v1
        id: \(specId)
        title: AI Evaluation Lead
        judgment:
          purchased: An accountable evaluation program - rubrics, evaluator calibration and release calls on model quality.
          type: design
        tasks:
          - {task: build-rubrics, share: 0.3}
          - {task: manage-evaluators, share: 0.25}
          - {task: report-model-quality, share: 0.2}
          - {task: gate-model-release, share: 0.25}
        direction: evaluate
        expertise:
          level: specialist
          domain: customer support quality
        scope: program
        modality: text
        language: common
        consequences:
          if_wrong: Evaluation becomes informal; releases ship on false confidence.
          impact: product-quality
        authority: release-gating
        data_sensitivity: personal
        content_exposure: occasional
        worker:
          status: employee
          jurisdiction: US-NY
          headcount: 1
        currency: USD
        offered: {amount: 205000, basis: annual}
        protections:
          benefits: true
          overtime: false
          wellbeing_support: true
        internal_candidates:
          # \(candidateNames[0]) asked to be considered first.
          - name: \(candidateNames[0])
            title: Support Lead
            layer: evaluation
            pay: {amount: \(candidatePay[0]), basis: annual}
            evidence:
              - Built the first failure taxonomy from support tickets
          - name: \(candidateNames[1])
            title: Support Analyst
            layer: evaluation
            pay: {amount: \(candidatePay[1]), basis: annual}
            evidence:
              - Calibrated six part-time evaluators against a gold set
        budget_owner: product-quality

        """

    /// Every spelling a pay amount takes in the server's output: whole amounts as written and
    /// grouped, amounts with cents to the cent (a whole rounding of those, "45", would match
    /// anything). Small whole numbers are not distinctive enough to be canaries.
    static func spellings(_ amount: Double) -> [String] {
        if amount == amount.rounded() {
            let whole = Int(amount)
            return whole >= 1000 ? [String(whole), grouped(whole)] : []
        }
        let cents = String(format: "%.2f", amount)
        let fraction = cents.split(separator: ".").last.map(String.init) ?? ""
        return [cents, grouped(Int(amount.rounded(.down))) + "." + fraction]
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }

    /// The concrete requests for a template; `nil` when the route carries no pay (with why, in `carriesNoPay`).
    static func probes(_ endpoint: Endpoint, ids: [String: String]) -> [String]? {
        let formats = ["", "?format=json", "?format=md", "?format=html", "?format=csv"]
        switch endpoint.description {
        case "GET /api/v1/specs": return ["/api/v1/specs", "/api/v1/specs?q=Marlowe"]
        case "GET /api/v1/specs/{id}": return ["/api/v1/specs/\(specId)"]
        case "GET /api/v1/specs/{id}/versions": return ["/api/v1/specs/\(specId)/versions"]
        case "GET /api/v1/specs/{id}/versions/{version}":
            return ["/api/v1/specs/\(specId)/versions/1", "/api/v1/specs/\(specId)/versions/2"]
        case "GET /api/v1/specs/{id}/diff":
            return ["/api/v1/specs/\(specId)/diff?from=1&to=2", "/api/v1/specs/\(specId)/diff?from=2&to=1"]
        case "GET /api/v1/decision-files": return ["/api/v1/decision-files", "/api/v1/decision-files?spec=\(specId)"]
        case "GET /api/v1/decision-files/{id}":
            return formats.map { "/api/v1/decision-files/\(ids["file"] ?? "")\($0)" }
        case "GET /api/v1/people":
            return ["/api/v1/people", "/api/v1/people?workLayer=annotation", "/api/v1/people?q=Isolde"]
        case "GET /api/v1/people/{id}": return ["/api/v1/people/\(ids["annotator"] ?? "")"]
        case "GET /api/v1/reports/cost":
            // By grade the lines are smaller: more of them must be withheld, never fewer.
            return ["", "?format=md", "?format=csv", "?by=grade", "?by=grade&format=csv"].map { endpoint.path + $0 }
        case "GET /api/v1/reports/compression", "GET /api/v1/reports/pay-equity",
            "GET /api/v1/reports/vendors", "GET /api/v1/reports/datasets", "GET /api/v1/reports/path-upward":
            return ["", "?format=md", "?format=csv"].map { endpoint.path + $0 }
        case "GET /api/v1/audit": return ["/api/v1/audit", "/api/v1/audit?entity=person", "/api/v1/audit?entity=spec"]
        case let route where route.hasPrefix("GET ") && !route.contains("{"): return [endpoint.path]
        default: return nil
        }
    }

    /// Routes that cannot carry anyone's pay, and why; any other route must be probed.
    static let carriesNoPay: [String: String] = [
        "GET /api/v1/tokens/{id}": "not served",
        "GET /api/v1/users/{id}": "a user account: name, email, role",
        "GET /api/v1/vendors/{id}": "a vendor: commercial spend, no person's pay",
        "GET /api/v1/datasets/{id}": "a dataset record",
        "GET /api/v1/market-data/{id}": "a market survey point",
        "POST /api/v1/session": "signs in; answers the user",
        "DELETE /api/v1/session": "signs out; no body",
        "POST /api/v1/tokens": "answers the new token",
        "DELETE /api/v1/tokens/{id}": "no body",
        "POST /api/v1/users": "answers the user", "PATCH /api/v1/users/{id}": "answers the user",
        "POST /api/v1/specs": "answers the stored spec's summary (probed for refusals below)",
        "PUT /api/v1/specs/{id}": "probed below: a write over the canary spec, as every role",
        "POST /api/v1/specs/{id}/decision-files": "answers the file's summary, without the document",
        "POST /api/v1/price": "probed below: the canary spec priced, as every role",
        "POST /api/v1/decision-files/{id}/submit": "answers the summary",
        "POST /api/v1/decision-files/{id}/approve": "answers the summary",
        "POST /api/v1/decision-files/{id}/reject": "answers the summary",
        "POST /api/v1/people": "pay roles only", "PUT /api/v1/people/{id}": "pay roles only",
        "DELETE /api/v1/people/{id}": "pay roles only",
        "POST /api/v1/people/import": "pay roles only",
        "POST /api/v1/vendors": "vendor records", "PUT /api/v1/vendors/{id}": "vendor records",
        "DELETE /api/v1/vendors/{id}": "vendor records",
        "POST /api/v1/datasets": "dataset records", "PUT /api/v1/datasets/{id}": "dataset records",
        "DELETE /api/v1/datasets/{id}": "dataset records",
        "POST /api/v1/market-data": "market data", "PUT /api/v1/market-data/{id}": "market data",
        "DELETE /api/v1/market-data/{id}": "market data",
        "POST /api/v1/plan": "a program plan: tier rates and bands, no person",
    ]

    /// The pages, with the concrete paths fetched for each; a page missing here fails the suite.
    static func pagePaths(_ page: Endpoint, ids: [String: String]) -> [String]? {
        switch page.description {
        case "GET /roles/{id}": return ["/roles/\(specId)"]
        case "GET /roles/{id}/edit": return ["/roles/\(specId)/edit"]
        case "GET /decision-files/{id}": return ["/decision-files/\(ids["file"] ?? "")"]
        case "GET /people": return ["/people", "/people?workLayer=annotation"]
        case "GET /reports/cost": return ["/reports/cost", "/reports/cost?by=grade"]
        case "GET /roles": return ["/roles", "/roles?group=grade"]
        case let route where route.hasPrefix("GET ") && !route.contains("{"): return [page.path]
        case "POST /roles/{id}/edit": return []  // probed below with a preview, as every role that may write
        case let route where route.hasPrefix("POST "): return []  // a form post answers a redirect or a message
        default: return nil
        }
    }

    @Test("no canary name or amount reaches a role that may not see individual pay, on any route or page")
    func canaries() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            var ids: [String: String] = [:]

            // Seed: the spec with candidates (two versions), its decision file, and the people.
            let created = try await server.request(.post, "/api/v1/specs", as: carol, text: Self.canarySpec)
            try #require(created.code == 201, "\(created.text)")
            let second = try await server.request(
                .put, "/api/v1/specs/\(Self.specId)", as: carol,
                text: Self.canarySpec.replacingOccurrences(
                    of: "title: Support Analyst", with: "title: Senior Support Analyst"),
                ifMatch: "\"1\"")
            try #require(second.code == 200, "\(second.text)")
            let file = try await server.request(.post, "/api/v1/specs/\(Self.specId)/decision-files", as: carol)
            try #require(file.code == 201, "\(file.text)")
            let fileId: String = try #require(file.json["id"].string)
            ids["file"] = fileId
            let annotator = try await server.request(
                .post, "/api/v1/people", as: carol,
                json: personJSON(
                    name: "Isolde Fenwick", payMinor: Self.loneAnnotatorPayMinor, workLayer: "annotation",
                    title: "Annotator",
                    variablePayMinor: Self.loneAnnotatorVariablePayMinor))
            try #require(annotator.code == 201, "\(annotator.text)")
            let annotatorId: String = try #require(annotator.json["id"].string)
            ids["annotator"] = annotatorId
            for (index, pay) in Self.evaluatorPayMinor.enumerated() {
                let person = try await server.request(
                    .post, "/api/v1/people", as: carol, json: personJSON(name: "Evaluator \(index)", payMinor: pay))
                try #require(person.code == 201, "\(person.text)")
            }

            // The canaries: names, the pay as written, and what the server derives from it (as
            // the compensation role reads it in the decision file).
            let full = try await server.request(.get, "/api/v1/decision-files/\(ids["file"] ?? "")", as: carol)
            let candidates = full.json["document"]["pathUpward"]["internalCandidates"].array
            try #require(candidates.count == 2, "the compensation role sees both candidates: \(full.text.prefix(400))")
            var amounts = Self.candidatePay.flatMap { Self.spellings(Double($0)) }
            for candidate in candidates {
                for key in ["hourly", "annualCostToMinimum", "annualCostToMidpoint"] {
                    if let value = candidate[key].value as? Double, value > 0 { amounts += Self.spellings(value) }
                }
            }
            amounts +=
                Self.spellings(Double(Self.loneAnnotatorPayMinor) / 100)
                + Self.spellings((Double(Self.loneAnnotatorPayMinor) / 100).rounded())
            amounts += Self.spellings(Double(Self.loneAnnotatorVariablePayMinor) / 100) + ["487213"]
            for pay in Self.evaluatorPayMinor { amounts += Self.spellings(Double(pay) / 100) }
            let names = Self.candidateNames + Self.candidateNames.flatMap { $0.split(separator: " ").map(String.init) }
            var canaries = Set(names + amounts)

            // Pay roles do see them (so the canaries are real), in the decision file and the cost report.
            #expect(full.text.contains(Self.candidateNames[0]))
            let annotatorRecord = try await server.request(.get, "/api/v1/people/\(ids["annotator"] ?? "")", as: carol)
            #expect(
                annotatorRecord.json["variablePayMinor"].int == Self.loneAnnotatorVariablePayMinor,
                "the pay role reads her variable pay")
            let fullCost = try await server.request(.get, "/api/v1/reports/cost?format=csv", as: carol)
            #expect(
                fullCost.text.contains(",1,61358,"), "the compensation role sees the one-person line: \(fullCost.text)")
            // The one-person line's loaded cost is that pay times a published factor: a canary too.
            let fullJSON = try await server.request(.get, "/api/v1/reports/cost", as: carol)
            let lone = try #require(
                fullJSON.json["lines"].array.first { $0["layer"].string == "annotation" && $0["count"].int == 1 })
            let loneLoaded = try #require(lone["annualLoadedCost"].value as? Double)
            canaries.formUnion(Self.spellings(loneLoaded))

            var fetched = 0
            func check(_ reply: Reply, _ what: String, role: UserRole) {
                fetched += 1
                guard !role.seesIndividualPay else { return }
                // The metrics' sample values are request counts and timings, whose digits match a
                // five-digit canary by chance ("0.142660527"); their text is checked for its shape
                // and scanned without the sample values, which no record can reach.
                let text = what == "GET /metrics" ? Self.metricsWithoutSampleValues(reply.text) : reply.text
                for canary in canaries where text.range(of: canary, options: .caseInsensitive) != nil {
                    Issue.record(
                        "\(role.rawValue) received '\(canary)' from \(what) (\(reply.code)): \(Self.context(of: canary, in: text))"
                    )
                }
            }

            // Every API route: probed, or listed as carrying no pay.
            for endpoint in server.endpoints {
                guard let paths = Self.probes(endpoint, ids: ids) else {
                    #expect(
                        Self.carriesNoPay[endpoint.description] != nil,
                        "\(endpoint.description) is neither probed for canaries nor listed as carrying no pay")
                    continue
                }
                for path in paths {
                    for (role, account) in team.byRole {
                        for auth in [account.bearer, Auth.cookie(account.cookie)] {
                            check(
                                try await server.request(endpoint.method, path, as: auth),
                                "\(endpoint.method.rawValue) \(path)", role: role)
                        }
                    }
                }
            }
            // Writes that answer with the spec or a priced file, as every role.
            for (role, account) in team.byRole {
                check(
                    try await server.request(.post, "/api/v1/price", as: account.bearer, text: Self.canarySpec),
                    "POST /api/v1/price", role: role)
                let overwrite = try await server.request(
                    .put, "/api/v1/specs/\(Self.specId)", as: account.bearer,
                    text: Self.canarySpec, ifMatch: "\"2\"")
                check(overwrite, "PUT /api/v1/specs/\(Self.specId)", role: role)
                if !role.seesIndividualPay {
                    #expect(
                        [403].contains(overwrite.code),
                        "\(role.rawValue) may not write a spec naming candidates: \(overwrite.code)")
                }
            }

            // Every page, by cookie.
            for page in server.pages {
                guard let paths = Self.pagePaths(page, ids: ids) else {
                    Issue.record("page \(page.description) is not probed for canaries")
                    continue
                }
                for path in paths {
                    for (role, account) in team.byRole {
                        check(
                            try await server.request(page.method, path, as: .cookie(account.cookie)), "page \(path)",
                            role: role)
                    }
                }
            }
            // The editor's preview, as every role that may write specs.
            for (role, account) in team.byRole where Permission.writeSpecs.allows(role) {
                let editor = try await server.request(.get, "/roles/\(Self.specId)/edit", as: .cookie(account.cookie))
                check(editor, "page /roles/\(Self.specId)/edit", role: role)
                guard editor.code == 200 else { continue }
                let preview = try await server.request(
                    .post, "/roles/\(Self.specId)/edit", as: .cookie(account.cookie),
                    bytes: WebPageTests.form([
                        ("csrf", try WebPageTests.token(editor)), ("action", "preview"),
                        ("version", "2"), ("yaml", Self.canarySpec),
                    ]),
                    headers: WebPageTests.formHeaders)
                check(preview, "preview on /roles/\(Self.specId)/edit", role: role)
            }
            #expect(fetched > 500, "the probe reached \(fetched) responses")
        }
    }

    @Test("what other roles get instead says what is withheld")
    func withheldIsVisible() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            _ = try await server.request(.post, "/api/v1/specs", as: carol, text: Self.canarySpec)
            let file = try await server.request(.post, "/api/v1/specs/\(Self.specId)/decision-files", as: carol)
            let id = try #require(file.json["id"].string)
            _ = try await server.request(
                .post, "/api/v1/people", as: carol,
                json: personJSON(name: "Isolde Fenwick", payMinor: Self.loneAnnotatorPayMinor, workLayer: "annotation"))

            let viewer = team.viewer.bearer
            let text = try await server.request(.get, "/api/v1/specs/\(Self.specId)/versions/1", as: viewer)
            #expect(text.code == 200)
            #expect(
                text.json["body"].string?.contains("# internal_candidates: withheld: 2 named people") == true,
                "\(text.text)")
            #expect(
                text.json["body"].string?.contains("budget_owner: product-quality") == true,
                "the rest of the spec is kept")
            let document = try await server.request(.get, "/api/v1/decision-files/\(id)", as: viewer)
            #expect(document.json["document"]["pathUpward"]["internalCandidates"].array.isEmpty)
            #expect(
                document.json["document"]["withheld"][0].string?.hasPrefix("2 internal candidates") == true,
                "\(document.json["document"]["withheld"])")
            #expect(document.json["document"]["questions"][8]["facts"][0].string?.contains("withheld") == true)
            let markdown = try await server.request(.get, "/api/v1/decision-files/\(id)?format=md", as: viewer)
            #expect(markdown.text.contains("*Withheld from this copy:* 2 internal candidates"))

            let cost = try await server.request(.get, "/api/v1/reports/cost", as: team.finance.bearer)
            #expect(
                cost.json["withheld"]["people"].int == 1 && cost.json["withheld"]["inTotal"].bool == false,
                "\(cost.json["withheld"])")
            #expect(cost.json["total"]["withheldPeople"].int == 1)
            let line = cost.json["lines"].array.first { $0["layer"].string == "annotation" }
            #expect(line?["annualCost"].isMissing == true && line?["count"].int == 1)
            let csv = try await server.request(.get, "/api/v1/reports/cost?format=csv", as: team.finance.bearer)
            #expect(
                csv.text.contains("annotation,unassigned,employee,1,,0") || csv.text.contains(",employee,1,,"),
                "\(csv.text)")
        }
    }

    /// The Prometheus text with each sample's value cut off, after checking every line is a
    /// comment or `name{labels} number` / `name number`: so nothing but labels can carry text.
    static func metricsWithoutSampleValues(_ text: String) -> String {
        var kept: [Substring] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") {
                kept.append(line)
                continue
            }
            guard let space = line.lastIndex(of: " "), Double(line[line.index(after: space)...]) != nil else {
                Issue.record("a metrics line that is not `name{labels} number`: \(line)")
                kept.append(line)
                continue
            }
            kept.append(line[..<space])
        }
        return kept.joined(separator: "\n")
    }

    static func context(of needle: String, in text: String) -> String {
        guard let range = text.range(of: needle, options: .caseInsensitive) else { return "" }
        let start = text.index(range.lowerBound, offsetBy: -80, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 80, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end])
    }
}
