import ArgumentParser
import DecisionFiles
import ReferenceData
import Specs
import WorkModel

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate specs and print every problem as file:line:column: field: message.",
        discussion:
            "Exit code 0 when every spec is valid, 2 when any is not. The reference data (with --reference) is validated too."
    )

    @Argument(help: ArgumentHelp("Spec files, folders, or - for JSON Lines on stdin.", valueName: "spec"))
    var paths: [String]

    @OptionGroup var reference: ReferenceOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one spec file, folder, or - for standard input.") }
    }

    func run() throws {
        let reader = RoleSpecReader(vocabulary: try reference.load().vocabulary)
        let (inputs, problems) = SpecInputs.collect(paths)
        var diagnostics = problems
        var checked = 0
        for input in inputs {
            let documents: [(text: String, offset: Int)] =
                input.isJSONLines
                ? BatchPricing.lines(of: input.text).map { (String($0.text), $0.offset) } : [(input.text, 0)]
            for document in documents {
                checked += 1
                if case .failure(let error) = reader.read(document.text, file: input.name, lineOffset: document.offset)
                {
                    diagnostics += error.diagnostics
                }
            }
        }
        if diagnostics.isEmpty {
            print("\(checked) spec\(checked == 1 ? "" : "s") valid")
            return
        }
        print(diagnostics.map(\.description).joined(separator: "\n"))
        throw Outcome.badInput
    }
}
