import ArgumentParser

/// `wagefile reference ...`: what the loaded reference data says, checked.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Inspect the loaded reference data (shipped tables plus --reference overrides).",
        subcommands: [ReferenceCalibrationCommand.self])
}
