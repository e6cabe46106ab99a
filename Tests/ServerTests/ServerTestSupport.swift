import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Pricing
import ReferenceData
import Storage
import Synchronization
import Testing
import WagefileTestSupport
import WebApp
import WorkModel

/// The shipped reference data and its pricer, loaded once for the whole run.
enum Shipped {
    private static let loaded: Result<Pricer, any Error> = Result {
        try Pricer(reference: try ReferenceLoader.load())
    }

    static func pricer() throws -> Pricer { try loaded.get() }
}

/// The instant every test runs at: 2026-11-21T09:00:00Z, never moving.
enum FixedClock {
    static let now = Date(timeIntervalSince1970: 1_795_251_600)
}

enum QuietLogger {
    static let logger: Logger = {
        var logger = Logger(label: "wagefile.server-tests")
        logger.logLevel = .critical
        return logger
    }()
}

/// How a request authenticates.
enum Auth: Sendable {
    case bearer(String)
    case cookie(String)
    /// A raw Authorization header value.
    case header(String)
}

/// A user signed in through the API, with a session cookie and an API token of their own.
struct Account: Sendable {
    var id: String
    var email: String
    var password: String
    var role: UserRole
    var token: String
    var cookie: String

    var bearer: Auth { .bearer(token) }
}

/// A read-only view of a JSON value, so tests can write `reply.json["items"][0]["id"].string`.
struct JSON: CustomStringConvertible {
    let value: Any?

    init(_ value: Any?) { self.value = value }

    init(parsing text: String) {
        value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    subscript(key: String) -> JSON { JSON((value as? [String: Any])?[key]) }
    subscript(index: Int) -> JSON {
        guard let array = value as? [Any], array.indices.contains(index) else { return JSON(nil) }
        return JSON(array[index])
    }

    var string: String? { value as? String }
    var int: Int? {
        if let number = value as? Int { return number }
        return (value as? NSNumber)?.intValue
    }
    var bool: Bool? { value as? Bool }
    var double: Double? { (value as? NSNumber)?.doubleValue }
    var array: [JSON] { (value as? [Any])?.map(JSON.init) ?? [] }
    var object: [String: Any]? { value as? [String: Any] }
    var keys: Set<String> { Set(object?.keys ?? [String: Any]().keys) }
    /// Absent, or explicitly null.
    var isMissing: Bool { value == nil || value is NSNull }
    var description: String { value.map { "\($0)" } ?? "(missing)" }
}

/// A response, read whole.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var json: JSON { JSON(parsing: text) }
    var code: Int { status.code }
    var contentType: String { headers[.contentType] ?? "" }
    var etag: String? { headers[.eTag] }
    var isProblem: Bool { contentType == "application/problem+json" }
    /// The field names of a validation problem's `errors`.
    var errorFields: [String] { json["errors"].array.compactMap { $0["field"].string } }
}

/// Which "METHOD /template" routes a test reached with a successful (2xx) response, and every
/// response body it received (for the no-secrets check).
final class Recorder: Sendable {
    private let state = Mutex<(hits: [String: Set<Int>], bodies: [String])>(([:], []))

    func record(_ route: String?, status: Int, body: String) {
        state.withLock { state in
            if let route { state.hits[route, default: []].insert(status) }
            state.bodies.append(body)
        }
    }

    var succeeded: Set<String> {
        state.withLock { state in Set(state.hits.filter { $0.value.contains { (200..<300).contains($0) } }.keys) }
    }

    var bodies: [String] { state.withLock { $0.bodies } }
}

/// One application over a fresh in-memory database, and a client that talks to its router.
struct Server: Sendable {
    let client: any TestClientProtocol
    let environment: ServerEnvironment
    let endpoints: [Endpoint]
    /// The web pages, outside the API registry.
    let pages: [Endpoint]
    let recorder: Recorder

    var store: Store { environment.store }

