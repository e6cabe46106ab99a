import Hummingbird

/// The baseline for the server benchmark: Hummingbird answering one fixed route with no
/// middleware, no database and no JSON. Wagefile's routes are compared against this in the
/// same wrk run, so the ratio says what our layers cost, whatever the machine.
@main
struct BareServer {
    static func main() async throws {
        let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 18081
        let router = Router()
        router.get("/bare") { _, _ in "ok" }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}
