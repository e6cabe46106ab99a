import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's bytes, mapped read-only (or read whole, for pipes and standard input). Judgment
/// files run to gigabytes: mapping lets the readers scan them without a copy, and the page
/// cache, not the process, holds the text.
///
/// Only this type can tell the collector that its bytes are a read-only mapping of a file
/// (`JudgmentCollector.read(_:format:mapping:progress:)`), which is what allows the readers to
/// hand read pages back to the page cache: that advice would zero any other memory.
///
/// SAFETY: the mapping is `PROT_READ` and `MAP_PRIVATE`, created once in `init` and unmapped only in
/// `deinit`; `withBytes` lends it only for the call, so no buffer outlives the mapping.
public final class MappedFile {
    /// The path as given (`-` for standard input).
    public let path: String
    private let base: UnsafeMutableRawPointer?
    private let length: Int
    private let mapped: Bool
    private var data: Data?

    /// Maps `path` (or reads standard input for `-`); throws `MappedFileError` when the file
    /// cannot be opened or mapped.
    public init(path: String) throws(MappedFileError) {
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
        guard fstat(fd, &info) == 0 else {
            throw MappedFileError(path: path, message: String(cString: strerror(errno)))
        }
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
        guard let address, address != MAP_FAILED else {
            throw MappedFileError(path: path, message: String(cString: strerror(errno)))
        }
        madvise(address, length, MADV_WILLNEED)
        base = address
        mapped = true
    }

    deinit {
        if mapped, let base { munmap(base, length) }
    }

    /// The file's size in bytes.
    public var count: Int { length }
    /// Whether the bytes are a read-only mapping of the file (not a copy in memory).
    var isMapped: Bool { mapped }

    /// Calls `body` with the file's bytes, valid only during the call.
    public func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        // SAFETY: `base` is a live mapping of `length` bytes until `deinit`, which cannot run
        // while `self` is borrowed for this call; the buffer does not outlive `body`.
        if let base { return try body(UnsafeRawBufferPointer(start: base, count: length)) }
        let copy = data ?? Data()
        let result: Result<R, E> = copy.withUnsafeBytes { bytes in
            do throws(E) { return .success(try body(bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// A file that could not be opened, inspected or mapped, with the system's reason.
public struct MappedFileError: Error, CustomStringConvertible, Sendable {
    /// The path that could not be read.
    public let path: String
    /// The system's reason (`strerror` of the failing call).
    public let message: String
    /// `<path>: cannot read: <message>`.
    public var description: String { "\(path): cannot read: \(message)" }
}
