import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Synchronization
import Testing
import WebApp
import WorkModel

#if canImport(Glibc)
    import Glibc
#endif

/// Every log line the server writes, as `message key=value ...`.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger {
        var logger = Logger(label: "wagefile.capture") { _ in Handler(capture: self) }
        logger.logLevel = .info
        return logger
    }

    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(
                ([event.message.description] + merged.keys.sorted().map { "\($0)=\(merged[$0].map { "\($0)" } ?? "")" })
                    .joined(separator: " "))
        }
    }
}

/// The low findings of the attack on the server (issue 23, item 8), one test each.
@Suite("Request hardening: logs, origins, content types, caching, tokens, pay bounds, cut-off bodies")
struct RequestHardeningTests {
    @Test("Each request's log line carries the signed-in user's id, by token, by cookie and on a refusal")
    func logLinesNameTheUser() async throws {
        let capture = LogCapture()
        try await Server.run(logger: capture.logger) { server in
            let team = try await server.makeTeam()
            try await server.request(.get, "/api/v1/me", as: team.viewer.bearer)
            try await server.request(.get, "/api/v1/users", as: .cookie(team.finance.cookie))
            try await server.request(.get, "/health")
            let requests = capture.all.filter { $0.hasPrefix("request ") }
            let me = try #require(requests.last { $0.contains("route=/api/v1/me") })
            #expect(me.contains("user=\(team.viewer.id)"), "\(me)")
            let refused = try #require(
                requests.last { $0.contains("route=/api/v1/users ") && $0.contains("status=403") })
            #expect(refused.contains("user=\(team.finance.id)"), "\(refused)")
            // Nobody signed in: a dash.
            #expect(requests.contains { $0.contains("path=/health") && $0.contains("user=-") })
            #expect(!requests.contains { $0.contains(team.viewer.token) })
        }
    }

    @Test("A cookie change from another scheme, port or host is refused; the same origin, by Origin or Referer, is not")
    func originIsSchemeHostAndPort() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let cookie = Auth.cookie(team.viewer.cookie)
            func create(_ headers: HTTPFields) async throws -> Int {
                try await server.request(.post, "/api/v1/tokens", as: cookie, json: #"{"name": "t"}"#, headers: headers)
                    .code
            }
            // The test router is reached as http://localhost.
            #expect(try await create([.origin: "http://localhost"]) == 201)
            #expect(try await create([.origin: "http://localhost:80"]) == 201)
            #expect(try await create([.origin: "https://localhost"]) == 403)
            #expect(try await create([.origin: "http://localhost:8081"]) == 403)
            #expect(try await create([.origin: "http://localhost.evil.example"]) == 403)
            #expect(try await create([.origin: "null"]) == 403)
            // No Origin: the Referer decides.
            #expect(try await create([.referer: "http://localhost/roles"]) == 201)
            #expect(try await create([.referer: "https://evil.example/page"]) == 403)
            #expect(try await create([.referer: "http://localhost:9000/roles"]) == 403)
            // Behind a TLS proxy the browser's origin is https.
            if let proto = HTTPField.Name("X-Forwarded-Proto") {
                #expect(try await create([.origin: "https://localhost", proto: "https"]) == 201)
                #expect(try await create([.origin: "http://localhost", proto: "https"]) == 403)
            }
            // A token is not a cookie: no origin check.
            #expect(
                try await server.request(
                    .post, "/api/v1/tokens", as: team.viewer.bearer, json: #"{"name": "t"}"#,
                    origin: "https://elsewhere.example"
                ).code == 201)
        }
    }

    @Test("A JSON endpoint refuses a body sent as text/plain, a form or with no Content-Type: 415")
    func jsonBodiesMustSayJSON() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let body = ByteBuffer(string: #"{"name": "laptop"}"#)
            for type in [
                "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", nil,
            ] {
                var headers: HTTPFields = [:]
                if let type { headers[.contentType] = type }
                let reply = try await server.request(
                    .post, "/api/v1/tokens", as: team.viewer.bearer, bytes: body, headers: headers)
                #expect(reply.code == 415 && reply.isProblem, "\(type ?? "none"): \(reply.code) \(reply.text)")
            }
            let signIn = try await server.request(
                .post, "/api/v1/session", bytes: ByteBuffer(string: #"{"email": "vic@example.com", "password": "x"}"#),
                headers: [.contentType: "text/plain"])
            #expect(signIn.code == 415)
            for type in [
                "application/json", "application/json; charset=utf-8", "Application/JSON",
                "application/merge-patch+json",
            ] {
                let reply = try await server.request(
                    .post, "/api/v1/tokens", as: team.viewer.bearer, bytes: body, headers: [.contentType: type])
                #expect(reply.code == 201, "\(type): \(reply.code) \(reply.text)")
            }
        }
    }

    @Test("API responses are never cached: Cache-Control no-store, errors included")
    func apiResponsesAreNotStored() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            _ = try await server.request(
                .post, "/api/v1/people", as: team.compensation.bearer, json: personJSON(name: "Grace Hopper"))
            for (uri, auth) in [
                ("/api/v1/people", team.compensation.bearer), ("/api/v1/me", team.viewer.bearer),
                ("/api/v1/reports/cost", team.finance.bearer), ("/api/v1/specs", team.viewer.bearer),
                ("/api/v1/people", Auth.bearer("wf_unknown")),
            ] {
                let reply = try await server.request(.get, uri, as: auth)
                #expect(
                    reply.headers[.cacheControl] == "no-store",
                    "\(uri): \(reply.code) \(reply.headers[.cacheControl] ?? "none")")
            }
        }
    }

    @Test("A password change revokes the user's API tokens and ends their sessions")
    func passwordChangeRevokesTokens() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            #expect(try await server.request(.get, "/api/v1/me", as: team.viewer.bearer).code == 200)
            let user = try await server.request(.get, "/api/v1/users/\(team.viewer.id)", as: team.admin.bearer)
            let changed = try await server.request(
                .patch, "/api/v1/users/\(team.viewer.id)", as: team.admin.bearer,
                json: #"{"password": "a brand new long password"}"#, ifMatch: user.etag)
            #expect(changed.code == 200, "\(changed.text)")
            #expect(try await server.request(.get, "/api/v1/me", as: team.viewer.bearer).code == 401)
            #expect(try await server.request(.get, "/api/v1/me", as: .cookie(team.viewer.cookie)).code == 401)
            // Others keep theirs; a rename does not revoke.
            #expect(try await server.request(.get, "/api/v1/me", as: team.finance.bearer).code == 200)
            let finance = try await server.request(.get, "/api/v1/users/\(team.finance.id)", as: team.admin.bearer)
            _ = try await server.request(
                .patch, "/api/v1/users/\(team.finance.id)", as: team.admin.bearer, json: #"{"name": "Fin"}"#,
                ifMatch: finance.etag)
            #expect(try await server.request(.get, "/api/v1/me", as: team.finance.bearer).code == 200)
        }
    }

    @Test("Pay past its cap for the basis is refused with 422 naming the field; a large real salary is kept")
    func payIsBounded() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            let huge = try await server.request(
                .post, "/api/v1/people", as: carol,
                json: personJSON(name: "Overflow", payMinor: 9_200_000_000_000_000_000))
            #expect(huge.code == 422 && huge.errorFields == ["payMinor"], "\(huge.text)")
            let hourly = personJSON(name: "Hourly", payMinor: 10_000_000_000).replacingOccurrences(
                of: #""payBasis": "annual""#, with: #""payBasis": "hourly""#)
            let tooHourly = try await server.request(.post, "/api/v1/people", as: carol, json: hourly)
            #expect(tooHourly.code == 422 && tooHourly.errorFields == ["payMinor"], "\(tooHourly.text)")
            // The cap itself is allowed: 100 billion a year in a two-decimal currency.
            let atCap = try await server.request(
                .post, "/api/v1/people", as: carol, json: personJSON(name: "At the cap", payMinor: 10_000_000_000_000))
            #expect(atCap.code == 201, "\(atCap.text)")
        }
    }

    @Test("A body cut off at the idle timeout is a 408, not an unhandled error", .timeLimit(.minutes(1)))
    func cutOffBodyIs408() async throws {
        let capture = LogCapture()
        let database = try await SQLiteStore.open(path: nil, logger: QuietLogger.logger)
        let store = Store(database: database, now: { FixedClock.now })
        try await store.migrations.run()
        let environment = ServerEnvironment(
            store: store, pricer: try Shipped.pricer(), now: { FixedClock.now }, bcryptCost: 4)
        let app = Application(
            router: buildRouter(environment).router,
            server: .http1(configuration: .init(idleTimeout: .seconds(1))),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: capture.logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Announces 100 bytes, sends 8, then says nothing: the server closes it after a second.
            let answer = try RawHTTP.send(
                port: port,
                """
                POST /api/v1/session HTTP/1.1\r
                Host: 127.0.0.1\r
                Content-Type: application/json\r
                Content-Length: 100\r
                \r
                {"email"
                """)
            #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(200))")
        }
        await database.close()
        let lines = capture.all
        #expect(!lines.contains { $0.contains("unhandled error") }, "\(lines.filter { $0.contains("error") })")
        #expect(
            lines.contains { $0.hasPrefix("request ") && $0.contains("status=408") },
            "\(lines.filter { $0.hasPrefix("request") })")
    }
}

/// A client that sends raw bytes and reads until the server closes the connection.
enum RawHTTP {
    struct Failure: Error { var step: String }

    static func send(port: Int, _ text: String) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(step: "socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(step: "connect") }
        let bytes = Array(text.utf8)
        guard Glibc.send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw Failure(step: "send") }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
