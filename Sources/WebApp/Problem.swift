import Foundation
package import Hummingbird
import Storage
import WorkModel

/// An error response in RFC 9457 form (`application/problem+json`): what went wrong, on which
/// request, and for validation failures every field that was wrong.
package struct Problem: HTTPResponseError, Sendable {
    package var status: HTTPResponse.Status
    package var title: String
    package var detail: String
    /// Field-level errors: JSON field or spec path, with line and column for spec text.
    package var errors: [FieldError]
    package var headers: HTTPFields

    package struct FieldError: Codable, Sendable, Equatable {
        package var field: String
        package var message: String
        package var line: Int?
        package var column: Int?
    }

    package init(
        _ status: HTTPResponse.Status, _ detail: String, title: String? = nil, errors: [FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            title: title, status: status.code, detail: detail, instance: request.uri.path,
            errors: errors.isEmpty ? nil : errors)
        let buffer = ByteBuffer(bytes: try JSONBody.encoder.encode(body))
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
    }

    /// The problem+json document.
    struct Body: Encodable {
        var type = "about:blank"
        var title: String
        var status: Int
        var detail: String
        var instance: String
        var errors: [FieldError]?
    }

    // MARK: The errors the application raises, in one place

    static func unauthorized() -> Problem {
        Problem(
            .unauthorized, "sign in (POST /api/v1/session) or send an API token as 'Authorization: Bearer <token>'",
            headers: [.wwwAuthenticate: "Bearer realm=\"wagefile\""])
    }

    static func forbidden(_ role: UserRole, _ action: String) -> Problem {
        Problem(.forbidden, "the \(role.rawValue) role may not \(action)")
    }

    static func notFound(_ what: String) -> Problem { Problem(.notFound, what) }

    static func badRequest(_ detail: String, errors: [FieldError] = []) -> Problem {
        Problem(.badRequest, detail, errors: errors)
    }

    static func unprocessable(_ detail: String, errors: [FieldError]) -> Problem {
        Problem(.unprocessableContent, detail, errors: errors)
    }

    static func preconditionRequired(_ what: String) -> Problem {
        Problem(
            .init(code: 428, reasonPhrase: "Precondition Required"),
            "send If-Match with the ETag you last read of this \(what), so a concurrent edit is not overwritten")
    }

    /// Maps the errors lower layers throw onto responses that say what to do next.
    static func from(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let error as StorageError:
            switch error {
            case .notFound: return Problem(.notFound, error.description)
            case .conflict(_, _, let current):
                return Problem(.conflict, error.description, headers: [.eTag: ETag.string(current)])
            case .duplicate: return Problem(.conflict, error.description)
            case .invalid(let message): return Problem(.unprocessableContent, message)
            case .unavailable: return Problem(.serviceUnavailable, error.description, headers: [.retryAfter: "5"])
            }
        case let error as RecordProblems:
            return Problem(
                .unprocessableContent, "the \(error.entity) was not saved; fix the fields listed",
                errors: error.problems.map { FieldError(field: $0.field, message: $0.message) })
        case let error as InputError:
            return Problem(
                .unprocessableContent, "the spec was not saved; fix the fields listed",
                errors: error.diagnostics.map {
                    FieldError(field: $0.field, message: $0.message, line: $0.line, column: $0.column)
                })
        default:
            return nil
        }
    }
}

/// Revisions travel as strong ETags: `"3"`.
enum ETag {
    static func string(_ revision: Int) -> String { "\"\(revision)\"" }

    /// The revision an If-Match names: 428 when absent, 400 when unreadable.
    static func expectedRevision(_ request: Request, what: String) throws -> Int {
        guard let value = request.headers[.ifMatch] else { throw Problem.preconditionRequired(what) }
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let revision = Int(text) else {
            throw Problem.badRequest("If-Match must be the ETag you read, e.g. \"3\" (got \(value))")
        }
        return revision
    }
}
