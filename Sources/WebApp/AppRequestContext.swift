package import Hummingbird
import NIOCore
package import Storage
import Synchronization

/// The per-request context: Hummingbird's core storage plus who is signed in and how.
package struct AppRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The signed-in user, set by `AuthenticationMiddleware`.
    package var user: User?
    /// True when the user came in with a session cookie rather than a token.
    package var viaSession = false
    /// Who the request turned out to be, for the log line. Middleware hands the next layer a
    /// copy of the context, so `EdgeMiddleware`, the outermost, never sees the `user` that
    /// `AuthenticationMiddleware` sets on its copy; this reference is shared by every copy.
    let identity = RequestIdentity()
    /// The peer's IP address (the proxy's when there is one), for the sign-in throttle.
    package let clientAddress: String

    package init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Spec text and JSON bodies are small; 1 MiB bounds what one request can make us hold.
    package var maxUploadSize: Int { 1 << 20 }
}

/// The signed-in user's id, written once authentication has found it and read for the log line.
final class RequestIdentity: Sendable {
    private let userId = Mutex<String?>(nil)

    func record(_ user: User) { userId.withLock { $0 = user.id } }
    var recorded: String? { userId.withLock { $0 } }
}
