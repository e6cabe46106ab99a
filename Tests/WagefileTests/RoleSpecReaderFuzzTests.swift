import DecisionFiles
import Pricing
import PropertyBased
import ReferenceData
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// Whatever bytes arrive, `read` returns either a spec or at least one diagnostic that points
/// inside the text; it never crashes. Accepted specs also price and render.
struct RoleSpecReaderFuzzTests {
    let shipped: Shipped

    init() throws { shipped = try Shipped.get() }

    /// Characters that steer a YAML or JSON parser into its corners.
    static let syntax: [Character] =
        Array(":-[]{}&*!|>'\"%@`#,?\\ \n\t\r") + ["\u{0}", "\u{85}", "\u{2028}", "\u{FEFF}", "é", "😀"] + Array("aZ09._")

    /// The number of lines a YAML parser may count in `text` (it also breaks lines at CR, NEL, LS and PS).
    static func lineCount(_ text: String) -> Int {
        text.unicodeScalars.filter { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }.count + 1
    }

    /// The property every input must satisfy.
    func check(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        switch shipped.reader.read(text, file: "x.yaml") {
        case .success(let spec):
            let file = shipped.builder.build(spec)
            #expect(file.band.hourly.min <= file.band.hourly.max, sourceLocation: sourceLocation)
            #expect(file.questions.count == 10, sourceLocation: sourceLocation)
            #expect(!HTMLRendering.render(file).isEmpty, sourceLocation: sourceLocation)
        case .failure(let error):
            #expect(!error.diagnostics.isEmpty, "a rejection must say why", sourceLocation: sourceLocation)
            // libyaml places the end of the stream at the start of the line after the last one.
            let lines = Self.lineCount(text) + 1
            for diagnostic in error.diagnostics {
                #expect(diagnostic.file == "x.yaml", sourceLocation: sourceLocation)
                #expect(
                    diagnostic.line >= 1 && diagnostic.line <= lines,
                    "line \(diagnostic.line) of \(lines): \(diagnostic)", sourceLocation: sourceLocation)
                #expect(diagnostic.column >= 1, "\(diagnostic)", sourceLocation: sourceLocation)
                #expect(!diagnostic.message.isEmpty, sourceLocation: sourceLocation)
            }
        }
    }

    @Test func randomSyntaxNeverCrashesTheReader() async {
        let characters = Gen<Character?>.element(of: Self.syntax).map { $0 ?? " " }
        await propertyCheck(count: 500, input: characters.string(of: 0...120)) { text in
            check(text)
        }
    }

    @Test func randomBytesNeverCrashTheReader() async {
        await propertyCheck(count: 500, input: Gen.uint8(in: 0...255).array(of: 0...200)) { bytes in
            check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomLatin1TextNeverCrashesTheReader() async {
        await propertyCheck(count: 300, input: Gen<Character>.latin1.string(of: 0...200)) { text in
            check(text)
        }
    }

    /// A valid YAML spec and a valid JSON spec, each damaged at random: the reader reports or
    /// accepts, and never crashes.
    @Test(arguments: ["yaml", "json"])
    func aValidSpecWithRandomDamageNeverCrashesTheReader(_ format: String) async {
        let base = Array(format == "json" ? RoleSpecReaderTests.jsonSpec : BaseSpec.text)
        let characters = Gen<Character?>.element(of: Self.syntax).map { $0 ?? " " }
        await propertyCheck(
            count: 500, input: Gen.int(in: 0...(base.count - 1)), Gen.int(in: 0...12), characters.string(of: 0...6)
        ) { position, deleted, inserted in
            var damaged = base
            damaged.replaceSubrange(position..<min(base.count, position + deleted), with: Array(inserted))
            check(String(damaged))
        }
    }

    @Test func removingAnyLineOfAValidSpecIsHandled() {
        for line in 1...BaseSpec.lines.count {
            check(BaseSpec.without(lines: line))
        }
    }
}
