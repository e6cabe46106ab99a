import Foundation
import Hummingbird
import Testing
import WebApp

/// Requests built to break the server rather than use it: nesting deep enough to exhaust a
/// recursive parser, bodies of the wrong JSON type where one is optional, ids that are not URL
/// text. Each must get a 4xx problem and leave the server answering.
@Suite("Hostile input")
struct HostileInputTests {
    @Test("JSON nested 100,000 deep is refused with 400, and the server still answers")
    func deepJSON() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            let deep =
                "{\"name\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
            let reply = try await server.request(.post, "/api/v1/people", as: carol, json: deep)
            #expect(reply.code == 400 && reply.isProblem, "\(reply.code) \(reply.text.prefix(200))")
            let openOnly = try await server.request(
                .post, "/api/v1/vendors", as: carol, json: String(repeating: "[", count: 500_000))
            #expect(openOnly.code == 400 || openOnly.code == 403, "\(openOnly.code)")
            #expect(try await server.request(.get, "/health").code == 200)
        }
    }

    @Test("YAML nested 50,000 deep in a role spec is refused with 4xx, never a crash")
    func deepYAML() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let carol = team.compensation.bearer
            let flow =
                "id: deep\ntitle: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
                + "\n"
            let reply = try await server.request(.post, "/api/v1/specs", as: carol, text: flow)
            #expect((400..<500).contains(reply.code) && reply.isProblem, "\(reply.code) \(reply.text.prefix(200))")
            let block =
                (0..<5_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
            let blockReply = try await server.request(.post, "/api/v1/price", as: carol, text: block)
            #expect((400..<500).contains(blockReply.code), "\(blockReply.code) \(blockReply.text.prefix(200))")
            #expect(try await server.request(.get, "/health").code == 200)
        }
    }

    @Test("A review body that is JSON but not an object is a 400, not a 500 (found by schemathesis)")
    func reviewBodyOfTheWrongType() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            for body in [#""AAA""#, "[1]", "42", "null"] {
                let reply = try await server.request(
                    .post, "/api/v1/decision-files/anything/approve", as: team.admin.bearer, json: body,
                    ifMatch: "\"1\"")
                #expect(reply.code == 400 && reply.isProblem, "\(body): \(reply.code) \(reply.text.prefix(200))")
            }
        }
    }

    @Test("A created record's Location is percent-encoded whatever its id holds (found by schemathesis)")
    func locationOfAnIdWithAnyCharacters() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let reply = try await server.request(
                .post, "/api/v1/people", as: team.compensation.bearer,
                json: #"{"id": "ñandú 1/2?x", "name": "N", "employment": "employee"}"#)
            #expect(reply.code == 201, "\(reply.text)")
            #expect(reply.headers[.location] == "/api/v1/people/%C3%B1and%C3%BA%201%2F2%3Fx")
            let back = try await server.request(.get, reply.headers[.location] ?? "", as: team.compensation.bearer)
            #expect(
                back.code == 200 && back.json["id"].string == "ñandú 1/2?x", "\(back.code) \(back.text.prefix(300))")
        }
    }
}
