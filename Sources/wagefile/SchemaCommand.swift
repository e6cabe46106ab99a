import ArgumentParser
import Planning
import ReferenceData
import Signal
import Specs

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a Wagefile file format.",
        discussion:
            "The schema lists the task kinds, categories and factor levels of the loaded reference data, including --reference overrides."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case role, judgment, program
    }

    @Argument(help: "The format: role, judgment or program.")
    var kind: Kind

    @OptionGroup var reference: ReferenceOptions

    func run() throws {
        switch kind {
        case .role: print(RoleSpecSchema.role(vocabulary: try reference.load().vocabulary).render())
        case .judgment: print(JudgmentSchema.text)
        case .program: print(ProgramSchema.text(rateCards: try reference.load().categories.map(\.id)))
        }
    }
}
