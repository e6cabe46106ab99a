import DecisionFiles
import Foundation
import Hummingbird
import Pricing
import ReferenceData

/// A submitted HTML form (application/x-www-form-urlencoded), field by field.
struct WebForm: Sendable {
    var fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    /// The trimmed value, nil when empty.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    static func read(_ request: Request, _ context: AppRequestContext) async throws -> WebForm {
        let data = try await JSONBody.bytes(request, context)
        return WebForm(fields: parse(String(decoding: data, as: UTF8.self)))
    }

    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let key = decode(parts[0])
            if fields[key] == nil { fields[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}

/// Forms carry a token only this server and this browser's session can produce: derived from
/// the session secret in the (HttpOnly) cookie, so another site can neither read nor forge it.
/// Before sign-in, a random cookie is doubled into the form instead.
enum CSRF {
    static let field = "csrf"
    static let signInCookie = "wagefile_csrf"

    static func token(session: String) -> String { String(Secrets.hash("csrf:" + session).prefix(40)) }

    /// The token the request's cookies call for, if any.
    static func expected(_ request: Request) -> String? {
        if let session = request.cookies[Secrets.sessionCookie]?.value, !session.isEmpty {
            return token(session: session)
        }
        return request.cookies[signInCookie]?.value
    }

    static func check(_ form: WebForm, _ request: Request) throws {
        guard let expected = expected(request), let sent = form[field], !sent.isEmpty,
            sent.utf8.count == expected.utf8.count, zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else {
            throw Problem(
                .forbidden, "the form has expired or did not come from this site; reload the page and try again")
        }
    }
}
