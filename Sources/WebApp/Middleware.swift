import Foundation
import Hummingbird
import Logging
import Storage

/// The outermost layer: times and counts every request, logs it as one structured line, and
/// turns any error into an `application/problem+json` response.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        metrics.begin()
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try EdgeMiddleware.problemResponse(for: error, request: request, context: context)
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = context.endpointPath ?? "unmatched"
        metrics.end(method: request.method.rawValue, route: route, status: response.status.code, seconds: seconds)
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "ms": .string(String(format: "%.2f", seconds * 1000)),
            "user": .string(context.user?.email ?? "-"),
        ])
        return response
    }

    static func problemResponse(for error: any Error, request: Request, context: Context) throws -> Response {
        if let problem = Problem.from(error) {
            return try problem.response(from: request, context: context)
        }
        if let error = error as? any HTTPResponseError {
            // Hummingbird's own: unknown route, body too large, bad method.
            let detail = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            return try Problem(error.status, detail.isEmpty ? error.status.reasonPhrase : detail)
                .response(from: request, context: context)
        }
        context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error))])
        return try Problem(.internalServerError, "something went wrong on our side; the request id is \(context.id)")
            .response(from: request, context: context)
    }
}

/// Finds the user: an API token in `Authorization: Bearer`, else the session cookie.
///
/// A wrong token is refused outright (the caller meant to authenticate); a stale cookie is
/// just ignored, so the browser falls back to signing in.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer ") else {
                throw Problem(.unauthorized, "the Authorization header must be 'Bearer <token>'")
            }
            let token = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            guard token.hasPrefix(Secrets.tokenPrefix), let user = try await accounts.tokenUser(tokenHash: Secrets.hash(token)) else {
                throw Problem(.unauthorized, "the API token is unknown, revoked, or its user is disabled",
                              headers: [.wwwAuthenticate: "Bearer realm=\"wagefile\", error=\"invalid_token\""])
            }
            context.user = user
        } else if let session = request.cookies[Secrets.sessionCookie]?.value, !session.isEmpty {
            if let user = try await accounts.sessionUser(tokenHash: Secrets.hash(session)) {
                context.user = user
                context.viaSession = true
                try AuthenticationMiddleware.checkOrigin(request)
            }
        }
        return try await next(request, context)
    }

    /// A cookie rides along on cross-site requests; a changing request from another origin is
    /// refused. (The cookie is also SameSite=Strict; this covers older browsers.)
    static func checkOrigin(_ request: Request) throws {
        guard ![.get, .head, .options].contains(request.method), let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        guard let originHost = URLComponents(string: origin)?.host, !host.isEmpty else {
            throw Problem(.forbidden, "cross-site request refused: Origin '\(origin)' does not match this server")
        }
        let hostName = host.split(separator: ":").first.map(String.init) ?? host
        guard originHost == hostName else {
            throw Problem(.forbidden, "cross-site request refused: Origin '\(origin)' does not match this server")
        }
    }
}
