import Foundation
import Hummingbird
import SQLKit
import Storage

/// Health, metrics and the API description: what operators and clients read before anything else.
struct OperationsController: Sendable {
    let environment: ServerEnvironment

    func register(_ registry: EndpointRegistry, _ router: Router<AppRequestContext>) {
        let environment = self.environment
        registry.add(router, .get, "/health", .everyone, health)
        registry.add(router, .get, "/metrics", .everyone) { _, _ in
            JSONBody.text(environment.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        registry.add(router, .get, "/openapi.yaml", .everyone) { _, _ in
            guard let text = OpenAPIDocument.text else {
                throw Problem(.internalServerError, "the OpenAPI document is missing from this build")
            }
            return JSONBody.text(text, contentType: "application/yaml; charset=utf-8")
        }
    }

    /// Up when the database answers; 503 with a retry hint when it does not.
    func health(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Health: Encodable {
            var status: String
            var database: String
            var databaseKind: String
            var version: String
            var detail: String?
        }
        do {
            _ = try await environment.store.database.read { sql in try await sql.raw("SELECT 1 AS ok").first() }
            return try JSONBody.response(
                Health(
                    status: "ok", database: "ok", databaseKind: environment.store.database.dialect.rawValue,
                    version: environment.version))
        } catch {
            return try JSONBody.response(
                Health(
                    status: "unavailable", database: "unreachable",
                    databaseKind: environment.store.database.dialect.rawValue,
                    version: environment.version, detail: String(describing: error)),
                status: .serviceUnavailable, headers: [.retryAfter: "5"])
        }
    }
}

/// The committed OpenAPI 3.1 description, shipped as a resource of this module.
package enum OpenAPIDocument {
    package static let text: String? = Bundle.module.url(
        forResource: "openapi", withExtension: "yaml", subdirectory: "Resources"
    )
    .flatMap { try? String(contentsOf: $0, encoding: .utf8) }
}
