import Foundation
import Testing

/// Runs the built `wagefile` executable the way a user's shell would, from the repository root,
/// so relative paths in the checks (`examples`, `docs/...`) mean what they mean in the README.
///
/// The executable is found beside the test bundle (both are products of the same build), then
/// under `.build/debug` of the checkout this file belongs to; `WAGEFILE_BINARY` overrides both.
/// A missing executable fails the test that asked for it: these checks never skip.
enum WagefileCLI {
    /// The repository root: this file is Tests/CLITests/Support/WagefileCLI.swift.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where the executable was looked for, in order; the first that exists is used.
    static var candidates: [URL] {
        // A named executable is the only one tried: a typo must not quietly test another build.
        if let named = ProcessInfo.processInfo.environment["WAGEFILE_BINARY"], !named.isEmpty {
            return [URL(fileURLWithPath: named)]
        }
        var places: [URL] = []
        // On Linux the tests run as .build/<triple>/debug/WagefilePackageTests.xctest, an
        // executable in the products directory; on macOS from inside an .xctest bundle there.
        for runner in [Bundle.main.executableURL, CommandLine.arguments.first.map { URL(fileURLWithPath: $0) }] {
            guard let runner else { continue }
            let components = runner.pathComponents
            let products =
                components.lastIndex { $0.hasSuffix(".xctest") }.map { Array(components[..<$0]) }
                ?? Array(components.dropLast())
            places.append(
                URL(fileURLWithPath: NSString.path(withComponents: products)).appendingPathComponent("wagefile"))
        }
        places.append(root.appendingPathComponent(".build/debug/wagefile"))
        return places
    }

    /// The executable, or a failed expectation that says where it was looked for.
    static func executable(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(
            found,
            """
            the wagefile executable is not built: run `swift build --build-tests` first \
            (looked in \(candidates.map(\.path).joined(separator: ", ")))
            """, sourceLocation: sourceLocation)
    }

    /// Runs `wagefile arguments…` to completion with `input` on standard input and both outputs
    /// captured to files in `directory` (pipes would need reading while the process runs).
    /// Variables that would point it at another database or key are removed, so nothing a
    /// developer has set reaches the checks.
    static func run(
        _ arguments: [String], in directory: Scratch, input: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Run {
        let process = try start(arguments, in: directory, input: input, sourceLocation: sourceLocation)
        await process.exited()
        return try process.result()
    }

    /// Starts `wagefile arguments…` and returns without waiting (for `serve`).
    static func start(
        _ arguments: [String], in directory: Scratch, input: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Running {
        let name = "run-\(UUID().uuidString.prefix(8))"
        let out = directory.url.appendingPathComponent("\(name).out")
        let err = directory.url.appendingPathComponent("\(name).err")
        let stdin = directory.url.appendingPathComponent("\(name).in")
        for file in [out, err] { try Data().write(to: file) }
        try Data((input ?? "").utf8).write(to: stdin)

        let process = Process()
        process.executableURL = try executable(sourceLocation: sourceLocation)
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        for name in ["WAGEFILE_DATABASE_URL", "WAGEFILE_AUDIT_KEY", "WAGEFILE_AUDIT_CHECKPOINTS"] {
            environment[name] = nil
        }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = try FileHandle(forReadingFrom: stdin)
        let running = Running(process: process, out: out, err: err, arguments: arguments)
        // The handler is set before the launch so an instant exit is not missed.
        process.terminationHandler = { _ in running.signal() }
        try process.run()
        return running
    }

    /// A finished run: exit status and what it printed.
    struct Run: CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        let stdout: String
        let stderr: String

        var stdoutLines: [Substring] { stdout.split(separator: "\n", omittingEmptySubsequences: false) }
        var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false) }

        /// For failure messages: the command and both outputs, cut short.
        var description: String {
            "wagefile \(arguments.joined(separator: " ")) → exit \(status)\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))"
        }
    }

    /// A process that may still be running.
    final class Running: @unchecked Sendable {
        // Guarded by `lock`: the termination handler runs on Foundation's own thread.
        private let lock = NSLock()
        private var finished = false
        private var waiters: [CheckedContinuation<Void, Never>] = []
        let process: Process
        let out: URL
        let err: URL
        let arguments: [String]

        init(process: Process, out: URL, err: URL, arguments: [String]) {
            (self.process, self.out, self.err, self.arguments) = (process, out, err, arguments)
        }

        fileprivate func signal() {
            let resumed = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
                finished = true
                defer { waiters = [] }
                return waiters
            }
            for waiter in resumed { waiter.resume() }
        }

        /// Suspends (without holding a thread of the cooperative pool) until the process exits.
        func exited() async {
            await withCheckedContinuation { continuation in
                let done = lock.withLock { () -> Bool in
                    if !finished { waiters.append(continuation) }
                    return finished
                }
                if done { continuation.resume() }
            }
        }

        /// What it has written to standard output so far.
        var stdoutSoFar: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }

        /// What it has written to standard error (the text log) so far.
        var stderrSoFar: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

        func result() throws -> Run {
            Run(
                arguments: arguments, status: process.terminationStatus,
                stdout: try String(contentsOf: out, encoding: .utf8),
                stderr: try String(contentsOf: err, encoding: .utf8))
        }
    }
}

/// A directory of its own for one test, removed when the test's value goes away; tests run in
/// parallel and never share a file.
final class Scratch: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wagefile-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }
}

/// A file of the repository, by its path from the root.
func repositoryFile(_ path: String) -> String { WagefileCLI.root.appendingPathComponent(path).path }

func readRepositoryFile(_ path: String) throws -> String {
    try String(contentsOf: WagefileCLI.root.appendingPathComponent(path), encoding: .utf8)
}

/// The example role specs, as `ls examples/*.yaml` lists them.
func exampleSpecCount() throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: repositoryFile("examples")).filter { $0.hasSuffix(".yaml") }
        .count
}

/// Parses JSON output into a dictionary, failing the test with the output when it is not one.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(
        value as? [String: Any], "not a JSON object: \(text.prefix(500))", sourceLocation: sourceLocation)
}

/// A JSON number as a Double, whether Foundation decoded it as an integer or not.
func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
