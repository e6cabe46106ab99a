import Portfolio
import Testing
import WorkModel

/// Exports the fuzzer (scripts/fuzz.sh, fuzz-hris-csv) found `--suggest-mapping` mishandling:
/// the suggestion must stay a mapping the importer reads back. The raw inputs are in
/// Fuzz/Regressions/hris-csv, which CI replays through the harness.
@Suite("Fuzz regressions: HRIS exports")
struct HRISFuzzRegressionTests {
    @Test("A header cell with a line break or control characters stays inside the comment")
    func controlCharactersInAHeaderCell() throws {
        let export = "Employee ID,Legal Name,\"Team\nNote\",\"Odd\u{0}\u{7F}\u{2028}Name\",\u{FFFF}p\n1,A,x,y,z\n"
        let text = PeopleMapping.suggest(try HRISTable.parse(export, file: "hr.csv"))
        let mapping = try PeopleMapping.read(text, file: "suggested.yaml")
        #expect(mapping.columns["name"] == ["Legal Name"])
        #expect(text.contains(#"# Columns not mapped: "Team\nNote", "Odd\u0000\u007f\u2028Name", "\uffffp""#))
        #expect(!text.contains("\nNote"), "the line break must not start a line of its own")
    }

    @Test("Values none of which can be guessed leave the whole translation commented out")
    func noGuessableValues() throws {
        let export = "Employee ID,Legal Name,Worker Type\n1,A,Secondee\n2,B,Intern-ish\n"
        let text = PeopleMapping.suggest(try HRISTable.parse(export, file: "hr.csv"))
        let mapping = try PeopleMapping.read(text, file: "suggested.yaml")
        #expect(mapping.values["employment"] == nil)
        #expect(
            text.contains(
                "# values:\n  # employment:\n    # \"Intern-ish\": one of employee, contractor, vendor-worker"))
    }
}

@Suite("Fuzz regressions: HRIS exports, unrecognised headers")
struct HRISUnrecognisedHeaderTests {
    @Test("A header with no column recognised suggests an empty mapping that asks only for the name")
    func noColumnRecognised() throws {
        let text = PeopleMapping.suggest(try HRISTable.parse("Foo,Bar\n1,2\n", file: "hr.csv"))
        #expect(text.contains("columns: {}\n"))
        do {
            _ = try PeopleMapping.read(text, file: "suggested.yaml")
            Issue.record("a mapping without a name column must be refused")
        } catch {
            #expect(error.diagnostics.map(\.field) == ["columns.name"], "\(error)")
        }
    }
}
