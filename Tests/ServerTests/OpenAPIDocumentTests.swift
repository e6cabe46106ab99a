import Foundation
import Hummingbird
import Storage
import Testing
import WebApp
import WorkModel

/// The OpenAPI document the server serves describes exactly the routes it registers: a route
/// added without documenting it, or documented without existing, fails here. The document is
/// read line by line (ServerTests does not depend on a YAML parser), which relies on the
/// document's layout: path keys indented two spaces under `paths:`, methods four.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("documents every registered route, and only those")
    func pathsMatchTheRouter() async throws {
        try await Server.run { server in
            let reply = try await server.request(.get, "/openapi.yaml")
            #expect(reply.code == 200)
            #expect(reply.contentType.hasPrefix("application/yaml"))
            let document = OpenAPIOutline(reply.text)
            #expect(document.version.hasPrefix("3.1"), "openapi: \(document.version)")

            let registered = Set(server.endpoints.map(\.description))
            let documented = Set(document.operations.keys)
            #expect(registered.count == server.endpoints.count, "a route is registered twice")
            #expect(!documented.isEmpty, "no operations found under paths:")
            let undocumented = registered.subtracting(documented).sorted()
            let unregistered = documented.subtracting(registered).sorted()
            #expect(undocumented.isEmpty, "registered but not in openapi.yaml: \(undocumented)")
            #expect(unregistered.isEmpty, "in openapi.yaml but not registered: \(unregistered)")
        }
    }

    @Test("says which roles may call each operation, as Permission.allows decides")
    func rolesMatchThePermissions() async throws {
        try await Server.run { server in
            let document = OpenAPIOutline(try #require(OpenAPIDocument.text, "openapi.yaml is not in the bundle"))
            for endpoint in server.endpoints {
                // A route missing from the document is reported by the test above.
                guard let operation = document.operations[endpoint.description] else { continue }
                let open = endpoint.permission == .everyone
                #expect(
                    operation.isPublic == open,
                    "\(endpoint): `security: []` must be given exactly when no sign-in is needed")
                let documented = try #require(operation.roles, "\(endpoint): no 'Roles:' line in its description")
                let allowed: Set<UserRole> =
                    open ? [] : Set(UserRole.allCases.filter { endpoint.permission.allows($0) })
                #expect(
                    documented == allowed,
                    "\(endpoint): documented roles \(documented.map(\.rawValue).sorted()), allowed \(allowed.map(\.rawValue).sorted())"
                )
            }
        }
    }
}

/// What the tests read of the YAML: the `openapi` version and, per "METHOD /path", whether it
/// is public (`security: []`) and the roles named on its "Roles:" line.
private struct OpenAPIOutline {
    struct Operation {
        var isPublic = false
        /// Role names on the first "Roles:" line, up to its first full stop; empty for "everyone".
        var roles: Set<UserRole>?
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private(set) var version = ""
    private(set) var operations: [String: Operation] = [:]

    init(_ text: String) {
        var inPaths = false
        var path: String?
        var current: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.count - trimmed.count
            if indent == 0 {
                // A top-level key ends the paths section.
                inPaths = line == "paths:"
                path = nil
                current = nil
                if line.hasPrefix("openapi:") {
                    version = line.dropFirst("openapi:".count).trimmingCharacters(
                        in: CharacterSet(charactersIn: " \"'"))
                }
                continue
            }
            guard inPaths else { continue }
            if indent == 2 {
                current = nil
                path = trimmed.hasPrefix("/") && trimmed.hasSuffix(":") ? String(trimmed.dropLast()) : nil
            } else if indent == 4, let path {
                let key = trimmed.hasSuffix(":") ? String(trimmed.dropLast()) : ""
                current = OpenAPIOutline.methods.contains(key) ? "\(key.uppercased()) \(path)" : nil
                if let current { operations[current] = Operation() }
            } else if let name = current {
                if indent == 6 && trimmed == "security: []" { operations[name]?.isPublic = true }
                if operations[name]?.roles == nil, let range = line.range(of: "Roles: ") {
                    operations[name]?.roles = OpenAPIOutline.roles(in: String(line[range.upperBound...]))
                }
            }
        }
    }

    /// The role names in "admin, compensation (procurement may …)." up to the first full stop.
    static func roles(in text: String) -> Set<UserRole> {
        let sentence = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let words = sentence.split { !$0.isLetter }.map(String.init)
        return Set(words.compactMap(UserRole.init(rawValue:)))
    }
}
