package import Hummingbird
package import Logging
import Storage

/// The router with every route, the API endpoints it serves, and its pages (for the tests that
/// walk every way out of the server, such as the pay canary).
package func buildRouter(_ environment: ServerEnvironment) -> (
    router: Router<AppRequestContext>, endpoints: [Endpoint], pages: [Endpoint]
) {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: EdgeMiddleware(metrics: environment.metrics))
    router.add(middleware: AuthenticationMiddleware(accounts: environment.store.accounts))
    let registry = EndpointRegistry()
    OperationsController(environment: environment).register(registry, router)
    AccountController(environment: environment).register(registry, router)
    SpecController(environment: environment).register(registry, router)
    DecisionFileController(environment: environment).register(registry, router)
    PortfolioControllers.register(environment, registry, router)
    ReportController(environment: environment).register(registry, router)
    AuditController(environment: environment).register(registry, router)
    PlanController(environment: environment).register(registry, router)
    // The pages are not API endpoints: they are outside the registry and the OpenAPI document.
    let pages = EndpointRegistry()
    if let renderer = try? PageRenderer.shared.get() {
        WebPages(environment: environment, renderer: renderer, pages: pages).register(router)
    }
    return (router, registry.endpoints, pages.endpoints)
}

/// The application: the router on an address, with structured request logs.
package func buildApplication(
    _ environment: ServerEnvironment, hostname: String = "127.0.0.1", port: Int = 8080, logger: Logger
) -> some ApplicationProtocol {
    let (router, _, _) = buildRouter(environment)
    return Application(
        router: router,
        server: ServerLimits.http1,
        configuration: .init(address: .hostname(hostname, port: port), serverName: "Wagefile"),
        logger: logger)
}
