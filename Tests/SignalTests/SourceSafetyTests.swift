import Foundation
import Testing

/// The safety claims in the sources are checked, not trusted: every unchecked `Sendable`, and
/// every type or function that touches raw memory, says why it holds in a `SAFETY:` comment;
/// and no target builds with unsafe flags (SwiftPM refuses them in a versioned dependency).
@Suite struct SourceSafetyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func swiftSources() throws -> [URL] {
        let sources = root.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    /// Places (file:line: declaration) where raw memory is used, or `Sendable` is claimed
    /// unchecked, with no `SAFETY:` comment on the enclosing top-level declaration or just above.
    static func unexplained() throws -> [String] {
        // What counts as raw memory: pointers, manual allocation, unmanaged references,
        // rebinding, page advice and mappings.
        let raw =
            #/\.allocate\(|Unmanaged|withUnsafe|bindMemory|assumingMemoryBound|UnsafeMutable|UnsafeRaw|UnsafePointer|UnsafeBuffer|unsafeBitCast|madvise|\bmmap\(/#
        let declaration =
            #/^(public |package |private |fileprivate |internal )?(final class|struct|enum|extension|protocol|func|class) /#
        var missing: [String] = []
        for file in try swiftSources() {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            var explained = false
            var current = ""
            for (index, line) in lines.enumerated() {
                if line.firstMatch(of: declaration) != nil {
                    current = line.trimmingCharacters(in: .whitespaces)
                    explained = false
                    var above = index - 1
                    while above >= 0,
                        lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("//")
                            || lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("@")
                    {
                        if lines[above].contains("SAFETY:") { explained = true }
                        above -= 1
                    }
                }
                if line.contains("SAFETY:") { explained = true }
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                let place =
                    "\(file.path.replacingOccurrences(of: root.path + "/", with: "")):\(index + 1): \(current.prefix(80))"
                if code.contains("@unchecked Sendable") || code.contains("nonisolated(unsafe)") {
                    let window = lines[max(0, index - 15)...index]
                    if !window.contains(where: { $0.contains("SAFETY:") }) { missing.append(place + " (unchecked)") }
                } else if code.firstMatch(of: raw) != nil, !explained, !missing.contains(place) {
                    missing.append(place)
                }
            }
        }
        return missing
    }

    @Test func everyUnsafeRegionSaysWhyItHolds() throws {
        let missing = try Self.unexplained()
        #expect(missing.isEmpty, "add a SAFETY: comment saying why each holds:\n\(missing.joined(separator: "\n"))")
        // The scan itself works: it sees the raw memory it should.
        #expect(try Self.swiftSources().count > 100)
    }

    @Test func noTargetBuildsWithUnsafeFlags() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(!manifest.contains("unsafeFlags"))
    }
}
