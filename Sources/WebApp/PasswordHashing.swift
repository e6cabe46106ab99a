/// Password hashing for callers outside the application: `wagefile user add` and tests.
package enum PasswordHashing {
    package static let minimumLength = Passwords.minimumLength

    package static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await Passwords.hash(password, cost: cost)
    }
}
