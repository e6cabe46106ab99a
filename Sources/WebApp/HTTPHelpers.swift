import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// JSON in and out, with the errors a client can fix.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, etag: Int? = nil,
        headers extra: HTTPFields = [:]
    ) throws -> Response {
        try raw(Data(encoder.encode(value)), status: status, etag: etag, headers: extra)
    }

    static func raw(
        _ bytes: Data, status: HTTPResponse.Status = .ok, etag: Int? = nil, headers extra: HTTPFields = [:],
        contentType: String = "application/json"
    ) throws -> Response {
        var headers = extra
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        if let etag { headers[.eTag] = ETag.string(etag) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        let buffer = ByteBuffer(string: text)
        return Response(
            status: status, headers: [.contentType: contentType, .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer))
    }

    /// The request body, whole, refusing bodies over the context's limit with 413. A body that
    /// stops arriving (the connection closed or went idle past `ServerLimits.idleTimeout`) is the
    /// client's doing, so it is a 408 rather than an unhandled error.
    static func bytes(_ request: Request, _ context: AppRequestContext) async throws -> Data {
        do {
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "the request body is larger than \(context.maxUploadSize) bytes")
        } catch {
            context.logger.info(
                "request body cut off", metadata: ["error": .string(String(describing: type(of: error)))])
            throw Problem(
                .requestTimeout, "the request body did not arrive whole; send it again",
                headers: [.connection: "close"])
        }
    }

    /// A JSON object body must say so: `Content-Type: application/json` (or a `+json` type).
    /// Browsers send `text/plain` and form types across sites without asking first, so a body
    /// labelled anything else (or nothing) is refused with 415 before it is read as JSON.
    static func requireJSONContentType(_ request: Request) throws {
        let value = request.headers[.contentType] ?? ""
        let mediaType =
            value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            ?? ""
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
        else {
            throw Problem(
                .unsupportedMediaType,
                "send the JSON body with Content-Type: application/json (got \(value.isEmpty ? "none" : "'\(value)'"))",
                headers: [.accept: "application/json"])
        }
    }

    /// A JSON object from the body, as a dictionary, so unknown fields can be named.
    static func object(_ request: Request, _ context: AppRequestContext) async throws -> [String: Any] {
        guard let object = try await optionalObject(request, context) else {
            throw Problem.badRequest("the request needs a JSON object body")
        }
        return object
    }

    /// As `object`, for endpoints whose body may be left out: nil for an empty body.
    static func optionalObject(_ request: Request, _ context: AppRequestContext) async throws -> [String: Any]? {
        let data = try await bytes(request, context)
        guard !data.isEmpty else { return nil }
        try requireJSONContentType(request)
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw Problem.badRequest("the body is not valid JSON: \(error.localizedDescription)")
        }
        guard let object = parsed as? [String: Any] else { throw Problem.badRequest("the body must be a JSON object") }
        return object
    }

    static func decode<T: Decodable>(_ type: T.Type, from object: Any) throws -> T {
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Problem.unprocessable("the body does not have the expected fields", errors: [fieldError(error)])
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppRequestContext) async throws -> T
    {
        try decode(T.self, from: try await object(request, context))
    }

    static func fieldError(_ error: DecodingError) -> Problem.FieldError {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return .init(
                field: parent.isEmpty ? key.stringValue : parent + "." + key.stringValue, message: "is required")
        case .typeMismatch(let type, let context):
            return .init(field: path(context), message: "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            return .init(field: path(context), message: "must be \(describe(type)), not null")
        case .dataCorrupted(let context):
            return .init(field: path(context), message: context.debugDescription)
        @unknown default:
            return .init(field: "", message: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }
}

/// `?limit=&offset=` and the other query values, refusing ones that are not numbers.
struct ListQuery {
    let request: Request

    var page: PageRequest {
        get throws { PageRequest(limit: try int("limit") ?? 50, offset: try int("offset") ?? 0) }
    }

    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func int(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else {
            throw Problem.badRequest("query parameter \(name) must be a whole number (got '\(text)')")
        }
        return value
    }
}

extension AppRequestContext {
    /// The signed-in user; routes that need one are guarded, so this only fails on a wiring mistake.
    var signedInUser: User {
        get throws {
            guard let user else { throw Problem.unauthorized() }
            return user
        }
    }

    func path(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw Problem.badRequest("missing path parameter \(name)") }
        // The router hands the segment over as sent; clients percent-encode ids with spaces,
        // slashes or non-ASCII letters (and `Location` does), so decode it here.
        guard let decoded = value.removingPercentEncoding else {
            throw Problem.badRequest("path parameter \(name) is not valid percent-encoding")
        }
        return decoded
    }
}

/// One path segment of a URL the server hands out (`Location`), percent-encoded: record ids
/// are the user's own text and may hold any character.
enum PathSegment {
    static let allowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/;")
        return set
    }()

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
