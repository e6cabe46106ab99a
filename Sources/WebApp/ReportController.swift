import Foundation
import Hummingbird
import Portfolio
import Pricing
import ReferenceData
import Storage
import WorkModel

/// The portfolio views (compression, cost, pay equity, vendors, datasets, the path upward) and
/// the people import. Views with individual pay need `readPay`; the cost view is aggregates.
struct ReportController: Sendable {
    let environment: ServerEnvironment

    func register(_ registry: EndpointRegistry, _ router: Router<AppRequestContext>) {
        let environment = self.environment
        @Sendable func snapshot() async throws -> PortfolioSnapshot {
            try await PortfolioData.snapshot(
                store: environment.store, reference: environment.pricer.reference, asOf: environment.today)
        }
        @Sendable func currency(_ request: Request) throws -> String {
            let code = (ListQuery(request: request).string("currency") ?? "USD").uppercased()
            guard code == "USD" || environment.pricer.reference.exchangeRate(code) != nil else {
                throw Problem.badRequest(
                    "no exchange rate for currency '\(code)'; known: \(environment.pricer.reference.exchangeRates.map(\.currency).joined(separator: ", "))"
                )
            }
            return code
        }
        registry.add(router, .get, "/api/v1/reports/compression", .readPay) { request, _ in
            let report = CompressionReport.build(
                try await snapshot(), currency: try currency(request), policy: try Self.policy(request))
            return try Self.respond(
                request, json: report, csv: { PortfolioRendering.csv(report) },
                markdown: { PortfolioRendering.markdown(report) })
        }
        registry.add(router, .get, "/api/v1/reports/cost", .readFinance) { request, context in
            let byGrade = try Self.costGrouping(request)
            let report = try context.disclosure(environment).cost(
                CostReport.build(try await snapshot(), currency: try currency(request), byGrade: byGrade))
            return try Self.respond(
                request, json: report, csv: { report.csv() }, markdown: { PortfolioRendering.markdown(report) })
        }
        registry.add(router, .get, "/api/v1/reports/pay-equity", .readPay) { request, _ in
            let report = PayEquityReport.build(try await snapshot())
            return try Self.respond(request, json: report, csv: nil, markdown: { PortfolioRendering.markdown(report) })
        }
        registry.add(router, .get, "/api/v1/reports/vendors", .read) { request, context in
            let user = try context.signedInUser
            let report = VendorRegister.build(try await snapshot(), includeSpend: user.userRole.seesVendorSpend)
            return try Self.respond(request, json: report, csv: nil, markdown: { PortfolioRendering.markdown(report) })
        }
        registry.add(router, .get, "/api/v1/reports/datasets", .read) { request, _ in
            let report = DatasetRegister.build(try await snapshot())
            return try Self.respond(request, json: report, csv: nil, markdown: { PortfolioRendering.markdown(report) })
        }
        registry.add(router, .get, "/api/v1/reports/path-upward", .readPay) { request, _ in
            let report = PathUpwardReport.build(try await snapshot(), currency: try currency(request))
            return try Self.respond(request, json: report, csv: nil, markdown: { PortfolioRendering.markdown(report) })
        }
        registry.add(router, .post, "/api/v1/people/import", .writePeople, importPeople)
    }

    /// People from a CSV and its mapping: a preview, or with `commit: true` the import, all rows or none.
    func importPeople(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.signedInUser
        let body = try await JSONBody.decode(ImportRequest.self, request, context)
        let mapping: PeopleMapping
        let read: PeopleImport
        do {
            mapping = try PeopleMapping.read(body.mapping, file: "mapping")
            read = try PeopleImport.read(body.csv, file: body.file ?? "upload.csv", mapping: mapping)
        } catch {
            throw Problem.unprocessable(
                "the mapping or the file cannot be read", errors: error.diagnostics.map(Self.fieldError))
        }
        let preview = ImportPreview(read)
        guard body.commit == true else { return try JSONBody.response(preview) }
        guard read.errors.isEmpty else {
            throw Problem.unprocessable(
                "\(read.errors.count) rows have errors; nothing was imported", errors: read.errors.map(Self.fieldError))
        }
        do {
            let result = try await environment.store.people.importBatch(
                read.rows, source: body.file ?? "upload.csv", by: user.principal)
            return try JSONBody.response(result, status: .created)
        } catch let rejected as PeopleImportRejected {
            throw Problem.unprocessable(
                "\(rejected.problems.count) problems; nothing was imported",
                errors: rejected.problems.map {
                    Problem.FieldError(field: $0.field, message: $0.message, line: $0.line, column: nil)
                })
        }
    }

    static func fieldError(_ diagnostic: Diagnostic) -> Problem.FieldError {
        Problem.FieldError(
            field: diagnostic.field, message: diagnostic.message, line: diagnostic.line, column: diagnostic.column)
    }

    struct ImportRequest: Decodable {
        var csv: String
        var mapping: String
        var file: String?
        var commit: Bool?
    }

    /// What a commit would do, row errors included, nothing written.
    struct ImportPreview: Encodable {
        var rows: Int
        var valid: Int
        var errors: [Diagnostic]
        var mapped: [String: [String]]
        var unmapped: [String]
        var sample: [Person]

        init(_ read: PeopleImport) {
            rows = read.rowCount
            valid = read.rows.count
            errors = read.errors
            mapped = read.mapped
            unmapped = read.unmapped
            sample = read.rows.prefix(20).map(\.person)
        }
    }

    /// `?by=grade` splits the cost report by grade too; `layer` (the default) does not.
    static func costGrouping(_ request: Request) throws -> Bool {
        switch ListQuery(request: request).string("by") {
        case nil, "layer": return false
        case "grade": return true
        case let other?: throw Problem.badRequest("query parameter by must be layer or grade (got '\(other)')")
        }
    }

    static func policy(_ request: Request) throws -> CompressionPolicy {
        let query = ListQuery(request: request)
        var policy = CompressionPolicy()
        func share(_ name: String) throws -> Double? {
            guard let text = query.string(name) else { return nil }
            guard let value = Double(text), value >= 0, value < 1 else {
                throw Problem.badRequest("query parameter \(name) must be a share from 0 to below 1 (got '\(text)')")
            }
            return value
        }
        if let value = try share("newHireThreshold") { policy.newHireThreshold = value }
        if let value = try share("supervisorPremium") { policy.supervisorPremium = value }
        if let value = try share("externalGapThreshold") { policy.externalGapThreshold = value }
        return policy
    }

    /// `?format=csv|md`, JSON otherwise.
    static func respond<T: Encodable>(_ request: Request, json: T, csv: (() -> String)?, markdown: () -> String) throws
        -> Response
    {
        switch ListQuery(request: request).string("format") {
        case nil, "json": return try JSONBody.response(json)
        case "md": return JSONBody.text(markdown(), contentType: "text/markdown; charset=utf-8")
        case "csv" where csv != nil: return JSONBody.text(csv?() ?? "", contentType: "text/csv; charset=utf-8")
        case let other?:
            throw Problem.badRequest("format must be json, md\(csv == nil ? "" : " or csv") (got '\(other)')")
        }
    }
}

extension Error {
    var diagnostics: [Diagnostic] {
        if let error = self as? InputError { return error.diagnostics }
        return [Diagnostic(file: "", location: .start, field: "", message: "\(self)")]
    }
}
