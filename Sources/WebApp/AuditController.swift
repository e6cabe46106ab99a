import Hummingbird
import Storage

/// The audit log, newest first, and a check of its hash chain and checkpoints.
struct AuditController {
    let environment: ServerEnvironment

    func register(_ registry: EndpointRegistry, _ router: Router<AppRequestContext>) {
        let audit = environment.store.audit
        registry.add(router, .get, "/api/v1/audit", .readAudit) { request, _ in
            let query = ListQuery(request: request)
            let page = try await audit.list(
                AuditLog.Query(
                    entity: query.string("entity"), entityId: query.string("entityId"), actor: query.string("actor")),
                page: try query.page)
            return try JSONBody.response(page)
        }
        let anchor = environment.auditAnchor
        registry.add(router, .get, "/api/v1/audit/verify", .admin) { _, _ in
            // With an anchor, the chain is also checked against the signed checkpoints outside the database.
            let result = if let anchor { try await anchor.verify(audit) } else { try await audit.verify() }
            return try JSONBody.response(result, status: result.intact ? .ok : .conflict)
        }
    }
}
