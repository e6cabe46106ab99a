import Foundation
import FuzzDriver

/// The one entry point of every fuzz executable.
///
/// Built by `scripts/fuzz.sh` (with `-DFUZZING` and libFuzzer linked) it hands `body` to libFuzzer.
/// Built normally it replays files or folders of inputs through `body`, which is how CI runs the
/// committed corpus and every past crash as a regression check without the instrumented build.
public enum FuzzEntry {
    public static func main(_ name: String, _ body: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) -> Never {
        Target.body = body
        #if FUZZING
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                    Target.body?(UnsafeRawBufferPointer(start: data, count: size))
                    return 0
                })
        #else
            let paths = CommandLine.arguments.dropFirst()
            guard !paths.isEmpty else {
                FileHandle.standardError.write(
                    Data("usage: \(name) FILE|FOLDER... (replays inputs; scripts/fuzz.sh builds the fuzzer)\n".utf8))
                exit(2)
            }
            var count = 0
            for path in paths {
                for file in inputs(at: path) {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        FileHandle.standardError.write(Data("\(file): cannot read\n".utf8))
                        exit(2)
                    }
                    data.withUnsafeBytes { body($0) }
                    count += 1
                }
            }
            print("\(name): \(count) inputs replayed, no crash")
            exit(0)
        #endif
    }

    private static func inputs(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return [path]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(path)/\($0)" }
    }

    /// libFuzzer takes a C function pointer, which cannot capture; the body waits here.
    private enum Target {
        nonisolated(unsafe) static var body: (@Sendable (UnsafeRawBufferPointer) -> Void)?
    }
}

extension UnsafeRawBufferPointer {
    /// The input as text; libFuzzer's bytes are often not UTF-8, which the readers must also survive.
    public var fuzzText: String { String(decoding: self, as: UTF8.self) }
}

/// A harness's own check failed: a reader accepted input that its later stages cannot handle.
/// Crashing is the point (libFuzzer saves the input); never reached from the product.
public func fuzzInvariant(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("invariant broken: \(message())\n".utf8))
        abort()
    }
}
