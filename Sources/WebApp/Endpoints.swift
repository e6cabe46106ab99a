package import Hummingbird
import Storage

/// One route of the API: method, path (OpenAPI syntax) and the permission it needs.
package struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    package var method: HTTPRequest.Method
    package var path: String
    package var permission: Permission
    package var description: String { "\(method.rawValue) \(path)" }
}

/// Registers routes and remembers them, so the authorization matrix test and the OpenAPI
/// check walk exactly the routes the server serves.
///
/// SAFETY: `@unchecked Sendable` holds because `endpoints` is written only while
/// `buildApplication` builds the router, on one task, before the server starts; from then on
/// every handler and test only reads it.
final class EndpointRegistry: @unchecked Sendable {
    // Filled while the router is built, on one task, then only read.
    private(set) var endpoints: [Endpoint] = []

    /// Remembers a route registered elsewhere (a page), without wrapping its handler.
    func note(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission) {
        endpoints.append(Endpoint(method: method, path: path, permission: permission))
    }

    func add(
        _ router: Router<AppRequestContext>, _ method: HTTPRequest.Method, _ path: String, _ permission: Permission,
        _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) {
        endpoints.append(Endpoint(method: method, path: path, permission: permission))
        router.on(RouterPath(path), method: method) { request, context in
            try Authorization.require(permission, context)
            return try await handler(request, context)
        }
    }
}

enum Authorization {
    static func require(_ permission: Permission, _ context: AppRequestContext) throws {
        guard permission != .everyone else { return }
        guard let user = context.user else { throw Problem.unauthorized() }
        guard permission.allows(user.userRole) else { throw Problem.forbidden(user.userRole, permission.action) }
    }
}
