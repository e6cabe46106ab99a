import Foundation
import Hummingbird
import Storage

/// A user as the API shows it: never the password hash.
struct UserView: Codable, Sendable {
    var id: String
    var email: String
    var name: String
    var role: String
    var disabled: Bool
    var revision: Int
    var createdAt: String
    var updatedAt: String
    var seesIndividualPay: Bool

    init(_ user: User) {
        id = user.id
        email = user.email
        name = user.name
        role = user.role
        disabled = user.disabled
        revision = user.revision
        createdAt = user.createdAt
        updatedAt = user.updatedAt
        seesIndividualPay = user.userRole.seesIndividualPay
    }
}

/// Sign-in and sign-out, the signed-in user, their API tokens, and user administration.
struct AccountController: Sendable {
    let environment: ServerEnvironment

    var accounts: AccountRepository { environment.store.accounts }

    /// Checks the password (throttled per client address and email, and per address; constant
    /// work for unknown emails), opens a session and returns the user with the `Set-Cookie`
    /// value; the API and the sign-in page share it.
    static func signIn(email: String, password: String, from address: String, environment: ServerEnvironment)
        async throws -> (User, String)
    {
        let accounts = environment.store.accounts
        let key = email.lowercased().trimmingCharacters(in: .whitespaces)
        let wait = await environment.throttle.wait(address: address, email: key, now: environment.now())
        if wait > 0 {
            throw Problem(
                .tooManyRequests, "too many failed sign-ins from here; try again in \(wait) s",
                headers: [.retryAfter: String(wait)])
        }
        let user = try await accounts.user(email: key)
        let valid = try await Passwords.verify(password, hash: user?.passwordHash ?? Passwords.decoy)
        guard let user, valid, !user.disabled else {
            await environment.throttle.failed(address: address, email: key, now: environment.now())
            throw Problem(.unauthorized, "the email or password is wrong, or the account is disabled")
        }
        await environment.throttle.succeeded(address: address, email: key)
        let session = Secrets.random(prefix: "")
        let expires = environment.now().addingTimeInterval(environment.sessionLifetime)
        try await accounts.createSession(tokenHash: Secrets.hash(session), userId: user.id, expiresAt: expires)
        var cookie =
            "\(Secrets.sessionCookie)=\(session); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(environment.sessionLifetime))"
        if environment.secureCookies { cookie += "; Secure" }
        return (user, cookie)
    }

    func register(_ registry: EndpointRegistry, _ router: Router<AppRequestContext>) {
        registry.add(router, .post, "/api/v1/session", .everyone, openSession)
        registry.add(router, .delete, "/api/v1/session", .signedIn, closeSession)
        registry.add(router, .get, "/api/v1/me", .signedIn, me)
        // API tokens: the secret is in the creation response only.
        registry.add(router, .get, "/api/v1/tokens", .signedIn, tokens)
        registry.add(router, .post, "/api/v1/tokens", .signedIn, createToken)
        registry.add(router, .delete, "/api/v1/tokens/{id}", .signedIn, revokeToken)
        // User administration.
        registry.add(router, .get, "/api/v1/users", .admin, users)
        registry.add(router, .post, "/api/v1/users", .admin, createUser)
        registry.add(router, .get, "/api/v1/users/{id}", .admin, showUser)
        registry.add(router, .patch, "/api/v1/users/{id}", .admin, changeUser)
    }

    /// Signs in with email and password and sets the session cookie.
    func openSession(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct SignIn: Decodable {
            var email: String
            var password: String
        }
        let input = try await JSONBody.decode(SignIn.self, request, context)
        let (user, cookie) = try await AccountController.signIn(
            email: input.email, password: input.password,
            from: context.clientAddress, environment: environment)
        context.identity.record(user)
        return try JSONBody.response(UserView(user), headers: [.setCookie: cookie])
    }

    func closeSession(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let session = request.cookies[Secrets.sessionCookie]?.value {
            try await accounts.deleteSession(tokenHash: Secrets.hash(session))
        }
        var response = Response(status: .noContent)
        response.headers[.setCookie] = "\(Secrets.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        return response
    }

    func me(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONBody.response(UserView(try context.signedInUser))
    }

    /// The signed-in user's API tokens, without their secrets.
    func tokens(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct TokenView: Encodable {
            var id, name, prefix, createdAt: String
            var lastUsedAt, revokedAt: String?
        }
        let tokens = try await accounts.tokens(userId: try context.signedInUser.id)
        return try JSONBody.response([
            "items": tokens.map {
                TokenView(
                    id: $0.id, name: $0.name, prefix: $0.prefix, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt,
                    revokedAt: $0.revokedAt)
            }
        ])
    }