    /// Opens a migrated in-memory database, builds the router and runs `body` against it.
    static func run(
        throttle: SignInThrottle = SignInThrottle(), planner: PlanWorkers = PlanWorkers(),
        logger: Logger = QuietLogger.logger,
        auditAnchor: AuditAnchor? = nil,
        _ body: @escaping @Sendable (Server) async throws -> Void
    ) async throws {
        let database = try await SQLiteStore.open(path: nil, logger: QuietLogger.logger)
        let store = Store(database: database, now: { FixedClock.now })
        try await store.migrations.run()
        let environment = ServerEnvironment(
            store: store, pricer: try Shipped.pricer(), now: { FixedClock.now }, bcryptCost: 4, secureCookies: true,
            throttle: throttle, planner: planner, auditAnchor: auditAnchor)
        let (router, endpoints, pages) = buildRouter(environment)
        let app = Application(router: router, logger: logger)
        do {
            try await app.test(.router) { client in
                let server = Server(
                    client: client, environment: environment, endpoints: endpoints, pages: pages, recorder: Recorder())
                try await body(server)
                for text in server.recorder.bodies {
                    for secret in Server.forbiddenInResponses where text.contains(secret) {
                        Issue.record("a response contains \(secret): \(text.prefix(300))")
                    }
                }
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    /// Sends a request. `json` and `text` are bodies; `ifMatch` and `origin` become headers.
    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ uri: String, as auth: Auth? = nil, json: String? = nil, text: String? = nil,
        bytes: ByteBuffer? = nil, ifMatch: String? = nil, origin: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        switch auth {
        case .bearer(let token): headers[.authorization] = "Bearer \(token)"
        case .cookie(let cookie): headers[.cookie] = cookie
        case .header(let value): headers[.authorization] = value
        case nil: break
        }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        } else if let text {
            headers[.contentType] = "application/yaml"
            body = ByteBuffer(string: text)
        } else if let bytes {
            body = bytes
        }
        if let ifMatch { headers[.ifMatch] = ifMatch }
        if let origin { headers[.origin] = origin }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body) { $0 }
        let reply = Reply(
            status: response.status, headers: response.headers,
            text: String(buffer: response.body))
        recorder.record(route(method, uri), status: reply.code, body: reply.text)
        return reply
    }

    /// The endpoint template a concrete URI reaches, preferring literal segments over parameters.
    func route(_ method: HTTPRequest.Method, _ uri: String) -> String? {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best: (endpoint: Endpoint, literals: Int)?
        for endpoint in endpoints where endpoint.method == method {
            let template = endpoint.path.split(separator: "/", omittingEmptySubsequences: true)
            guard template.count == segments.count else { continue }
            var literals = 0
            var matches = true
            for (part, segment) in zip(template, segments) {
                if part.hasPrefix("{") && part.hasSuffix("}") { continue }
                if part == segment {
                    literals += 1
                } else {
                    matches = false
                    break
                }
            }
            if matches, best.map({ literals > $0.literals }) ?? true { best = (endpoint, literals) }
        }
        return best?.endpoint.description
    }

