public import Hummingbird
import HummingbirdCore
import NIOCore

/// How much one client may hold of the server: the body limit is `AppRequestContext.maxUploadSize`
/// (1 MiB, 413 past it); these bound the connection and the headers.
public enum ServerLimits {
    /// A connection that sends nothing for this long (a stalled client, one that opened and never
    /// finished its request) is closed, so abandoned sockets do not pile up.
    public static let idleTimeout = TimeAmount.seconds(30)
    /// Headers far below the 80 KiB default: the API needs a cookie, a token and a few more.
    public static let maxHeaderFieldSize = 16 * 1024
    public static let maxHeaderListSize = 64 * 1024
    public static let maxHeaderFieldCount = 100

    /// The HTTP/1.1 server every entry point (`serve`, `buildApplication`) runs.
    public static var http1: HTTPServerBuilder {
        .http1(
            configuration: .init(
                idleTimeout: idleTimeout,
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: maxHeaderFieldSize, maxHeaderListSize: maxHeaderListSize,
                    maxHeaderFieldCount: maxHeaderFieldCount)))
    }
}
