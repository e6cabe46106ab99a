import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's blocking pool: a hash takes a quarter second at cost 12 and would
/// otherwise stall one of the few threads serving requests.
enum Passwords {
    static let minimumLength = 12

    static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
    /// Made once, lazily, at the production cost.
    static let decoy = Bcrypt.hash(Secrets.random(prefix: ""), cost: 12)

    static func problems(_ password: String) -> [Problem.FieldError] {
        password.count < minimumLength
            ? [.init(field: "password", message: "must be at least \(minimumLength) characters")] : []
    }
}
