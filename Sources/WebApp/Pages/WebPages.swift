import DecisionFiles
import Foundation
import Hummingbird
import Portfolio
import Pricing
import ReferenceData
import Storage
import WorkModel

/// The web app: server-rendered pages over the same store and rules as the API. Every page
/// works without JavaScript; every form carries a CSRF token; a page needing sign-in sends
/// the browser to /signin and back.
struct WebPages {
    let environment: ServerEnvironment
    let renderer: PageRenderer
    /// Every page route, as registered.
    let pages: EndpointRegistry

    /// The request, its context, the signed-in user and the submitted form (empty for GET).
    typealias Handler = @Sendable (Request, AppRequestContext, User, WebForm) async throws -> Response

    func register(_ router: Router<AppRequestContext>) {
        let renderer = self.renderer
        router.get("/static/app.css") { _, _ in
            JSONBody.text(renderer.stylesheet, contentType: "text/css; charset=utf-8")
        }
        registerSignIn(router)
        page(router, .get, "/", .read) { request, _, user, _ in try await dashboard(request, user) }
        registerRoles(router)
        registerPortfolio(router)
        registerPlanner(router)
    }

    /// A page route: signed-in users with the permission get `body`; anyone else is sent to
    /// sign in (GET) or shown why not. Errors become pages, not JSON.
    func page(
        _ router: Router<AppRequestContext>, _ method: HTTPRequest.Method, _ path: String, _ permission: Permission,
        _ body: @escaping Handler
    ) {
        let renderer = self.renderer
        pages.note(method, path, permission)
        router.on(RouterPath(path), method: method) { request, context in
            guard let user = context.user else {
                if method == .get {
                    let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                    return PageRenderer.redirect("/signin?next=\(next)")
                }
                return try renderer.page(
                    "message", WebPages.message(nil, "Sign in first", "Your session has ended; sign in again."),
                    status: .unauthorized)
            }
            guard permission.allows(user.userRole) else {
                return try renderer.page(
                    "message",
                    WebPages.message(
                        user, "Not for your role",
                        "The \(user.role) role may not \(permission.action)."), status: .forbidden)
            }
            do {
                var form = WebForm(fields: [:])
                if method == .post {
                    form = try await WebForm.read(request, context)
                    try CSRF.check(form, request)
                }
                return try await body(request, context, user, form)
            } catch let problem as Problem {
                return try renderer.page(
                    "message", WebPages.message(user, "That did not work", problem.detail), status: problem.status)
            } catch let error as StorageError {
                let status: HTTPResponse.Status =
                    switch error {
                    case .notFound: .notFound
                    case .conflict, .duplicate: .conflict
                    case .invalid: .unprocessableContent
                    case .unavailable: .serviceUnavailable
                    }
                return try renderer.page(
                    "message", WebPages.message(user, "That did not work", error.description), status: status)
            }
        }
    }

    /// What every page's header needs: the user, their role's menu, and the form token.
    static func base(_ user: User?, _ request: Request?, title: String, section: String) -> [String: Any] {
        var values: [String: Any] = ["title": title, "section": section, section + "Active": true]
        if let user {
            values["user"] = ["name": user.name, "email": user.email, "role": user.role]
            values["canSeePay"] = user.userRole.seesIndividualPay
            values["canSeeCost"] = user.userRole.seesVendorSpend
            values["canSeeAudit"] = Permission.readAudit.allows(user.userRole)
            values["canWriteSpecs"] = Permission.writeSpecs.allows(user.userRole)
        }
        if let request, let token = CSRF.expected(request) { values["csrf"] = token }
        return values
    }

    static func message(_ user: User?, _ title: String, _ text: String) -> [String: Any] {
        var values = base(user, nil, title: title, section: "message")
        values["heading"] = title
        values["text"] = text
        return values
    }

    static func money(_ value: Double) -> String { Format.money(value, places: 0) }

    /// A cost total, saying when people's pay is withheld from it for this reader.
    static func costText(_ total: CostReport.Total) -> String {
        money(total.annualCost)
            + (total.withheldPeople.map {
                " (without \($0) \($0 == 1 ? "person" : "people") in groups too small to show)"
            } ?? "")
    }
}
