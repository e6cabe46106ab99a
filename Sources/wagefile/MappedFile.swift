#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file's bytes, mapped read-only (or read whole, for pipes and standard input). Judgment
/// files run to gigabytes: mapping lets the readers scan them without a copy, and the page
/// cache, not the process, holds the text.
final class MappedFile {
    let path: String
    private let base: UnsafeMutableRawPointer?
    private let length: Int
    private let mapped: Bool
    private var data: Data?

    init(path: String) throws {
        self.path = path
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
            base = nil
            length = data?.count ?? 0
            mapped = false
            return
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw MappedFileError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw MappedFileError(path: path, message: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            // A FIFO or device: read it whole.
            data = FileHandle(fileDescriptor: fd, closeOnDealloc: false).readDataToEndOfFile()
            base = nil
            length = data?.count ?? 0
            mapped = false
            return
        }
        length = Int(info.st_size)
        guard length > 0 else {
            base = nil
            mapped = false
            data = Data()
            return
        }
        let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else { throw MappedFileError(path: path, message: String(cString: strerror(errno))) }
        madvise(address, length, MADV_WILLNEED)
        base = address
        mapped = true
    }

    deinit {
        if mapped, let base { munmap(base, length) }
    }

    var count: Int { length }
    /// Whether the bytes are a read-only mapping of the file (not a copy in memory).
    var isMapped: Bool { mapped }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let base { return try body(UnsafeRawBufferPointer(start: base, count: length)) }
        return try (data ?? Data()).withUnsafeBytes { try body($0) }
    }
}

struct MappedFileError: Error, CustomStringConvertible {
    let path: String
    let message: String
    var description: String { "\(path): cannot read: \(message)" }
}
