import Portfolio
import Testing
import WorkModel

@Suite struct HRISTableTests {
    @Test func quotedFieldsKeepCommasQuotesAndLineBreaksAndRowsKeepTheirLines() throws {
        let text =
            "\u{FEFF}id,name,note\r\n1,\"Osei, Amara\",\"said \"\"yes\"\"\"\r\n\r\n2,Bo,\"two\nlines\"\n3,Cy,last"
        let table = try HRISTable.parse(text, file: "hr.csv")
        #expect(table.header == ["id", "name", "note"])
        #expect(table.rows.map(\.line) == [2, 4, 6])
        #expect(table.rows[0].cells == ["1", "Osei, Amara", "said \"yes\""])
        #expect(table.rows[1].cells[2] == "two\nlines")
        #expect(table.rows[2].cells == ["3", "Cy", "last"])
    }

    @Test func brokenTablesNameTheLine() {
        func failure(_ text: String) -> Diagnostic? {
            do {
                _ = try HRISTable.parse(text, file: "hr.csv")
                return nil
            } catch { return error.diagnostics.first }
        }
        #expect(failure("id,name\n1,\"open")?.line == 2)
        #expect(failure("id,name\n1,\"open")?.message.contains("never closed") == true)
        #expect(failure("id,name\n1,ab\"c\n")?.message.contains("quote inside an unquoted field") == true)
        #expect(failure("id,id\n1,2")?.message.contains("twice") == true)
        #expect(failure("")?.message.contains("empty") == true)
        #expect(failure("id,,name\n")?.message.contains("column 2 has no name") == true)
    }
}

@Suite struct PeopleMappingTests {
    static let mapping = """
        mapping: wagefile.people-mapping/v1
        columns:
          externalId: ID
          name: [First, Last]
          employment: Type
          pay: Pay
          currency: Cur
          payBasis: Basis
          hireDate: Hired
          managerId: Boss
          hoursPerWeek: Hours
          workLayer: Layer
        values:
          employment: {Regular: employee, Agency: vendor-worker}
          payBasis: {Salary: annual}
        defaults:
          currency: EUR
        groups:
          gender: Gender
        date_format: DD/MM/YYYY
        decimal_comma: true
        """

    @Test func readsEveryPartOfTheMapping() throws {
        let mapping = try PeopleMapping.read(Self.mapping, file: "m.yaml")
        #expect(mapping.columns["name"] == ["First", "Last"])
        #expect(mapping.values["employment"]?["regular"] == "employee")
        #expect(mapping.defaults == ["currency": "EUR"])
        #expect(mapping.groups.map(\.key) == ["gender"])
        #expect(mapping.dateFormat == .european)
        #expect(mapping.decimalComma)
    }

    @Test func mistakesInTheMappingComeWithTheirLines() {
        let text = """
            columns:
              nmae: Name
              payBasis: [A, B]
            values:
              employment: {Regular: staff}
            defaults:
              hoursPerWeek: lots
            """
        do {
            _ = try PeopleMapping.read(text, file: "m.yaml")
            Issue.record("accepted a broken mapping")
        } catch {
            let messages = error.diagnostics.map { "\($0.line) \($0.field): \($0.message)" }
            #expect(messages.contains { $0.hasPrefix("2 columns.nmae") && $0.contains("did you mean 'name'") })
            #expect(messages.contains { $0.hasPrefix("3 columns.payBasis") && $0.contains("only name may join") })
            #expect(
                messages.contains {
                    $0.hasPrefix("5 values.employment.Regular") && $0.contains("'staff' is not one of")
                })
            #expect(messages.contains { $0.hasPrefix("7 defaults.hoursPerWeek") })
            #expect(messages.contains { $0.contains("columns.name") && $0.contains("required") })
        }
    }

    @Test func aSuggestedMappingReadsBackAndFindsTheUsualColumns() throws {
        let export = """
            Employee ID,Legal Name,Worker Type,Base Pay,Currency,Pay Frequency,Hire Date,Favourite colour
            1,A,Regular,1,USD,Salary,2020-01-01,red
            2,B,Contingent,1,USD,Hourly,2020-01-01,blue
            3,C,Secondee,1,USD,annual,2020-01-01,blue
            """
        let text = PeopleMapping.suggest(try HRISTable.parse(export, file: "hr.csv"))
        let mapping = try PeopleMapping.read(text, file: "suggested.yaml")
        #expect(mapping.columns["externalId"] == ["Employee ID"])
        #expect(mapping.columns["name"] == ["Legal Name"])
        #expect(mapping.columns["pay"] == ["Base Pay"])
        #expect(mapping.columns["hireDate"] == ["Hire Date"])
        #expect(text.contains("# Columns not mapped: Favourite colour"))
        // The export's own words get a guess each; one it cannot guess is left for the reader.
        #expect(mapping.values["employment"] == ["regular": "employee", "contingent": "contractor"])
        #expect(mapping.values["payBasis"] == ["salary": "annual"], "Hourly is already a basis, whatever its case")
        #expect(text.contains("# \"Secondee\": one of employee, contractor, vendor-worker"))
    }
}

