import ArgumentParser

/// The exit codes DESIGN.md promises scripts.
enum Outcome {
    static let blockingFindings = ExitCode(1)
    static let badInput = ExitCode(2)
}
