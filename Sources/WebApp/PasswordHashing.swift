/// Password hashing for callers outside the application: `wagefile user add` and tests.
public enum PasswordHashing {
    public static let minimumLength = Passwords.minimumLength

    public static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await Passwords.hash(password, cost: cost)
    }
}
