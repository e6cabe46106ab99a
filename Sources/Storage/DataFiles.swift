import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SQLite file holds names, individual pay and password hashes, so only the account that
/// runs Wagefile may read it, whatever the umask: its directory 0700 when Wagefile makes it,
/// the database 0600, and the `-wal`/`-shm`/`-journal` files beside it 0600 (SQLite creates
/// those with the database file's own mode, which is why the database is created here, before
/// SQLite would create it 0644).
///
/// Files already there with wider modes are tightened at open. An existing directory is
/// tightened only when it is Wagefile's own (`.wagefile`, the default); any other directory was
/// chosen by an operator and may hold other things, so a wide one is only reported in the log.
enum DataFiles {
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600
    /// The name of the default data directory (`sqlite:.wagefile/wagefile.sqlite`).
    static let ownDirectoryName = ".wagefile"
    static let companions = ["-wal", "-shm", "-journal"]

    /// Makes the directory and the database file private before SQLite opens them.
    static func prepare(databasePath path: String, logger: Logger) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try prepareDirectory(directory, logger: logger)
        createPrivately(path, logger: logger)
        for suffix in companions { tighten(path + suffix, to: fileMode, logger: logger) }
    }

    static func prepareDirectory(_ directory: URL, logger: Logger) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            if directory.lastPathComponent == ownDirectoryName {
                tighten(directory.path, to: directoryMode, logger: logger)
            } else if let mode = mode(of: directory.path), mode & 0o077 != 0 {
                logger.warning(
                    "the database directory can be read by other users; consider chmod 700",
                    metadata: [
                        "directory": .string(directory.path), "mode": .string(String(mode, radix: 8)),
                    ])
            }
            return
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // createDirectory leaves 0777 minus the umask (0755 under the usual 022); group and others lose theirs here.
        tighten(directory.path, to: directoryMode, logger: logger)
    }

    /// Creates the file with mode 0600 if it is missing, and tightens it if it is wider.
    static func createPrivately(_ path: String, logger: Logger) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, fileMode)
        if descriptor >= 0 { close(descriptor) }
        // An existing file kept whatever mode it had.
        tighten(path, to: fileMode, logger: logger)
    }

    /// Takes away every permission bit outside `target` from a file that exists; leaves others alone.
    static func tighten(_ path: String, to target: mode_t, logger: Logger) {
        guard let mode = mode(of: path), mode & ~target != 0 else { return }
        if chmod(path, mode & target) != 0 {
            logger.warning(
                "cannot restrict the mode of a database file",
                metadata: [
                    "path": .string(path), "mode": .string(String(mode, radix: 8)), "errno": .stringConvertible(errno),
                ])
        }
    }

    /// The permission bits of `path`, or nil when it does not exist.
    static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }
}
