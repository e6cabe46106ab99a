import DecisionFiles
import Testing
import WagefileTestSupport
import WorkModel

/// HTML, CSV and Markdown renderings: user text is escaped for each format.
struct RenderingTests {
    let shipped: Shipped

    init() throws { shipped = try Shipped.get() }

    func decisionFile(title: String) throws -> DecisionFile {
        shipped.builder.build(try readSpec(BaseSpec.with(line: 3, "title: '\(title)'")))
    }

    /// Splits one RFC 4180 CSV record into its fields.
    static func fields(_ record: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, afterQuote = false
        for character in record {
            if quoted {
                if character == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            } else if character == "," {
                fields.append(field)
                field = ""
                afterQuote = false
            } else {
                field.append(character)
                afterQuote = false
            }
        }
        fields.append(field)
        return fields
    }

    @Test func htmlEscapesAScriptInTheTitle() throws {
        let html = HTMLRendering.render(try decisionFile(title: "<script>alert(\"pwned\")</script> Rater & Reviewer"))
        #expect(!html.contains("<script"), "no script element may reach the page")
        #expect(html.contains("<h1>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Rater &amp; Reviewer</h1>"))
        #expect(html.contains("<title>Wage file: &lt;script&gt;"))
        #expect(html.hasPrefix("<!doctype html>"))
    }

    @Test func htmlShowsTheBandAndFindings() throws {
        let file = shipped.builder.build(try readSpec(BaseSpec.with(line: 21, "offered: {amount: 10, basis: hourly}")))
        let html = HTMLRendering.render(file)
        #expect(html.contains("22.00 / <strong>26.40</strong> / 30.80"))
        #expect(
            html.contains("<li class=\"blocking\"><span class=\"severity\">blocking</span> <code>green-circle</code>"))
        #expect(html.contains("<svg role=\"img\""))
    }

    @Test func csvQuotesCommasAndMatchesTheHeader() throws {
        let row = CSVRendering.row(try decisionFile(title: "Rater, senior \"II\""))
        let fields = Self.fields(row)
        #expect(fields.count == CSVRendering.header.count)
        #expect(row.hasPrefix("base-evaluator,\"Rater, senior \"\"II\"\"\",role,x.yaml,evaluation,"))
        #expect(fields[1] == "Rater, senior \"II\"")
        let byName = Dictionary(uniqueKeysWithValues: zip(CSVRendering.header, fields).map { ($0, $1) })
        #expect(byName["hourly_min"] == "22.00")
        #expect(byName["hourly_mid"] == "26.40")
        #expect(byName["annual_mid"] == "54904", "26.3961 x 2,080 h")
        #expect(byName["compa_ratio"] == "1.1365")
        #expect(byName["circle"] == "in-range")
        #expect(byName["budget_owner"] == "product-quality")
        #expect(CSVRendering.headerLine().hasPrefix("id,title,kind,file,layer,category,"))
    }

    @Test func csvNeutralizesALeadingFormula() throws {
        let formula = Self.fields(CSVRendering.row(try decisionFile(title: "=HYPERLINK(\"http://evil\",\"x\")")))
        #expect(formula[1] == "'=HYPERLINK(\"http://evil\",\"x\")", "a leading = is prefixed with a quote")
        for trigger in ["+", "-", "@"] {
            let fields = Self.fields(CSVRendering.row(try decisionFile(title: "\(trigger)cmd|calc")))
            #expect(fields[1] == "'\(trigger)cmd|calc")
        }
        let negative = Self.fields(CSVRendering.row(try decisionFile(title: "-5")))
        #expect(negative[1] == "-5", "a plain negative number is data, not a formula")
    }

    @Test func markdownKeepsPipesInsideTheTable() throws {
        let markdown = MarkdownRendering.render(try decisionFile(title: "Rater | Reviewer"))
        #expect(markdown.hasPrefix("# Wage file: Rater \\| Reviewer\n"))
        #expect(markdown.contains("| Hourly band (USD) | 22.00 / **26.40** / 30.80 |"))
    }
}
