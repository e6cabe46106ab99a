public import Foundation
public import WorkModel

/// Loads the shipped reference tables, then the user's directories in the order given, so a
/// user file can replace any shipped record by id or add new ones.
public enum ReferenceLoader {
    /// `extra` documents (name, text) are added last, as if in a final override directory: an
    /// import checks that what it is about to write loads with everything else.
    public static func load(overrides: [URL] = [], extra: [(name: String, text: String)] = []) throws(InputError)
        -> ReferenceSet
    {
        var parser = ReferenceParser()
        for (name, text) in try shippedDocuments() {
            parser.add(text, file: ReferenceParser.shippedPrefix + name, shipped: true)
        }
        for directory in overrides {
            for url in try yamlFiles(in: directory) {
                guard let data = FileManager.default.contents(atPath: url.path),
                    let text = String(data: data, encoding: .utf8)
                else {
                    throw InputError([
                        Diagnostic(
                            file: url.path, location: .start, field: "", message: "cannot read the file as UTF-8 text")
                    ])
                }
                parser.add(text, file: url.path)
            }
        }
        for document in extra { parser.add(document.text, file: document.name) }
        return try parser.build()
    }

    /// The shipped YAML files by name, sorted for a stable load order.
    public static func shippedDocuments() throws(InputError) -> [(name: String, text: String)] {
        guard let directory = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw InputError([
                Diagnostic(
                    file: "reference", location: .start, field: "",
                    message: "the shipped reference data is missing from this build")
            ])
        }
        return try yamlFiles(in: directory).compactMap { url in
            guard let data = FileManager.default.contents(atPath: url.path),
                let text = String(data: data, encoding: .utf8)
            else { return nil }
            return (url.lastPathComponent, text)
        }
    }

    static func yamlFiles(in directory: URL) throws(InputError) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw InputError([
                Diagnostic(
                    file: directory.path, location: .start, field: "", message: "no such directory of reference files")
            ])
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
            directory.appendingPathComponent($0)
        }
    }
}
