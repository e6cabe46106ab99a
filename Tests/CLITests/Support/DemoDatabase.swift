import Foundation
import Testing

/// The demo database a first `wagefile serve` loads (the example specs, their wage files and
/// examples/portfolio/people.csv), made once per test run and copied into each test's own
/// directory: starting the server and hashing the demo passwords costs seconds, and the tests
/// change what they are given.
actor DemoDatabase {
    static let shared = DemoDatabase()

    private var seeded: Task<URL, any Error>?

    /// A fresh copy in `scratch`, as `sqlite:PATH`; the audit key and checkpoints come along.
    func copy(into scratch: Scratch) async throws -> String {
        let source = try await seededDirectory()
        let target = scratch.url.appendingPathComponent("demo")
        try FileManager.default.copyItem(at: source, to: target)
        return "sqlite:\(target.appendingPathComponent("demo.sqlite").path)"
    }

    private func seededDirectory() async throws -> URL {
        if let seeded { return try await seeded.value }
        let task = Task { try await Self.seed() }
        seeded = task
        return try await task.value
    }

    /// Seeds on a random port, trying another when one attempt fails: the port may be taken.
    private static func seed() async throws -> URL {
        var failures: [String] = []
        for _ in 1...3 {
            do {
                return try await seed(port: Int.random(in: 20_000..<60_000))
            } catch let error as DemoDataError {
                failures.append(error.description)
            }
        }
        throw DemoDataError(description: failures.joined(separator: "\n"))
    }

    /// Starts `serve` on an empty SQLite file, waits until the demo data is in and the server
    /// is listening, then stops it with SIGTERM (a clean close, the last checkpoint signed).
    private static func seed(port: Int) async throws -> URL {
        // Never removed while the run lasts: every copy is taken from it.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wagefile-cli-demo-\(UUID().uuidString)")
        let directory = scratch.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let logs = try Scratch()
        let server = try WagefileCLI.start(
            [
                "serve", "--database-url", "sqlite:\(directory.appendingPathComponent("demo.sqlite").path)", "--port",
                "\(port)",
            ], in: logs)
        let deadline = Date().addingTimeInterval(180)
        while !server.stderrSoFar.contains("serving") {
            if !server.process.isRunning || Date() > deadline {
                if server.process.isRunning { server.process.terminate() }
                await server.exited()
                let run = try server.result()
                throw DemoDataError(description: "serve did not load the demo data and start: \(run)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.process.terminate()
        await server.exited()
        let run = try server.result()
        guard run.status == 0, run.stdout.contains("Demo sign-in: reviewer@demo.wagefile") else {
            throw DemoDataError(description: "serve did not stop cleanly after loading the demo data: \(run)")
        }
        return directory
    }
}

struct DemoDataError: Error, CustomStringConvertible {
    let description: String
}
