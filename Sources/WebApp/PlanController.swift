import DecisionFiles
import Foundation
import Hummingbird
import Planning
import Pricing
import ReferenceData
import Storage
import WorkModel

/// `POST /api/v1/plan`: a program spec in, the plan (and with `?frontier=true` the routing
/// frontier) out. Bands (`rate: {band: spec-id}`) come from the stored decision files.
struct PlanController: Sendable {
    let environment: ServerEnvironment

    func register(_ registry: EndpointRegistry, _ router: Router<AppRequestContext>) {
        registry.add(router, .post, "/api/v1/plan", .signedIn, planProgram)
    }

    /// A program spec in; the plan (and the routing frontier when asked) out as JSON, Markdown or HTML.
    func planProgram(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let data = try await JSONBody.bytes(request, context)
        guard let text = String(data: data, encoding: .utf8),
            !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw Problem.badRequest("send the program spec as YAML or JSON text in the body (UTF-8)")
        }
        let query = ListQuery(request: request)
        let result = try await PlanController.plan(
            text, frontier: query.string("frontier") == "true", environment: environment)
        switch query.string("format") ?? "json" {
        case "json":
            struct Output: Encodable {
                var plan: ProgramPlan
                var frontier: RoutingFrontier?
            }
            return try JSONBody.response(Output(plan: result.plan, frontier: result.frontier))
        case "md":
            return JSONBody.text(
                PlanRendering.markdown(result.plan, frontier: result.frontier),
                contentType: "text/markdown; charset=utf-8")
        case "html":
            return JSONBody.text(
                PlanRendering.page(result.plan, frontier: result.frontier), contentType: "text/html; charset=utf-8")
        case let other: throw Problem.badRequest("format must be json, md or html (got '\(other)')")
        }
    }

    /// Reads, resolves rates and plans; a bad spec is a 422 with every problem and its line.
    static func plan(_ text: String, frontier: Bool, environment: ServerEnvironment) async throws -> (
        plan: ProgramPlan, frontier: RoutingFrontier?
    ) {
        let spec: ProgramSpec
        do {
            spec = try ProgramSpecReader.read(text, file: "program")
        } catch {
            throw Problem.unprocessable(
                "the program spec cannot be read",
                errors: error.diagnostics.map {
                    Problem.FieldError(field: $0.field, message: $0.message, line: $0.line, column: $0.column)
                })
        }
        // A request may not ask the server for unbounded work: the shape is checked before any.
        let excesses = environment.planner.limits.excesses(spec, frontier: frontier)
        guard excesses.isEmpty else {
            let names = Array(Set(excesses.map(\.limit))).sorted().joined(separator: ", ")
            throw Problem.unprocessable(
                "the program is larger than the server plans in one request (limits: \(names))",
                errors: excesses.map {
                    Problem.FieldError(field: $0.field, message: "\($0.message) (limit: \($0.limit))")
                })
        }
        var bands: [String: RateResolver.Band] = [:]
        for case .band(let id) in spec.tiers.map(\.rateSource) {
            // The summary carries the hourly band; the document gives its market and, for employee
            // pay, the loaded cost, so the server plans the rate the command line plans.
            guard
                let file = try await environment.store.decisionFiles.list(specId: id, page: PageRequest(limit: 1)).items
                    .first
            else { continue }
            func hourly(_ minor: Int64) -> Double { Money(minorUnits: minor, currency: file.currency).amount }
            let stored = try await environment.store.decisionFiles.get(file.id)
            let document: DecisionFile? = try JSONDecoder().decode(DecisionFile.self, from: Data(stored.document.utf8))
            let employeePay = document?.loadedCost?.basis == "employee-pay"
            bands[id] = RateResolver.Band(
                min: hourly(file.bandMinMinor), mid: hourly(file.bandMidMinor), max: hourly(file.bandMaxMinor),
                currency: file.currency,
                market: document?.band.locationMarket,
                loadFactor: employeePay ? document?.loadedCost?.bandMid?.loadFactor : nil)
        }
        let known = bands
        let (resolved, sources, problems) = RateResolver(reference: environment.pricer.reference, band: { known[$0] })
            .resolve(spec)
        guard problems.isEmpty else {
            throw Problem.unprocessable(
                "a tier's rate cannot be found", errors: problems.map { Problem.FieldError(field: "rate", message: $0) }
            )
        }
        return try await environment.planner.run {
            (budget: PlanBudget<PlanWorkers.Stop>) throws(PlanWorkers.Stop) -> (
                plan: ProgramPlan, frontier: RoutingFrontier?
            ) in
            let plan = try ProgramPlan.build(resolved, rateSources: sources, budget: budget)
            let sweep: RoutingFrontier? =
                if frontier { try RoutingOptimizer.sweep(resolved, budget: budget) } else { nil }
            return (plan, sweep)
        }
    }
}
