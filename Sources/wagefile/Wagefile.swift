import ArgumentParser

@main
struct Wagefile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wagefile",
        abstract: "Price and govern AI training work: a decision file (wage file) for every role and vendor contract.",
        discussion: """
            Exit codes: 0 ok, 1 findings that block approval, 2 bad input.
            Decision support, not legal advice.
            """,
        subcommands: [
            PriceCommand.self, CheckCommand.self, AgreeCommand.self, ExportCommand.self, SchemaCommand.self,
            ServeCommand.self, MigrateCommand.self,
            UserCommand.self, AuditCommand.self, ImportCommand.self, ReportCommand.self, PlanCommand.self,
            BackupCommand.self, RestoreCommand.self, ReferenceCommand.self,
        ])
}
