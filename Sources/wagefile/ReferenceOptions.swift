import ArgumentParser
import Foundation
import Pricing
import ReferenceData
import WorkModel

/// `--reference DIR`: the user's own reference tables, applied over the shipped ones.
struct ReferenceOptions: ParsableArguments {
    @Option(
        name: .customLong("reference"),
        help: ArgumentHelp(
            "A directory of YAML reference tables that add to or override the shipped ones (repeatable; later wins).",
            valueName: "dir"))
    var directories: [String] = []

    func load() throws -> ReferenceSet {
        do {
            return try ReferenceLoader.load(overrides: directories.map { URL(fileURLWithPath: $0) })
        } catch {
            Diagnostics.print(error.diagnostics)
            throw Outcome.badInput
        }
    }

    func pricer() throws -> Pricer {
        let reference = try load()
        do {
            return try Pricer(reference: reference)
        } catch {
            Diagnostics.print(["reference: benchmarks: \(error)"])
            throw Outcome.badInput
        }
    }
}

enum Diagnostics {
    static func print(_ diagnostics: [Diagnostic]) { print(diagnostics.map(\.description)) }

    static func print(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