    /// A new API token; its secret is in this response only.
    func createToken(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct NewToken: Decodable { var name: String }
        struct Created: Encodable { var id, name, prefix, token, note: String }
        let user = try context.signedInUser
        let input = try await JSONBody.decode(NewToken.self, request, context)
        let name = input.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            throw Problem.unprocessable(
                "the token needs a name", errors: [.init(field: "name", message: "must be 1 to 100 characters")])
        }
        let secret = Secrets.random(prefix: Secrets.tokenPrefix)
        let token = try await accounts.createToken(
            APIToken(
                id: UUID().uuidString.lowercased(), userId: user.id, name: name, tokenHash: Secrets.hash(secret),
                prefix: String(secret.prefix(10))),
            by: user.principal)
        return try JSONBody.response(
            Created(
                id: token.id, name: token.name, prefix: token.prefix, token: secret,
                note: "store this token now: it is not shown again"),
            status: .created)
    }

    func revokeToken(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.signedInUser
        // Admins may revoke anyone's token; others only their own.
        try await accounts.revokeToken(
            id: try context.path("id"), userId: user.userRole == .admin ? nil : user.id, by: user.principal)
        return Response(status: .noContent)
    }

    func users(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let page = try await accounts.users(page: try ListQuery(request: request).page)
        return try JSONBody.response(page.map(UserView.init))
    }

    /// A new user, with the password checked against the password rules.
    func createUser(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct NewUser: Decodable {
            var email: String
            var name: String
            var role: String
            var password: String
        }
        let input = try await JSONBody.decode(NewUser.self, request, context)
        var errors = Passwords.problems(input.password)
        if UserRole(rawValue: input.role) == nil {
            errors.append(
                .init(
                    field: "role",
                    message: "must be one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if !input.email.contains("@") || input.email.count > 254 {
            errors.append(.init(field: "email", message: "must be an email address"))
        }
        if input.name.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "name", message: "is required"))
        }
        guard errors.isEmpty, let role = UserRole(rawValue: input.role) else {
            throw Problem.unprocessable("the user was not created; fix the fields listed", errors: errors)
        }
        let hash = try await Passwords.hash(input.password, cost: environment.bcryptCost)
        let user = try await accounts.createUser(
            User(
                id: UUID().uuidString.lowercased(), email: input.email, name: input.name, role: role, passwordHash: hash
            ),
            by: try context.signedInUser.principal)
        return try JSONBody.response(
            UserView(user), status: .created, etag: user.revision,
            headers: [.location: "/api/v1/users/\(PathSegment.encode(user.id))"])
    }

    func showUser(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try await accounts.user(id: try context.path("id"))
        return try JSONBody.response(UserView(user), etag: user.revision)
    }

    /// Name, role, disabled or password; an admin cannot demote or disable themselves.
    func changeUser(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Change: Decodable {
            var name: String?
            var role: String?
            var disabled: Bool?
            var password: String?
        }
        let actor = try context.signedInUser
        let expected = try ETag.expectedRevision(request, what: "user")
        let change = try await JSONBody.decode(Change.self, request, context)
        var user = try await accounts.user(id: try context.path("id"))
        var errors: [Problem.FieldError] = []
        if let role = change.role {
            if UserRole(rawValue: role) == nil {
                errors.append(
                    .init(
                        field: "role",
                        message: "must be one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            // An admin demoting or disabling themselves could leave nobody able to administer.
            if user.id == actor.id && role != UserRole.admin.rawValue {
                errors.append(.init(field: "role", message: "you cannot remove your own admin role"))
            }
            user.role = role
        }
        if let disabled = change.disabled {
            if user.id == actor.id && disabled {
                errors.append(.init(field: "disabled", message: "you cannot disable yourself"))
            }
            user.disabled = disabled
        }
        if let name = change.name { user.name = name }
        if let password = change.password {
            errors += Passwords.problems(password)
            if errors.isEmpty { user.passwordHash = try await Passwords.hash(password, cost: environment.bcryptCost) }
        }
        guard errors.isEmpty else {
            throw Problem.unprocessable("the user was not changed; fix the fields listed", errors: errors)
        }
        let updated = try await accounts.updateUser(user, expectedRevision: expected, by: actor.principal)
        return try JSONBody.response(UserView(updated), etag: updated.revision)
    }
}
