public import Hummingbird
public import Storage

/// The per-request context: Hummingbird's core storage plus who is signed in and how.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, set by `AuthenticationMiddleware`.
    public var user: User?
    /// True when the user came in with a session cookie rather than a token.
    public var viaSession = false

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Spec text and JSON bodies are small; 1 MiB bounds what one request can make us hold.
    public var maxUploadSize: Int { 1 << 20 }
}
