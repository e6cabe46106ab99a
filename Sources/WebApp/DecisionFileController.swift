import DecisionFiles
import Foundation
import Hummingbird
import Storage

/// Stored decision files: read in any rendering, and moved through review.
struct DecisionFileController: Sendable {
    let environment: ServerEnvironment

    var files: DecisionFileRepository { environment.store.decisionFiles }

    func register(_ registry: EndpointRegistry, _ router: Router<AppRequestContext>) {
        let environment = self.environment
        let files = environment.store.decisionFiles

        registry.add(router, .get, "/api/v1/decision-files", .read) { request, _ in
            let query = ListQuery(request: request)
            if let status = query.string("status"), ReviewStatus(rawValue: status) == nil {
                throw Problem.badRequest(
                    "status must be one of \(ReviewStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let page = try await files.list(
                specId: query.string("spec"), status: query.string("status"),
                layer: query.string("layer"), page: try query.page)
            return try JSONBody.response(page)
        }
        registry.add(router, .get, "/api/v1/decision-files/{id}", .read, decisionFile)
        for (action, status, permission) in [
            ("submit", ReviewStatus.inReview, Permission.prepareDecisions),
            ("approve", .approved, .decideReviews), ("reject", .rejected, .decideReviews),
        ] {
            registry.add(router, .post, "/api/v1/decision-files/{id}/\(action)", permission) { request, context in
                struct Decision: Decodable { var comment: String? }
                let user = try context.signedInUser
                let id = try context.path("id")
                let expected = try ETag.expectedRevision(request, what: "decision file")
                // The body is optional; when there is one it is a JSON object like any other.
                let comment =
                    try await JSONBody.optionalObject(request, context).map {
                        try JSONBody.decode(Decision.self, from: $0).comment
                    } ?? nil
                let updated = try await DecisionFileController.review(
                    id, to: status, action: action, comment: comment,
                    expectedRevision: expected, by: user, files: files)
                return try JSONBody.response(updated.summary, etag: updated.revision)
            }
        }
    }

    /// One stored wage file as JSON (the stored document spliced in), Markdown, HTML or CSV, as the reader may see it.
    func decisionFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let stored = try await files.get(try context.path("id"))
        let disclosure = try context.disclosure(environment)
        @Sendable func document() throws -> DecisionFile {
            disclosure.decisionFile(try DecisionFileController.document(stored))
        }
        switch ListQuery(request: request).string("format") ?? "json" {
        case "json":
            // The document is stored as computed; splice it in rather than decode and re-encode,
            // unless the reader's copy withholds part of it.
            let document = disclosure.seesIndividualPay ? stored.document : try JSONRendering.line(try document())
            var body = Data(try JSONBody.encoder.encode(stored.summary))
            body.removeLast()
            body.append(contentsOf: Array(",\"document\":".utf8))
            body.append(contentsOf: Array(document.utf8))
            body.append(UInt8(ascii: "}"))
            return try JSONBody.raw(body, etag: stored.revision)
        case "md":
            return JSONBody.text(MarkdownRendering.render(try document()), contentType: "text/markdown; charset=utf-8")
        case "html":
            return JSONBody.text(HTMLRendering.render(try document()), contentType: "text/html; charset=utf-8")
        case "csv":
            let file = try document()
            return JSONBody.text(
                CSVRendering.headerLine() + "\n" + CSVRendering.row(file) + "\n", contentType: "text/csv; charset=utf-8"
            )
        case let other:
            throw Problem.badRequest("format must be json, md, html or csv (got '\(other)')")
        }
    }

    /// Moves a file through review, for the API and the pages alike: a rejection says why, and
    /// whoever sent a file for review does not decide on it (four eyes), admins included: the
    /// role most able to change things is the one a second pair of eyes matters most for.
    /// Without `expectedRevision` (a form that lost it), the current revision is taken.
    static func review(
        _ id: String, to status: ReviewStatus, action: String, comment: String?, expectedRevision: Int?,
        by user: User, files: DecisionFileRepository
    ) async throws -> StoredDecisionFile {
        if status == .rejected && (comment ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw Problem.unprocessable(
                "say why the file is rejected", errors: [.init(field: "comment", message: "is required to reject")])
        }
        var revision = expectedRevision ?? 0
        if status != .inReview || expectedRevision == nil {
            let current = try await files.get(id)
            if status != .inReview && current.submittedBy == user.email {
                throw Problem(.forbidden, "you sent this file for review; another reviewer must \(action) it")
            }
            if expectedRevision == nil { revision = current.revision }
        }
        return try await files.transition(
            id, to: status, comment: comment, expectedRevision: revision, by: user.principal)
    }

    static func document(_ stored: StoredDecisionFile) throws -> DecisionFile {
        try JSONDecoder().decode(DecisionFile.self, from: Data(stored.document.utf8))
    }
}
