import Foundation
import Testing

/// docs/ARCHITECTURE.md is a map people follow: every path it cites exists, and every name it
/// puts in backticks that looks like a type, a `Type.member` or a Swift file is one in the tree.
/// The check reads declarations as text (struct, enum, class, actor, protocol, typealias; func,
/// var, let, case), which is enough to catch a renamed or invented name.
@Suite("docs/ARCHITECTURE.md cites what exists")
struct ArchitectureDocTests {
    /// Names the document may cite that are not declared in this repository, with where they are from.
    static let external: [String: String] = [
        "Int32": "the Swift standard library",
        "Int64": "the Swift standard library",
        "ParsableCommand": "swift-argument-parser",
    ]

    static let document = "docs/ARCHITECTURE.md"

    @Test("every cited path exists")
    func pathsExist() throws {
        let text = try readRepositoryFile(Self.document)
        let cited = Set(
            text.matches(of: /(?:^|[^\w\/.])((?:Sources|Tests|Fuzz|scripts|docs|examples)\/[\w.\/+-]*\w)/).map {
                String($0.output.1)
            })
        #expect(cited.count > 10, "the path pattern found too little: \(cited)")
        let missing = cited.filter { !FileManager.default.fileExists(atPath: repositoryFile($0)) }.sorted()
        #expect(missing.isEmpty, "\(Self.document) cites paths that do not exist: \(missing)")
    }

    @Test("every backticked type, Type.member and Swift file exists")
    func namesExist() throws {
        let text = try readRepositoryFile(Self.document)
        let tree = try SourceTree()
        var missing: [String] = []
        for match in text.matches(of: /`([^`\n]+)`/) {
            let name = String(match.output.1)
            // File names first: `Records.swift` would otherwise read as a Type.member.
            if name.wholeMatch(of: /[\w+-]+\.swift/) != nil {
                if !tree.files.contains(name) { missing.append(name) }
            } else if name.wholeMatch(of: /[A-Z][A-Za-z0-9]*/) != nil {
                if !tree.types.contains(name) && !tree.modules.contains(name) && Self.external[name] == nil {
                    missing.append(name)
                }
            } else if let parts = name.wholeMatch(of: /([A-Z][A-Za-z0-9]*)\.([a-z][A-Za-z0-9]*)/)?.output {
                let (type, member) = (String(parts.1), String(parts.2))
                if !tree.types.contains(type) || (member != "init" && !tree.members.contains(member)) {
                    missing.append(name)
                }
            }
        }
        #expect(missing.isEmpty, "\(Self.document) names what the tree does not declare: \(Set(missing).sorted())")
    }
}

/// The declared names and file names under Sources, Tests and Fuzz.
private struct SourceTree {
    var types = Set<String>()
    var members = Set<String>()
    var files = Set<String>()
    /// Targets, by their folder under Sources, plus the test support library.
    var modules: Set<String> = ["WagefileTestSupport"]

    init() throws {
        let manager = FileManager.default
        modules.formUnion(try manager.contentsOfDirectory(atPath: repositoryFile("Sources")))
        for top in ["Sources", "Tests", "Fuzz"] {
            guard let walker = manager.enumerator(atPath: repositoryFile(top)) else { continue }
            while let relative = walker.nextObject() as? String {
                guard relative.hasSuffix(".swift") || relative.hasSuffix(".h") else { continue }
                files.insert((relative as NSString).lastPathComponent)
                let text = try String(contentsOfFile: repositoryFile("\(top)/\(relative)"), encoding: .utf8)
                for declaration in text.matches(
                    of: /\b(struct|enum|class|actor|protocol|typealias|func|var|let|case)\s+([A-Za-z_][A-Za-z0-9_]*)/)
                {
                    let (kind, name) = (declaration.output.1, String(declaration.output.2))
                    if ["func", "var", "let", "case"].contains(kind) {
                        members.insert(name)
                    } else {
                        types.insert(name)
                    }
                }
                // The fuzz driver's header declares libFuzzer's entry point for Swift.
                for function in text.matches(of: /\bint\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/) {
                    types.insert(String(function.output.1))
                }
            }
        }
    }
}
