import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage

/// The outermost layer: times and counts every request, logs it as one structured line, and
/// turns any error into an `application/problem+json` response.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        metrics.begin()
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try EdgeMiddleware.problemResponse(for: error, request: request, context: context)
        }
        EdgeMiddleware.forbidCaching(request, &response)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = context.endpointPath ?? "unmatched"
        metrics.end(method: request.method.rawValue, route: route, status: response.status.code, seconds: seconds)
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
                "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "ms": .string(String(format: "%.2f", seconds * 1000)),
                "user": .string(context.identity.recorded ?? "-"),
            ])
        return response
    }

    /// API answers carry pay, names and decision files: no browser or proxy cache may keep
    /// them (a shared machine's back button, a caching proxy). Pages set the same themselves.
    static func forbidCaching(_ request: Request, _ response: inout Response) {
        if request.uri.path.hasPrefix("/api/") && response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
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

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer ") else {
                throw Problem(.unauthorized, "the Authorization header must be 'Bearer <token>'")
            }
            let token = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            guard token.hasPrefix(Secrets.tokenPrefix),
                let user = try await accounts.tokenUser(tokenHash: Secrets.hash(token))
            else {
                throw Problem(
                    .unauthorized, "the API token is unknown, revoked, or its user is disabled",
                    headers: [.wwwAuthenticate: "Bearer realm=\"wagefile\", error=\"invalid_token\""])
            }
            context.user = user
            context.identity.record(user)
        } else if let session = request.cookies[Secrets.sessionCookie]?.value, !session.isEmpty {
            if let user = try await accounts.sessionUser(tokenHash: Secrets.hash(session)) {
                context.user = user
                context.viaSession = true
                context.identity.record(user)
                try AuthenticationMiddleware.checkOrigin(request)
            }
        }
        return try await next(request, context)
    }

    /// A cookie rides along on cross-site requests; a changing request from another origin is
    /// refused. (The cookie is also SameSite=Strict; this covers older browsers.) The origin is
    /// scheme, host and port together (RFC 6454): `http://host` is not `https://host`, and
    /// `host:8080` is not `host:8081`. `Origin` decides when sent; else `Referer` does (browsers
    /// that leave out `Origin` send it); a request with neither is left to the CSRF token and SameSite.
    static func checkOrigin(_ request: Request) throws {
        guard ![.get, .head, .options].contains(request.method) else { return }
        let claimed: String
        if let origin = request.headers[.origin] {
            claimed = origin
        } else if let referer = request.headers[.referer] {
            claimed = referer
        } else {
            return
        }
        guard let sender = WebOrigin(url: claimed), let server = WebOrigin.of(request), sender == server else {
            throw Problem(.forbidden, "cross-site request refused: '\(claimed)' is not this server's origin")
        }
    }
}

/// Scheme, host and port, as browsers compare origins.
struct WebOrigin: Equatable {
    var scheme: String
    var host: String
    var port: Int

    /// From an `Origin` or `Referer` value; nil for `null` and anything without a scheme and host.
    init?(url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty,
            let port = components.port ?? WebOrigin.defaultPort(scheme)
        else { return nil }
        self.init(scheme: scheme, host: host, port: port)
    }

    init(scheme: String, host: String, port: Int) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// The origin the browser used to reach this server: the `Host` it sent, and the scheme the
    /// connection had, or the one a TLS-terminating proxy names in `X-Forwarded-Proto` (a page on
    /// another site cannot set that header on a cross-site request without a CORS preflight, which
    /// this server never grants).
    static func of(_ request: Request) -> WebOrigin? {
        guard let authority = request.head.authority, !authority.isEmpty else { return nil }
        let forwarded = forwardedProto.flatMap { request.headers[$0] }.flatMap {
            $0.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }
        let scheme = forwarded ?? request.head.scheme?.lowercased() ?? "http"
        return WebOrigin(url: "\(scheme)://\(authority)")
    }

    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")

    static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "http": 80
        case "https": 443
        default: nil
        }
    }
}
