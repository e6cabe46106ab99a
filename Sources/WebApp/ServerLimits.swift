package import Hummingbird
import HummingbirdCore
import NIOCore

/// How much one client may hold of the server: the body limit is `AppRequestContext.maxUploadSize`
/// (1 MiB, 413 past it); these bound the connection and the headers.
package enum ServerLimits {
    /// A connection that sends nothing for this long (a stalled client, one that opened and never
    /// finished its request) is closed, so abandoned sockets do not pile up.
    package static let idleTimeout = TimeAmount.seconds(30)
    /// Headers far below the 80 KiB default: the API needs a cookie, a token and a few more.
    package static let maxHeaderFieldSize = 16 * 1024
    package static let maxHeaderListSize = 64 * 1024
    package static let maxHeaderFieldCount = 100

    /// The HTTP/1.1 server every entry point (`serve`, `buildApplication`) runs.
    package static var http1: HTTPServerBuilder {
        .http1(
            configuration: .init(
                idleTimeout: idleTimeout,
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: maxHeaderFieldSize, maxHeaderListSize: maxHeaderListSize,
                    maxHeaderFieldCount: maxHeaderFieldCount)))
    }
}
