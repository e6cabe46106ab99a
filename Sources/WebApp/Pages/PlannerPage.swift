import Foundation
import Hummingbird
import Planning
import Storage

/// The planner page: a program spec in a text area, the plan with its stacked cost and the
/// routing frontier drawn below.
extension WebPages {
    func registerPlanner(_ router: Router<AppRequestContext>) {
        let environment = self.environment
        let renderer = self.renderer
        @Sendable func show(
            _ request: Request, _ user: User, text: String, result: String?, errors: [[String: Any]],
            status: HTTPResponse.Status = .ok
        ) throws -> Response {
            var values = WebPages.base(user, request, title: "Program planner", section: "planner")
            values["text"] = text
            if let result { values["result"] = result }
            values["errors"] = errors
            values["hasErrors"] = !errors.isEmpty
            return try renderer.page("planner", values, status: status)
        }
        page(router, .get, "/planner", .signedIn) { request, _, user, _ in
            try show(request, user, text: renderer.exampleProgram, result: nil, errors: [])
        }
        page(router, .post, "/planner", .signedIn) { request, _, user, form in
            let text = (form["program"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            do {
                let result = try await PlanController.plan(text, frontier: true, environment: environment)
                return try show(
                    request, user, text: text, result: PlanRendering.fragment(result.plan, frontier: result.frontier),
                    errors: [])
            } catch let problem as Problem {
                let errors: [[String: Any]] =
                    problem.errors.isEmpty
                    ? [["message": problem.detail]]
                    : problem.errors.map { error in
                        ["message": "\(error.line.map { "line \($0): " } ?? "")\(error.field): \(error.message)"]
                    }
                return try show(request, user, text: text, result: nil, errors: errors, status: problem.status)
            }
        }
    }
}
