import Foundation

/// Writes output files whole or not at all: each goes to a temporary file in the same folder
/// and is renamed into place, so an interrupted run never leaves half a decision file.
enum OutputFiles {
    /// Writes the whole file beside its destination, then renames it over it: a reader sees
    /// the old file or the new one, never half of one. `rename(2)` replaces atomically;
    /// Foundation's `replaceItemAt` failed about one write in two on Linux when the file
    /// already existed ("The file doesn't exist").
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw OutputFileError(path: path, reason: "cannot write in its folder (\(error.localizedDescription))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputFileError(path: path, reason: reason)
        }
    }

    static func ensureDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}

/// Buffered standard output: large batches are written in chunks, not a syscall per line.
struct StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

struct OutputFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "could not write \(path): \(reason); nothing was written" }
}
