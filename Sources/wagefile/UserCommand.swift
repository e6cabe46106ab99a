import ArgumentParser
import Foundation
import Logging
import Storage
import WebApp

/// `wagefile user add`: creates a user. The role defaults to the least privileged (viewer); the
/// first admin is made on purpose, with `--role admin`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [UserAddCommand.self])
}

struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create a user. The password is read from standard input (one line) or prompted for.")

    @Option(help: "Email address the user signs in with.") var email: String
    @Option(help: "Display name.") var name: String
    @Option(
        help:
            "Role: admin, compensation, procurement, finance or viewer (default: viewer, the least privileged; the first admin needs --role admin)."
    )
    var role: String = UserRole.viewer.rawValue
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let role = UserRole(rawValue: role) else {
            Diagnostics.print([
                "--role: expected one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", ")), found '\(self.role)'"
            ])
            throw Outcome.badInput
        }
        guard email.contains("@") else {
            Diagnostics.print(["--email: expected an email address, found '\(email)'"])
            throw Outcome.badInput
        }
        let password = try readPassword()
        guard password.count >= PasswordHashing.minimumLength else {
            Diagnostics.print(["password: must be at least \(PasswordHashing.minimumLength) characters"])
            throw Outcome.badInput
        }
        let hash = try await PasswordHashing.hash(password, cost: 12)
        let (email, name) = (self.email, self.name)
        let (user, users) = try await database.withStore(logger: Logger(label: "wagefile.user")) { store in
            try await StoreErrors.mapped {
                try await store.migrations.run()
                let user = try await store.accounts.createUser(
                    User(id: UUID().uuidString.lowercased(), email: email, name: name, role: role, passwordHash: hash),
                    by: .system)
                return (user, try await store.accounts.userCount())
            }
        }
        print("Created \(user.role) \(user.email) (\(user.id)).")
        // The old default made admins silently; say what a lone viewer cannot do.
        if users == 1 && user.userRole != .admin {
            print(
                "No admin exists yet: nobody can add users or change their roles. Make one with `wagefile user add --role admin`."
            )
        }
    }

    private func readPassword() throws -> String {
        if isatty(STDIN_FILENO) == 0 {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                Diagnostics.print(["password: expected one line on standard input"])
                throw Outcome.badInput
            }
            return line
        }
        guard let first = getpass("Password: ").map({ String(cString: $0) }),
            let second = getpass("Repeat password: ").map({ String(cString: $0) }), first == second
        else {
            Diagnostics.print(["password: the two entries differ"])
            throw Outcome.badInput
        }
        return first
    }
}
