import DecisionFiles
import Foundation
import Hummingbird
import Pricing
import ReferenceData
import Specs
import Storage
import WorkModel

/// Role and vendor-contract specs: create, new versions, history, diffs, and pricing.
struct SpecController: Sendable {
    let environment: ServerEnvironment
    let reader: RoleSpecReader

    init(environment: ServerEnvironment) {
        self.environment = environment
        self.reader = RoleSpecReader(vocabulary: environment.pricer.reference.vocabulary)
    }

    var specs: SpecRepository { environment.store.specs }

    /// Reads and validates spec text, and checks the user may write it over `stored` (nil: a new spec).
    func parse(_ request: Request, _ context: AppRequestContext, file: String, replacing stored: StoredSpec?)
        async throws -> (RoleSpec, String)
    {
        let data = try await JSONBody.bytes(request, context)
        guard let text = String(data: data, encoding: .utf8),
            !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw Problem.badRequest("send the spec as YAML or JSON text in the body (UTF-8)")
        }
        let spec: RoleSpec
        switch reader.read(text, file: file) {
        case .success(let read): spec = read
        case .failure(let error): throw error
        }
        if let stored {
            let current = try await specs.version(stored.id, stored.currentVersion)
            try SpecController.checkMayEdit(
                stored: stored, text: current.body, for: try context.signedInUser,
                disclosure: try context.disclosure(environment))
        }
        try SpecController.checkWrite(
            spec, replacing: stored, for: try context.signedInUser, disclosure: try context.disclosure(environment))
        return (spec, text)
    }

    func register(_ registry: EndpointRegistry, _ router: Router<AppRequestContext>) {
        registry.add(router, .get, "/api/v1/specs", .read, listSpecs)
        registry.add(router, .post, "/api/v1/specs", .writeSpecs, createSpec)
        registry.add(router, .get, "/api/v1/specs/{id}", .read, showSpec)
        registry.add(router, .put, "/api/v1/specs/{id}", .writeSpecs, addSpecVersion)
        registry.add(router, .get, "/api/v1/specs/{id}/versions", .read, specVersions)
        registry.add(router, .get, "/api/v1/specs/{id}/versions/{version}", .read, specVersion)
        registry.add(router, .get, "/api/v1/specs/{id}/diff", .read, specDiff)
        registry.add(router, .post, "/api/v1/specs/{id}/decision-files", .prepareDecisions, computeWageFile)
        // Pricing without storing: what a script or the editor preview calls.
        registry.add(router, .post, "/api/v1/price", .signedIn, priceWithoutStoring)
    }

    /// Specs, filtered by kind or text, a page at a time.
    func listSpecs(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = ListQuery(request: request)
        if let kind = query.string("kind"), SpecKind(rawValue: kind) == nil {
            throw Problem.badRequest("kind must be one of \(SpecKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let page = try await specs.list(kind: query.string("kind"), search: query.string("q"), page: try query.page)
        return try JSONBody.response(page)
    }

    /// A new spec at version 1.
    func createSpec(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (spec, text) = try await parse(request, context, file: "request", replacing: nil)
        let stored = try await specs.create(
            id: spec.id, kind: spec.kind.rawValue, title: spec.title, body: text,
            comment: ListQuery(request: request).string("comment"),
            by: try context.signedInUser.principal)
        return try JSONBody.response(
            stored, status: .created, etag: stored.currentVersion,
            headers: [.location: "/api/v1/specs/\(PathSegment.encode(stored.id))"])
    }

    func showSpec(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let spec = try await specs.get(try context.path("id"))
        return try JSONBody.response(spec, etag: spec.currentVersion)
    }

    /// A new version, at the version the caller read (If-Match).
    func addSpecVersion(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.path("id")
        let expected = try ETag.expectedRevision(request, what: "spec")
        // The stored record decides what may be written over it, not only the new text.
        let (spec, text) = try await parse(request, context, file: id, replacing: try await specs.get(id))
        guard spec.id == id else {
            throw Problem.unprocessable(
                "the spec's id differs from the URL",
                errors: [.init(field: "id", message: "must be '\(id)' (got '\(spec.id)')")])
        }
        let (stored, _) = try await specs.addVersion(
            id: id, expectedVersion: expected, kind: spec.kind.rawValue, title: spec.title,
            body: text, comment: ListQuery(request: request).string("comment"),
            by: try context.signedInUser.principal)
        return try JSONBody.response(stored, etag: stored.currentVersion)
    }

    func specVersions(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct VersionView: Encodable {
            var version: Int
            var comment: String?
            var createdBy, createdAt: String
        }
        let versions = try await specs.versions(try context.path("id"))
        return try JSONBody.response([
            "items": versions.map {
                VersionView(version: $0.version, comment: $0.comment, createdBy: $0.createdBy, createdAt: $0.createdAt)
            }
        ])
    }

    /// One version's text, as the caller may see it.
    func specVersion(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let version = try await specs.version(try context.path("id"), try SpecController.versionNumber(context))
        return try JSONBody.response(try context.disclosure(environment).specVersion(version), etag: version.version)
    }

    /// Two versions compared line by line.
    func specDiff(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.path("id")
        let query = ListQuery(request: request)
        guard let from = try query.int("from"), let to = try query.int("to") else {
            throw Problem.badRequest("give the two versions to compare: ?from=1&to=2")
        }
        let old = try await specs.version(id, from)
        let new = try await specs.version(id, to)
        // Both sides as the reader may see them: a diff of the full texts would show withheld lines.
        let disclosure = try context.disclosure(environment)
        let diff = LineDiff(old: disclosure.specText(old.body), new: disclosure.specText(new.body))
        struct DiffView: Encodable {
            var from, to, added, removed: Int
            var unified: String
            var lines: [LineDiff.Line]
        }
        return try JSONBody.response(
            DiffView(
                from: from, to: to, added: diff.added, removed: diff.removed, unified: diff.unified, lines: diff.lines))
    }

    /// Prices a version (the current one unless ?version=) into a stored wage file.
    func computeWageFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.path("id")
        let spec = try await specs.get(id)
        let number = try ListQuery(request: request).int("version") ?? spec.currentVersion
        let version = try await specs.version(id, number)
        let file = try SpecController.price(version.body, file: "\(id)@v\(number)", environment: environment)
        let stored = try await environment.store.decisionFiles.create(
            try StoredDecisionFile(file, id: UUID().uuidString.lowercased(), specVersion: number),
            by: try context.signedInUser.principal)
        return try JSONBody.response(
            stored.summary, status: .created, etag: stored.revision,
            headers: [.location: "/api/v1/decision-files/\(PathSegment.encode(stored.id))"])
    }

    /// Prices spec text without storing anything.
    func priceWithoutStoring(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let data = try await JSONBody.bytes(request, context)
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem.badRequest("the spec must be UTF-8 text")
        }
        let file = try context.disclosure(environment).decisionFile(
            try SpecController.price(text, file: "request", environment: environment))
        return try JSONBody.raw(Data(JSONRendering.line(file).utf8))
    }

    static func versionNumber(_ context: AppRequestContext) throws -> Int {
        let text = try context.path("version")
        guard let number = Int(text) else { throw Problem.badRequest("version must be a whole number (got '\(text)')") }
        return number
    }

    /// Whether `user` may write `spec`, new or over `stored`; the API and the pages both ask here.
    /// Procurement writes vendor contracts only, judged on the stored record as well as the new
    /// text, so a vendor-contract body cannot turn a role into a contract; a spec keeps its
    /// kind; and only roles that see individual pay may name internal candidates and their pay.
    static func checkWrite(_ spec: RoleSpec, replacing stored: StoredSpec?, for user: User, disclosure: Disclosure)
        throws
    {
        if user.userRole == .procurement {
            if spec.kind != .vendorContract {
                throw Problem(
                    .forbidden,
                    "the procurement role may create and edit vendor-contract specs only; this spec is kind '\(spec.kind.rawValue)'"
                )
            }
            if let stored, stored.kind != SpecKind.vendorContract.rawValue {
                throw Problem(
                    .forbidden,
                    "the procurement role may edit vendor-contract specs only; '\(stored.id)' is stored as kind '\(stored.kind)'"
                )
            }
        }
        if let stored, stored.kind != spec.kind.rawValue {
            throw Problem.unprocessable(
                "a spec keeps its kind",
                errors: [
                    .init(
                        field: "kind",
                        message: "must stay '\(stored.kind)'; create a new spec for a \(spec.kind.rawValue)")
                ])
        }
        if !disclosure.seesIndividualPay && !spec.internalCandidates.isEmpty {
            throw Problem(
                .forbidden,
                "internal candidates and their pay are named by the admin and compensation roles only; leave internal_candidates out"
            )
        }
    }

    /// A reader shown the spec with withheld lines may not save over it: what they saw is not what is stored.
    static func checkMayEdit(stored: StoredSpec, text: String, for user: User, disclosure: Disclosure) throws {
        guard disclosure.mayEdit(storedText: text) else {
            throw Problem(
                .forbidden,
                "'\(stored.id)' names internal candidates with their pay; only the admin and compensation roles may edit it"
            )
        }
    }

    static func price(_ text: String, file: String, environment: ServerEnvironment) throws -> DecisionFile {
        let builder = DecisionFileBuilder(pricer: environment.pricer, asOf: environment.today)
        switch BatchPricing(builder: builder).price(text, file: file) {
        case .priced(let decision): return decision
        case .rejected(let error): throw error
        }
    }
}

extension StoredDecisionFile {
    /// The stored form of a computed file: the document as JSON, the hourly band in minor units.
    init(_ file: DecisionFile, id: String, specVersion: Int) throws {
        let currency = file.band.currency
        func minor(_ value: Double) throws -> Int64 {
            guard let money = Money(amount: value, currency: currency) else {
                throw Problem(.unprocessableContent, "the band figure \(value) \(currency) cannot be stored")
            }
            return money.minorUnits
        }
        self.init(
            id: id, specId: file.spec.id, specVersion: specVersion, evaluatedOn: file.evaluatedOn, layer: file.layer,
            currency: currency, bandMinMinor: try minor(file.band.hourly.min),
            bandMidMinor: try minor(file.band.hourly.mid),
            bandMaxMinor: try minor(file.band.hourly.max), blocking: file.blocking,
            document: try JSONRendering.line(file))
    }
}
