import ArgumentParser
import Foundation
import Logging
import Portfolio
import Storage
import WorkModel

/// `wagefile import people FILE.csv --mapping M.yaml`: an HRIS export into the portfolio.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import records from the systems you already use.",
        subcommands: [ImportPeopleCommand.self, ImportMarketDataCommand.self])
}

struct ImportPeopleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Import people and pay from an HRIS CSV export, all rows or none.",
        discussion: """
            The mapping (YAML, wagefile.people-mapping/v1) says which column holds each field; write a first one with
            --suggest-mapping and keep it for the next export. --preview reads and checks every row and writes nothing.
            People are matched on their HRIS id: a re-import updates them. Every change is in the audit log.
            Exit codes: 0 imported (or a clean preview), 2 bad input (every bad row is listed, nothing is written).
            """)

    @Argument(help: ArgumentHelp("The CSV export.", valueName: "file.csv"))
    var file: String

    @Option(name: .customLong("mapping"), help: ArgumentHelp("The column mapping (YAML).", valueName: "mapping.yaml"))
    var mapping: String?

    @Flag(
        name: .customLong("suggest-mapping"),
        help: "Print a mapping guessed from the file's header, to review and save.")
    var suggestMapping = false

    @Flag(name: .customLong("preview"), help: "Check every row and show what would be imported; write nothing.")
    var preview = false

    @Option(
        name: .customLong("actor"), help: ArgumentHelp("Who the audit log names for this import.", valueName: "email"))
    var actor = "cli"

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            Diagnostics.print(["\(file): cannot read the file as UTF-8 text (\(error.localizedDescription))"])
            throw Outcome.badInput
        }
        if suggestMapping {
            do {
                print(PeopleMapping.suggest(try HRISTable.parse(text, file: file)), terminator: "")
            } catch {
                Diagnostics.print(error.diagnostics)
                throw Outcome.badInput
            }
            return
        }
        guard let mappingPath = mapping else {
            Diagnostics.print([
                "--mapping: required (write a first one with: wagefile import people \(file) --suggest-mapping > mapping.yaml)"
            ])
            throw Outcome.badInput
        }
        let read: PeopleImport
        do {
            let mappingText = try String(contentsOfFile: mappingPath, encoding: .utf8)
            read = try PeopleImport.read(
                text, file: file, mapping: try PeopleMapping.read(mappingText, file: mappingPath))
        } catch let error as InputError {
            Diagnostics.print(error.diagnostics)
            throw Outcome.badInput
        } catch {
            Diagnostics.print(["\(mappingPath): cannot read the mapping (\(error.localizedDescription))"])
            throw Outcome.badInput
        }
        if preview {
            printPreview(read)
            if !read.errors.isEmpty {
                Diagnostics.print(read.errors)
                throw Outcome.badInput
            }
            return
        }
        guard read.errors.isEmpty else {
            Diagnostics.print(read.errors)
            Diagnostics.print(["\(file): \(read.errors.count) problems in \(read.rowCount) rows; nothing was imported"])
            throw Outcome.badInput
        }
        let rows = read.rows
        let source = URL(fileURLWithPath: file).lastPathComponent
        let principal = Principal(userId: "cli", email: actor)
        let file = self.file
        let result = try await database.withStore(logger: Logger(label: "wagefile.import")) { store in
            try await StoreErrors.mapped {
                _ = try await store.migrations.run()
                do {
                    return try await store.people.importBatch(rows, source: source, by: principal)
                } catch let rejected as PeopleImportRejected {
                    Diagnostics.print(rejected.problems.map { "\(file):\($0.line): \($0.field): \($0.message)" })
                    Diagnostics.print(["\(file): \(rejected.problems.count) problems; nothing was imported"])
                    throw Outcome.badInput
                }
            }
        }
        print(
            "Imported \(result.rows) rows from \(file): \(result.created) created, \(result.updated) updated, \(result.unchanged) unchanged."
        )
    }

    func printPreview(_ read: PeopleImport) {
        print("\(read.file): \(read.rowCount) rows, \(read.rows.count) ready, \(read.errors.count) problems.")
        for (field, columns) in read.mapped.sorted(by: { $0.key < $1.key }) {
            print("  \(field) <- \(columns.joined(separator: " + "))")
        }
        if !read.unmapped.isEmpty { print("  not read: \(read.unmapped.joined(separator: ", "))") }
        for row in read.rows.prefix(10) {
            let person = row.person
            let pay =
                person.payMinor.map {
                    "\(Format.money(Money(minorUnits: $0, currency: person.currency ?? "USD").amount)) \(person.currency ?? "") \(person.payBasis ?? "")"
                } ?? "no pay"
            print(
                "  line \(row.line): \(person.externalId ?? "-") \(person.name), \(person.employment), \(person.workLayer ?? person.specId.map { "wage file \($0)" } ?? "no layer"), \(pay)"
            )
        }
        if read.rows.count > 10 { print("  ... \(read.rows.count - 10) more") }
    }
}
