import DecisionFiles
import Foundation
import Hummingbird
import Pricing
import ReferenceData
import Storage

extension WebPages {
    func registerSignIn(_ router: Router<AppRequestContext>) {
        let renderer = self.renderer
        let environment = self.environment
        @Sendable func form(_ request: Request, error: String?, email: String, status: HTTPResponse.Status) throws
            -> Response
        {
            // The pre-sign-in token travels in its own cookie and in the form: another site
            // can make the browser send the cookie, but cannot read it to fill the form.
            let token = request.cookies[CSRF.signInCookie]?.value ?? Secrets.random(prefix: "")
            var values = WebPages.base(nil, nil, title: "Sign in", section: "signin")
            values["csrf"] = token
            values["error"] = error
            values["email"] = email
            values["next"] = WebPages.safeNext(request.uri.queryParameters.get("next"))
            var cookie = "\(CSRF.signInCookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=3600"
            if environment.secureCookies { cookie += "; Secure" }
            return try renderer.page("signin", values, status: status, headers: [.setCookie: cookie])
        }
        router.get("/signin") { request, context in
            if context.user != nil { return PageRenderer.redirect("/") }
            return try form(request, error: nil, email: "", status: .ok)
        }
        router.post("/signin") { request, context in
            let submitted = try await WebForm.read(request, context)
            guard let expected = request.cookies[CSRF.signInCookie]?.value, submitted[CSRF.field] == expected else {
                return try form(
                    request, error: "The form expired. Sign in again.", email: submitted["email"] ?? "",
                    status: .forbidden)
            }
            do {
                let (_, cookie) = try await AccountController.signIn(
                    email: submitted["email"] ?? "", password: submitted["password"] ?? "", from: context.clientAddress,
                    environment: environment)
                return PageRenderer.redirect(WebPages.safeNext(submitted["next"]), headers: [.setCookie: cookie])
            } catch let problem as Problem {
                return try form(request, error: problem.detail, email: submitted["email"] ?? "", status: problem.status)
            }
        }
        page(router, .post, "/signout", .signedIn) { request, _, _, _ in
            if let session = request.cookies[Secrets.sessionCookie]?.value {
                try await environment.store.accounts.deleteSession(tokenHash: Secrets.hash(session))
            }
            return PageRenderer.redirect(
                "/signin",
                headers: [.setCookie: "\(Secrets.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"])
        }
    }

    /// Only a path on this site: an open redirect would let a link send someone elsewhere after sign-in.
    static func safeNext(_ next: String?) -> String {
        guard let next = next?.removingPercentEncoding ?? next, next.hasPrefix("/"), !next.hasPrefix("//"),
            !next.contains("\\")
        else { return "/" }
        return next
    }
}