@Suite struct PeopleImportTests {
    static let header = "ID,First,Last,Type,Pay,Cur,Basis,Hired,Boss,Hours,Layer,Gender"

    func read(_ rows: [String]) throws -> PeopleImport {
        try PeopleImport.read(
            ([Self.header] + rows).joined(separator: "\n"), file: "hr.csv",
            mapping: try PeopleMapping.read(PeopleMappingTests.mapping, file: "m.yaml"))
    }

    @Test func aGoodRowBecomesAPersonThroughTheMapping() throws {
        let result = try read(["E1,Amara,Osei,Regular,\"78.000,50\",,Salary,01/04/2019,E9,\"37,5\",evaluation-lead,F"])
        #expect(result.errors.isEmpty)
        let row = try #require(result.rows.first)
        #expect(row.line == 2)
        #expect(row.person.name == "Amara Osei")
        #expect(row.person.employment == "employee")
        #expect(row.person.payMinor == 7_800_050)
        #expect(row.person.currency == "EUR")
        #expect(row.person.payBasis == "annual")
        #expect(row.person.hireDate == "2019-04-01")
        #expect(row.person.hoursPerWeek == 37.5)
        #expect(row.person.equityGroups == "gender=F")
        #expect(row.managerExternalId == "E9")
        #expect(result.unmapped.isEmpty)
    }

    @Test func everyBadRowIsReportedWithItsLineColumnAndField() throws {
        let result = try read([
            "E1,Amara,Osei,Regular,78000,USD,Salary,01/04/2019,,40,evaluation,F",
            "E2,,,Regular,78000,USD,Salary,01/04/2019,,40,,F",
            "E3,Bo,Li,Permanent,78000,USD,Salary,01/04/2019,,40,,",
            "E4,Cy,Ng,Regular,lots,USD,Salary,31/02/2019,,0,,",
            "E5,Di,Oz,Regular,78000,USD,Salary,01/04/2019,,40,labelling,",
            "E1,Ed,Po,Regular,78000,USD,Salary,01/04/2019,,40,,",
            ",Fa,Qu,Regular,78000,USD,Salary,01/04/2019,,40,,",
            "E8,Gi,Ro,Regular,78000,USD",
        ])
        #expect(result.rows.map(\.line) == [2])
        let found = Set(result.errors.map { "\($0.line):\($0.field)" })
        #expect(
            found.isSuperset(of: [
                "3:name (column 'First')", "4:employment (column 'Type')", "5:pay (column 'Pay')",
                "5:hireDate (column 'Hired')",
                "5:hoursPerWeek (column 'Hours')", "6:workLayer (column 'Layer')", "7:externalId (column 'ID')",
                "8:externalId (column 'ID')", "9:row",
            ]), "\(found.sorted())")
        let duplicate = try #require(result.errors.first { $0.line == 7 })
        #expect(duplicate.message.contains("also on line 2"))
        let badPay = try #require(result.errors.first { $0.field.hasPrefix("pay") })
        #expect(badPay.column == 5)
        #expect(badPay.file == "hr.csv")
    }

    @Test func aMappingNamingAMissingColumnFailsBeforeAnyRow() {
        do {
            _ = try PeopleImport.read(
                "ID,Name\n1,A", file: "hr.csv",
                mapping: try PeopleMapping.read(PeopleMappingTests.mapping, file: "m.yaml"))
            Issue.record("accepted a file without the mapped columns")
        } catch {
            #expect(error.diagnostics.contains { $0.field == "columns.employment" && $0.message.contains("'Type'") })
        }
    }
}

extension Error {
    var diagnostics: [Diagnostic] { (self as? InputError)?.diagnostics ?? [] }
}
