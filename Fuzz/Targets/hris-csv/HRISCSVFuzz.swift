import FuzzSupport
import Portfolio
import WorkModel

/// HRIS exports as `wagefile import people` reads them, through a mapping like the example's,
/// and the mapping suggestion `--suggest-mapping` makes from the same rows.
@main enum HRISCSVFuzz {
    static let mapping = """
        mapping: wagefile.people-mapping/v1
        columns:
          externalId: Employee ID
          name: Legal Name
          employment: Worker Type
          title: Business Title
          pay: Base Pay
          currency: Currency
          payBasis: Pay Frequency
          band: Grade
          workLayer: Work Layer
          location: Location
          hireDate: Hire Date
          managerId: Manager ID
          specId: Wage File
          budgetOwner: Cost Center
          hoursPerWeek: Scheduled Weekly Hours
          reviewerId: Reviewer ID
        values:
          employment: {Regular: employee, Contingent: contractor, Agency: vendor-worker}
          payBasis: {Salary: annual, Hourly: hourly}
        groups:
          gender: Gender
        date_format: YYYY-MM-DD
        """

    static func main() {
        guard let mapping = try? PeopleMapping.read(mapping, file: "mapping.yaml") else {
            fuzzInvariant(false, "the harness's mapping must read")
            return
        }
        FuzzEntry.main("fuzz-hris-csv") { bytes in
            let text = bytes.fuzzText
            if let table = try? HRISTable.parse(text, file: "fuzz.csv") {
                let suggestion = PeopleMapping.suggest(table)
                // What --suggest-mapping writes must be a mapping the importer reads back.
                // The one refusal allowed: no column looked like the name, which the user must add.
                do throws(InputError) { _ = try PeopleMapping.read(suggestion, file: "suggested.yaml") } catch {
                    fuzzInvariant(
                        error.diagnostics.allSatisfy { $0.field == "columns.name" },
                        "a suggested mapping must read back:\n\(suggestion)\n\(error)")
                }
            }
            do throws(InputError) {
                let result = try PeopleImport.read(text, file: "fuzz.csv", mapping: mapping)
                fuzzInvariant(result.rows.count <= result.rowCount, "more people than rows")
            } catch {
                fuzzInvariant(!error.diagnostics.isEmpty, "a rejected export must say why")
            }
        }
    }
}