    /// Requires that this test reached each of `routes` with at least one 2xx response.
    func expectCovered(_ routes: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let missing = Set(routes).subtracting(recorder.succeeded)
        #expect(
            missing.isEmpty, "routes this test claims but never answered 2xx: \(missing.sorted())",
            sourceLocation: sourceLocation)
    }

    // MARK: Accounts

    static let password = "correct horse battery staple"

    /// What must never appear in a response: password and token hashes, under any spelling.
    static let forbiddenInResponses = [
        "passwordHash", "password_hash", "tokenHash", "token_hash", "$2b$", "$2a$", "$2y$",
    ]

    /// The first admin, created straight in the store (nobody can create users before one exists),
    /// then signed in through the API.
    func bootstrapAdmin(email: String = "admin@example.com") async throws -> Account {
        let hash = try await PasswordHashing.hash(Server.password, cost: environment.bcryptCost)
        let user = try await store.accounts.createUser(
            User(id: "u-admin", email: email, name: "Ada Admin", role: .admin, passwordHash: hash), by: .system)
        return try await signIn(id: user.id, email: email, role: .admin)
    }

    /// A user created by `admin` through POST /api/v1/users, signed in, with an API token.
    func makeUser(_ role: UserRole, email: String, by admin: Account) async throws -> Account {
        let created = try await request(
            .post, "/api/v1/users", as: admin.bearer,
            json: """
                {"email": "\(email)", "name": "\(role.rawValue) user", "role": "\(role.rawValue)", "password": "\(Server.password)"}
                """)
        try #require(created.code == 201, "creating \(email): \(created.text)")
        let id = try #require(created.json["id"].string)
        return try await signIn(id: id, email: email, role: role)
    }

    private func signIn(id: String, email: String, role: UserRole) async throws -> Account {
        let session = try await request(
            .post, "/api/v1/session", json: #"{"email": "\#(email)", "password": "\#(Server.password)"}"#)
        try #require(session.code == 200, "signing in \(email): \(session.text)")
        let cookie = try #require(Server.cookiePair(session.headers[.setCookie]))
        let token = try await request(.post, "/api/v1/tokens", as: .cookie(cookie), json: #"{"name": "tests"}"#)
        try #require(token.code == 201, "token for \(email): \(token.text)")
        return Account(
            id: id, email: email, password: Server.password, role: role,
            token: try #require(token.json["token"].string), cookie: cookie)
    }

    /// `name=value` from a Set-Cookie header.
    static func cookiePair(_ header: String?) -> String? {
        header?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// An admin, two compensation users (for four-eyes review), and one user of every other role.
    func makeTeam() async throws -> Team {
        let admin = try await bootstrapAdmin()
        return Team(
            admin: admin,
            compensation: try await makeUser(.compensation, email: "carol@example.com", by: admin),
            compensation2: try await makeUser(.compensation, email: "cyrus@example.com", by: admin),
            procurement: try await makeUser(.procurement, email: "pat@example.com", by: admin),
            finance: try await makeUser(.finance, email: "fin@example.com", by: admin),
            viewer: try await makeUser(.viewer, email: "vic@example.com", by: admin))
    }
}

struct Team: Sendable {
    var admin: Account
    var compensation: Account
    var compensation2: Account
    var procurement: Account
    var finance: Account
    var viewer: Account

    /// One user per role.
    var byRole: [UserRole: Account] {
        [.admin: admin, .compensation: compensation, .procurement: procurement, .finance: finance, .viewer: viewer]
    }
}

/// Spec texts the tests send.
enum SpecTexts {
    /// The base spec with `id` and 1-based lines replaced.
    /// Line numbers are those of `BaseSpec.lines`; they matter to the diff and diagnostics tests.
    static func role(id: String = "base-evaluator", replacing changes: [Int: String] = [:]) -> String {
        BaseSpec.edit(changes.mapValues { .some($0) }.merging([2: "id: \(id)"]) { change, _ in change })
    }

    /// A vendor contract (examples/vendor-audio-transcription.yaml).
    static let vendor = """
        spec: wagefile.role/v1
        id: vendor-swahili-transcription
        kind: vendor-contract
        title: Swahili audio transcription (managed service)
        judgment:
          purchased: Accurate transcripts of Swahili customer calls for a speech model.
          type: rule-following
        tasks:
          - {task: transcribe-audio, share: 0.9}
          - {task: categorize-text, share: 0.1}
        direction: train
        expertise: trained
        scope: single-task
        modality: audio
        language: {name: Swahili, scarcity: scarce}
        consequences:
          if_wrong: The speech model mishears a language with few other sources of training data.
          impact: contained
        authority: none
        data_sensitivity: personal
        content_exposure: none
        worker:
          status: vendor-employee
          jurisdiction: KE
          headcount: 25
        currency: USD
        vendor:
          name: Example Data Services Ltd
          bill_rate: {amount: 14, basis: hourly}
          worker_pay_disclosed: false
          last_audit: 2025-06-10
        budget_owner: procurement

        """
}

/// A person body with every common field.
func personJSON(
    id: String? = nil, name: String, payMinor: Int = 9_000_000, workLayer: String = "evaluation",
    title: String = "Evaluator", variablePayMinor: Int? = nil
) -> String {
    let idField = id.map { #""id": "\#($0)", "# } ?? ""
    let variable = variablePayMinor.map { #", "variablePayMinor": \#($0)"# } ?? ""
    return """
        {\(idField)"name": "\(name)", "employment": "employee", "title": "\(title)", "payMinor": \(payMinor),
         "currency": "USD", "payBasis": "annual", "workLayer": "\(workLayer)", "location": "Austin, US-TX"\(variable)}
        """
}
