import Foundation
import Hummingbird
import Storage
import Testing
import WebApp
import WorkModel

@Suite("Accounts, sessions and tokens")
struct AccountRouteTests {
    @Test("sign-in, the cookie session, tokens and user administration")
    func accounts() async throws {
        try await Server.run { server in
            let hash = try await PasswordHashing.hash(Server.password, cost: 4)
            _ = try await server.store.accounts.createUser(
                User(id: "u-root", email: "Root@Example.com", name: "Root", role: .admin, passwordHash: hash),
                by: .system)

            // Sign in: the cookie is HttpOnly, Secure and SameSite=Strict; the email is case-insensitive.
            let signIn = try await server.request(
                .post, "/api/v1/session",
                json: #"{"email": "ROOT@example.com", "password": "\#(Server.password)"}"#)
            #expect(signIn.code == 200, "\(signIn.text)")
            #expect(signIn.contentType.hasPrefix("application/json"))
            #expect(signIn.json["email"].string == "root@example.com")
            #expect(signIn.json["role"].string == "admin")
            let setCookie = try #require(signIn.headers[.setCookie])
            #expect(setCookie.hasPrefix("wagefile_session="))
            for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
                #expect(
                    setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.contains(attribute),
                    "Set-Cookie lacks \(attribute): \(setCookie)")
            }
            let cookie = try #require(Server.cookiePair(setCookie))
            #expect(cookie.count > "wagefile_session=".count + 20)

            // The cookie authenticates.
            let me = try await server.request(.get, "/api/v1/me", as: .cookie(cookie))
            #expect(me.code == 200, "\(me.text)")
            #expect(me.json["id"].string == "u-root")
            #expect(me.json["seesIndividualPay"].bool == true)
            #expect(me.json["passwordHash"].isMissing)

            // Wrong password, unknown email: 401 problem, no cookie.
            let wrong = try await server.request(
                .post, "/api/v1/session", json: #"{"email": "root@example.com", "password": "wrong password!!"}"#)
            #expect(wrong.code == 401 && wrong.isProblem && wrong.headers[.setCookie] == nil, "\(wrong.text)")
            #expect(wrong.json["title"].string == "Unauthorized" && wrong.json["status"].int == 401)
            let unknown = try await server.request(
                .post, "/api/v1/session", json: #"{"email": "nobody@example.com", "password": "whatever whatever"}"#)
            #expect(unknown.code == 401)
            let missingField = try await server.request(
                .post, "/api/v1/session", json: #"{"email": "root@example.com"}"#)
            #expect(missingField.code == 422 && missingField.errorFields == ["password"], "\(missingField.text)")

            // A cookie-authenticated change from another origin is refused; from this origin it is fine.
            let evil = try await server.request(
                .post, "/api/v1/tokens", as: .cookie(cookie), json: #"{"name": "evil"}"#,
                origin: "https://evil.example")
            #expect(evil.code == 403 && evil.isProblem, "\(evil.code) \(evil.text)")
            let same = try await server.request(
                .post, "/api/v1/tokens", as: .cookie(cookie), json: #"{"name": "laptop"}"#,
                origin: "http://localhost")
            #expect(same.code == 201, "\(same.text)")

            // The token is shown once, at creation.
            let token = try #require(same.json["token"].string)
            let tokenId = try #require(same.json["id"].string)
            #expect(token.hasPrefix("wf_"))
            #expect(same.json["prefix"].string == String(token.prefix(10)))
            #expect(same.json["name"].string == "laptop")
            let unnamed = try await server.request(
                .post, "/api/v1/tokens", as: .cookie(cookie), json: #"{"name": "  "}"#)
            #expect(unnamed.code == 422 && unnamed.errorFields == ["name"], "\(unnamed.text)")

            // Listed without the secret.
            let tokens = try await server.request(.get, "/api/v1/tokens", as: .cookie(cookie))
            #expect(tokens.code == 200)
            #expect(tokens.json["items"].array.count == 1)
            #expect(tokens.json["items"][0]["id"].string == tokenId)
            #expect(tokens.json["items"][0]["token"].isMissing)
            #expect(!tokens.text.contains(token))
            #expect(!tokens.text.contains(String(token.dropFirst(10))))

            // It works as a Bearer token.
            let bearer = Auth.bearer(token)
            let meByToken = try await server.request(.get, "/api/v1/me", as: bearer)
            #expect(meByToken.code == 200 && meByToken.json["email"].string == "root@example.com", "\(meByToken.text)")

            // Unknown and malformed credentials are refused, not ignored.
            for auth in [Auth.bearer("wf_unknown"), .bearer("not-a-wagefile-token"), .header("Basic cm9vdDpyb290")] {
                let refused = try await server.request(.get, "/api/v1/me", as: auth)
                #expect(refused.code == 401 && refused.isProblem, "\(auth): \(refused.code)")
            }
            let stale = try await server.request(.get, "/api/v1/me", as: .cookie("wagefile_session=made-up"))
            #expect(stale.code == 401)

            // User administration.
            let created = try await server.request(
                .post, "/api/v1/users", as: bearer,
                json: """
                    {"email": "Vera@Example.com", "name": "Vera Viewer", "role": "viewer", "password": "\(Server.password)"}
                    """)
            #expect(created.code == 201, "\(created.text)")
            let veraId = try #require(created.json["id"].string)
            #expect(created.headers[.location] == "/api/v1/users/\(veraId)")
            #expect(created.etag == "\"1\"")
            #expect(created.json["email"].string == "vera@example.com")
            #expect(created.json["seesIndividualPay"].bool == false)

            let duplicate = try await server.request(
                .post, "/api/v1/users", as: bearer,
                json: """
                    {"email": "vera@example.com", "name": "Vera again", "role": "viewer", "password": "\(Server.password)"}
                    """)
            #expect(duplicate.code == 409 && duplicate.isProblem, "\(duplicate.text)")
            let invalid = try await server.request(
                .post, "/api/v1/users", as: bearer,
                json: """
                    {"email": "no-at-sign", "name": " ", "role": "boss", "password": "short"}
                    """)
            #expect(invalid.code == 422 && invalid.isProblem, "\(invalid.text)")
            #expect(Set(invalid.errorFields) == ["email", "name", "role", "password"], "\(invalid.text)")

            let users = try await server.request(.get, "/api/v1/users?limit=1&offset=1", as: bearer)
            #expect(users.code == 200)
            #expect(users.json["total"].int == 2 && users.json["limit"].int == 1 && users.json["offset"].int == 1)
            #expect(users.json["items"].array.map { $0["email"].string } == ["vera@example.com"])

            let vera = try await server.request(.get, "/api/v1/users/\(veraId)", as: bearer)
            #expect(vera.code == 200 && vera.etag == "\"1\"" && vera.json["role"].string == "viewer")
            let noSuchUser = try await server.request(.get, "/api/v1/users/nobody", as: bearer)
            #expect(noSuchUser.code == 404 && noSuchUser.isProblem)

            // Vera signs in, then is promoted; her session keeps working after a name/role change.
            let veraSession = try await server.request(
                .post, "/api/v1/session", json: #"{"email": "vera@example.com", "password": "\#(Server.password)"}"#)
            let veraCookie = try #require(Server.cookiePair(veraSession.headers[.setCookie]))
            let unconditional = try await server.request(
                .patch, "/api/v1/users/\(veraId)", as: bearer, json: #"{"role": "finance"}"#)
            #expect(unconditional.code == 428 && unconditional.isProblem, "\(unconditional.text)")
            let promoted = try await server.request(
                .patch, "/api/v1/users/\(veraId)", as: bearer, json: #"{"role": "finance"}"#, ifMatch: "\"1\"")
            #expect(
                promoted.code == 200 && promoted.etag == "\"2\"" && promoted.json["role"].string == "finance",
                "\(promoted.text)")
            let stalePatch = try await server.request(
                .patch, "/api/v1/users/\(veraId)", as: bearer, json: #"{"name": "V"}"#, ifMatch: "\"1\"")
            #expect(stalePatch.code == 409 && stalePatch.etag == "\"2\"", "\(stalePatch.text)")
            #expect(
                try await server.request(.get, "/api/v1/me", as: .cookie(veraCookie)).json["role"].string == "finance")

            // Admins cannot lock themselves out.
            let demoteSelf = try await server.request(
                .patch, "/api/v1/users/u-root", as: bearer, json: #"{"role": "viewer", "disabled": true}"#,
                ifMatch: "\"1\"")
            #expect(
                demoteSelf.code == 422 && Set(demoteSelf.errorFields) == ["role", "disabled"], "\(demoteSelf.text)")

            // Disabling a user ends their sessions.
            let disabled = try await server.request(
                .patch, "/api/v1/users/\(veraId)", as: bearer, json: #"{"disabled": true}"#, ifMatch: "\"2\"")
            #expect(disabled.code == 200 && disabled.json["disabled"].bool == true)
            #expect(try await server.request(.get, "/api/v1/me", as: .cookie(veraCookie)).code == 401)
            let disabledSignIn = try await server.request(
                .post, "/api/v1/session", json: #"{"email": "vera@example.com", "password": "\#(Server.password)"}"#)
            #expect(disabledSignIn.code == 401)

            // Revoking: the token stops working and is listed as revoked.
            let revoke = try await server.request(.delete, "/api/v1/tokens/\(tokenId)", as: .cookie(cookie))
            #expect(revoke.code == 204, "\(revoke.text)")
            let revoked = try await server.request(.get, "/api/v1/me", as: bearer)
            #expect(revoked.code == 401 && revoked.isProblem)
            #expect(revoked.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            let listed = try await server.request(.get, "/api/v1/tokens", as: .cookie(cookie))
            #expect(listed.json["items"][0]["revokedAt"].string != nil)
            #expect(try await server.request(.delete, "/api/v1/tokens/no-such-token", as: .cookie(cookie)).code == 404)

            // Signing out: the cookie is cleared and no longer works.
            let signOut = try await server.request(.delete, "/api/v1/session", as: .cookie(cookie))
            #expect(signOut.code == 204)
            #expect(signOut.headers[.setCookie]?.contains("Max-Age=0") == true)
            let afterSignOut = try await server.request(.get, "/api/v1/me", as: .cookie(cookie))
            #expect(afterSignOut.code == 401 && afterSignOut.isProblem)

            server.expectCovered(Coverage.accounts)
        }
    }

    @Test("others' tokens: a non-admin cannot revoke them, an admin can")
    func revokeOthersTokens() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            let tokens = try await server.request(.get, "/api/v1/tokens", as: team.viewer.bearer)
            let viewerToken = try #require(tokens.json["items"][0]["id"].string)
            let byFinance = try await server.request(.delete, "/api/v1/tokens/\(viewerToken)", as: team.finance.bearer)
            #expect(byFinance.code == 404, "\(byFinance.text)")
            #expect(try await server.request(.get, "/api/v1/me", as: team.viewer.bearer).code == 200)
            let byAdmin = try await server.request(.delete, "/api/v1/tokens/\(viewerToken)", as: team.admin.bearer)
            #expect(byAdmin.code == 204)
            #expect(try await server.request(.get, "/api/v1/me", as: team.viewer.bearer).code == 401)
        }
    }

    @Test("after five wrong passwords the sixth attempt is throttled with Retry-After")
    func throttle() async throws {
        try await Server.run(throttle: SignInThrottle()) { server in
            let admin = try await server.bootstrapAdmin()
            for attempt in 1...5 {
                let reply = try await server.request(
                    .post, "/api/v1/session", json: #"{"email": "\#(admin.email)", "password": "not the password"}"#)
                #expect(reply.code == 401, "attempt \(attempt): \(reply.code)")
            }
            // Even the right password waits now.
            let sixth = try await server.request(
                .post, "/api/v1/session", json: #"{"email": "\#(admin.email)", "password": "\#(Server.password)"}"#)
            #expect(sixth.code == 429 && sixth.isProblem, "\(sixth.text)")
            let retryAfter = try #require(sixth.headers[.retryAfter])
            #expect((Int(retryAfter) ?? 0) >= 1)
            #expect(sixth.headers[.setCookie] == nil)
            // Another address is not affected.
            let other = try await server.request(
                .post, "/api/v1/session", json: #"{"email": "someone@example.com", "password": "not the password"}"#)
            #expect(other.code == 401)
        }
    }

    @Test("no response ever carries a password hash or token hash")
    func noSecretsInResponses() async throws {
        try await Server.run { server in
            let team = try await server.makeTeam()
            for account in [team.admin, team.viewer] {
                try await server.request(.get, "/api/v1/me", as: account.bearer)
                try await server.request(.get, "/api/v1/tokens", as: account.bearer)
            }
            let users = try await server.request(.get, "/api/v1/users", as: team.admin.bearer)
            #expect(users.json["total"].int == 6)
            try await server.request(.get, "/api/v1/users/\(team.viewer.id)", as: team.admin.bearer)
            try await server.request(
                .patch, "/api/v1/users/\(team.viewer.id)", as: team.admin.bearer,
                json: #"{"password": "another long password"}"#, ifMatch: "\"1\"")
            try await server.request(
                .post, "/api/v1/session", json: #"{"email": "vic@example.com", "password": "another long password"}"#)
            let audit = try await server.request(.get, "/api/v1/audit?limit=500", as: team.admin.bearer)
            #expect(audit.json["total"].int ?? 0 > 10)
            // Server.run checks every body against the forbidden strings; check here too, so this
            // test fails on its own.
            let bodies = server.recorder.bodies
            #expect(bodies.count > 25)
            for body in bodies {
                for secret in Server.forbiddenInResponses {
                    #expect(!body.contains(secret), "a response contains \(secret): \(body.prefix(300))")
                }
            }
        }
    }
}
