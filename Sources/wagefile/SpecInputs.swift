import Foundation
import WorkModel

/// The specs named on the command line: files, folders of `.yaml`/`.yml`/`.json` files, or
/// `-` for JSON Lines on standard input.
struct SpecInput: Sendable {
    var name: String
    var text: String
    /// A JSON Lines stream holds one spec per line.
    var isJSONLines: Bool
}

enum SpecInputs {
    static let extensions = ["yaml", "yml", "json"]

    static func collect(_ paths: [String]) -> (inputs: [SpecInput], problems: [Diagnostic]) {
        var inputs: [SpecInput] = []
        var problems: [Diagnostic] = []
        for path in paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                inputs.append(
                    SpecInput(name: "<stdin>", text: String(decoding: data, as: UTF8.self), isJSONLines: true))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(
                    Diagnostic(file: path, location: .start, field: "", message: "no such file or directory"))
                continue
            }
            let files: [String]
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files = names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
                if files.isEmpty {
                    problems.append(
                        Diagnostic(
                            file: path, location: .start, field: "",
                            message: "the folder holds no .yaml, .yml or .json specs"))
                }
            } else {
                files = [path]
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    problems.append(
                        Diagnostic(file: file, location: .start, field: "", message: "cannot read the file"))
                    continue
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    problems.append(
                        Diagnostic(file: file, location: .start, field: "", message: "the file is not UTF-8 text"))
                    continue
                }
                inputs.append(SpecInput(name: file, text: text, isJSONLines: file.hasSuffix(".jsonl")))
            }
        }
        return (inputs, problems)
    }
}
