import DecisionFiles
import Foundation
import Hummingbird
import Pricing
import ReferenceData
import Specs
import Storage
import WorkModel

/// Roles and contracts: the list, the new-role form with a repriced band before saving, the
/// YAML editor for later versions, and the decision file with its review. Each route calls a
/// named handler on `RolePages`.
extension WebPages {
    func registerRoles(_ router: Router<AppRequestContext>) {
        let roles = RolePages(environment: environment, renderer: renderer)
        page(router, .get, "/roles", .read, roles.roleList)
        page(router, .get, "/roles/new", .writeSpecs, roles.newRoleForm)
        page(router, .post, "/roles/new", .writeSpecs, roles.createRole)
        page(router, .get, "/roles/{id}", .read, roles.role)
        page(router, .get, "/roles/{id}/edit", .writeSpecs, roles.editForm)
        page(router, .post, "/roles/{id}/edit", .writeSpecs, roles.saveEdit)
        page(router, .post, "/roles/{id}/compute", .prepareDecisions, roles.computeWageFile)
        page(router, .get, "/decision-files/{id}", .read, roles.wageFile)
        for (action, next, permission) in [
            ("submit", ReviewStatus.inReview, Permission.prepareDecisions),
            ("approve", .approved, .decideReviews), ("reject", .rejected, .decideReviews),
        ] {
            page(router, .post, "/decision-files/{id}/\(action)", permission) { _, context, user, form in
                try await roles.review(context, user, form, action: action, to: next)
            }
        }
    }
}

/// The role and wage-file pages' handlers.
struct RolePages: Sendable {
    let environment: ServerEnvironment
    let renderer: PageRenderer
    let reader: RoleSpecReader

    init(environment: ServerEnvironment, renderer: PageRenderer) {
        self.environment = environment
        self.renderer = renderer
        self.reader = RoleSpecReader(vocabulary: environment.pricer.reference.vocabulary)
    }

    var store: Store { environment.store }

    func disclosure(_ user: User) -> Disclosure { Disclosure(user, minimumGroupSize: environment.minimumGroupSize) }

    /// Roles and contracts, filtered by kind, status or text, optionally grouped by grade.
    func roleList(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let query = ListQuery(request: request)
        let kind = query.string("kind").flatMap { SpecKind(rawValue: $0)?.rawValue }
        let specs = try await store.specs.list(kind: kind, search: query.string("q"), page: PageRequest(limit: 200))
        let latest = Dictionary(
            try await store.decisionFiles.latestPerSpec().map { ($0.specId, $0) },
            uniquingKeysWith: { first, _ in first })
        let status = query.string("status")
        var values = WebPages.base(user, request, title: "Roles and contracts", section: "roles")
        values["q"] = query.string("q") ?? ""
        values["kinds"] = SpecKind.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == kind] }
        values["statuses"] = ReviewStatus.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == status] }
        let byGrade = query.string("group") == "grade"
        values["groupByGrade"] = byGrade
        let rows = specs.items.compactMap { spec -> (grade: String?, row: [String: Any])? in
            let file = latest[spec.id]
            if let status, file?.status != status { return nil }
            var row: [String: Any] = [
                "id": spec.id, "title": spec.title, "kind": spec.kind, "version": spec.currentVersion,
            ]
            let grade = file.flatMap { GradeOnly.read($0.document) }
            if let file {
                row["file"] = [
                    "id": file.id, "status": file.status, "layer": file.layer, "blocking": file.blocking,
                    "grade": grade.map { "\($0.id) \($0.name)" } ?? "-",
                    "band":
                        "\(Format.money(Money(minorUnits: file.bandMinMinor, currency: file.currency).amount))–\(Format.money(Money(minorUnits: file.bandMaxMinor, currency: file.currency).amount)) \(file.currency)/h",
                ]
            }
            return (grade?.id, row)
        }
        // Grouped by grade: grades in order (their ids sort as the structure ascends), ungraded last.
        values["rows"] =
            (byGrade
            ? rows.enumerated().sorted { ($0.element.grade ?? "~", $0.offset) < ($1.element.grade ?? "~", $1.offset) }
                .map(\.element) : rows).map(\.row)
        return try renderer.page("roles", values)
    }

    func newRoleForm(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        try editor(request, user, form: WebForm(fields: [:]), preview: nil, diagnostics: [])
    }

    /// A new role from the form: previewed with its band until the user saves it.
    func createRole(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let text = RoleForm.yaml(form)
        let spec: RoleSpec
        switch reader.read(text, file: "form") {
        case .success(let read): spec = read
        case .failure(let error):
            return try editor(
                request, user, form: form, preview: nil, diagnostics: error.diagnostics, status: .unprocessableContent)
        }
        try SpecController.checkWrite(spec, replacing: nil, for: user, disclosure: disclosure(user))
        let file = try SpecController.price(text, file: "form", environment: environment)
        guard form["action"] == "save" else {
            return try editor(request, user, form: form, preview: file, diagnostics: [])
        }
        _ = try await store.specs.create(
            id: spec.id, kind: spec.kind.rawValue, title: spec.title, body: text,
            comment: "created in the web app", by: user.principal)
        let stored = try await store.decisionFiles.create(
            try StoredDecisionFile(file, id: UUID().uuidString.lowercased(), specVersion: 1),
            by: user.principal)
        return PageRenderer.redirect("/decision-files/\(stored.id)")
    }

    /// The new-role form, with any problems shown beside their fields.
    func editor(
        _ request: Request, _ user: User, form: WebForm, preview: DecisionFile?, diagnostics: [Diagnostic],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let fields = RoleForm.fields(environment.pricer.reference.vocabulary)
        let names = Set(fields.map(\.name))
        var byField: [String: [String]] = [:]
        var general: [String] = []
        for diagnostic in diagnostics {
            if let field = RoleForm.field(for: diagnostic, among: names) {
                byField[field, default: []].append(diagnostic.message)
            } else {
                general.append("\(diagnostic.field): \(diagnostic.message)")
            }
        }
        var values = WebPages.base(user, request, title: "New role", section: "roles")
        values["fields"] = fields.enumerated().map { index, field -> [String: Any] in
            let value = form.fields.isEmpty ? (RoleForm.defaults[field.name] ?? "") : (form[field.name] ?? "")
            var item: [String: Any] = [
                "name": field.name, "inputId": "f\(index)", "label": field.label, "value": value,
                "number": field.number, "wide": field.wide,
            ]
            if let hint = field.hint { item["hint"] = hint }
            if let errors = byField[field.name] { item["error"] = errors.joined(separator: "; ") }
            item["isSelect"] = field.options != nil
            if let options = field.options {
                item["options"] = options.map {
                    ["value": $0, "label": $0.isEmpty ? "(none)" : $0, "selected": $0 == value]
                }
            }
            return item
        }
        values["general"] = general
        values["hasGeneral"] = !general.isEmpty
        values["hasErrors"] = !diagnostics.isEmpty
        if let preview { values["preview"] = WebPages.preview(disclosure(user).decisionFile(preview)) }
        return try renderer.page("role-new", values, status: status)
    }

    /// One role: its versions and wage files.
    func role(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws -> Response
    {
        let spec = try await store.specs.get(try context.path("id"))
        let files = try await store.decisionFiles.list(specId: spec.id, page: PageRequest(limit: 50))
        let versions = try await store.specs.versions(spec.id)
        var values = WebPages.base(user, request, title: spec.title, section: "roles")
        values["spec"] = ["id": spec.id, "title": spec.title, "kind": spec.kind, "version": spec.currentVersion]
        values["files"] = files.items.map {
            [
                "id": $0.id, "version": $0.specVersion, "status": $0.status, "layer": $0.layer,
                "evaluatedOn": $0.evaluatedOn, "blocking": $0.blocking,
            ]
        }
        values["versions"] = versions.reversed().map {
            ["version": $0.version, "by": $0.createdBy, "at": $0.createdAt, "comment": $0.comment ?? ""]
        }
        values["canPrepare"] = Permission.prepareDecisions.allows(user.userRole)
        return try renderer.page("role", values)
    }

    func editForm(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let spec = try await store.specs.get(try context.path("id"))
        let version = try await store.specs.version(spec.id, spec.currentVersion)
        try SpecController.checkMayEdit(stored: spec, text: version.body, for: user, disclosure: disclosure(user))
        return try yamlEditor(
            request, user, spec: spec, baseVersion: spec.currentVersion, text: version.body, preview: nil,
            diagnostics: [])
    }

    /// A new version from the YAML editor: previewed until saved, refused if someone saved in between.
    func saveEdit(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let spec = try await store.specs.get(try context.path("id"))
        // Like If-Match on the API: a form without the version it was read at is refused,
        // so two saves from one base cannot both land.
        guard let expected = form["version"].flatMap({ Int($0) }) else {
            throw Problem(.preconditionRequired, "the form has lost the version it was read at; open the editor again")
        }
        let current = try await store.specs.version(spec.id, spec.currentVersion)
        try SpecController.checkMayEdit(stored: spec, text: current.body, for: user, disclosure: disclosure(user))
        let text = (form["yaml"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let read: RoleSpec
        switch reader.read(text, file: spec.id) {
        case .success(let value): read = value
        case .failure(let error):
            return try yamlEditor(
                request, user, spec: spec, baseVersion: expected, text: text, preview: nil,
                diagnostics: error.diagnostics, status: .unprocessableContent)
        }
        if read.id != spec.id {
            return try yamlEditor(
                request, user, spec: spec, baseVersion: expected, text: text, preview: nil,
                diagnostics: [
                    Diagnostic(
                        file: spec.id, location: .start, field: "id",
                        message: "must stay '\(spec.id)'; create a new role for another id")
                ], status: .unprocessableContent)
        }
        try SpecController.checkWrite(read, replacing: spec, for: user, disclosure: disclosure(user))
        let file = try SpecController.price(text, file: spec.id, environment: environment)
        guard form["action"] == "save" else {
            return try yamlEditor(
                request, user, spec: spec, baseVersion: expected, text: text, preview: file, diagnostics: [])
        }
        let (stored, _) = try await store.specs.addVersion(
            id: spec.id, expectedVersion: expected, kind: read.kind.rawValue, title: read.title,
            body: text, comment: form.text("comment") ?? "edited in the web app", by: user.principal)
        return PageRenderer.redirect("/roles/\(stored.id)")
    }

    /// `baseVersion` is the version the user started editing from, carried through previews
    /// so a save still conflicts when someone else saved in between.
    func yamlEditor(
        _ request: Request, _ user: User, spec: StoredSpec, baseVersion: Int, text: String, preview: DecisionFile?,
        diagnostics: [Diagnostic], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var values = WebPages.base(user, request, title: "Edit \(spec.title)", section: "roles")
        values["spec"] = ["id": spec.id, "title": spec.title, "version": baseVersion]
        values["text"] = disclosure(user).specText(text)
        values["diagnostics"] = diagnostics.map {
            ["where": "line \($0.line), column \($0.column)", "field": $0.field, "message": $0.message]
        }
        values["hasErrors"] = !diagnostics.isEmpty
        if let preview { values["preview"] = WebPages.preview(disclosure(user).decisionFile(preview)) }
        return try renderer.page("role-edit", values, status: status)
    }

    /// Prices the role's current version into a new wage file.
    func computeWageFile(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let spec = try await store.specs.get(try context.path("id"))
        let version = try await store.specs.version(spec.id, spec.currentVersion)
        let file = try SpecController.price(
            version.body, file: "\(spec.id)@v\(spec.currentVersion)", environment: environment)
        let stored = try await store.decisionFiles.create(
            try StoredDecisionFile(file, id: UUID().uuidString.lowercased(), specVersion: spec.currentVersion),
            by: user.principal)
        return PageRenderer.redirect("/decision-files/\(stored.id)")
    }

    /// One wage file, with the review actions the user may take.
    func wageFile(_ request: Request, _ context: AppRequestContext, _ user: User, _ form: WebForm) async throws
        -> Response
    {
        let stored = try await store.decisionFiles.get(try context.path("id"))
        let file = disclosure(user).decisionFile(try DecisionFileController.document(stored))
        var values = WebPages.base(user, request, title: "Wage file: \(file.spec.title)", section: "roles")
        var summary: [String: Any] = [
            "id": stored.id, "specId": stored.specId, "version": stored.specVersion, "status": stored.status,
            "revision": stored.revision, "blocking": stored.blocking,
        ]
        // Only what is there: an empty value would still open its section in the template.
        if let by = stored.submittedBy { summary["submittedBy"] = by }
        if stored.reviewStatus == .approved || stored.reviewStatus == .rejected {
            if let by = stored.statusBy { summary["statusBy"] = by }
            if let comment = stored.statusComment, !comment.isEmpty { summary["statusComment"] = comment }
        }
        values["file"] = summary
        values["document"] = HTMLRendering.body(file)
        let status = stored.reviewStatus
        let decides = Permission.decideReviews.allows(user.userRole) && stored.submittedBy != user.email
        values["canSubmit"] =
            Permission.prepareDecisions.allows(user.userRole) && (status?.canMove(to: .inReview) ?? false)
        values["canDecide"] = decides && status == .inReview
        values["ownSubmission"] = status == .inReview && stored.submittedBy == user.email
        return try renderer.page("decision", values)
    }

    /// Submit, approve or reject a wage file, at the revision the user read.
    func review(_ context: AppRequestContext, _ user: User, _ form: WebForm, action: String, to next: ReviewStatus)
        async throws -> Response
    {
        let id = try context.path("id")
        guard let revision = form["revision"].flatMap({ Int($0) }) else {
            throw Problem(
                .preconditionRequired, "the form has lost the revision it was read at; open the wage file again")
        }
        _ = try await DecisionFileController.review(
            id, to: next, action: action, comment: form.text("comment"),
            expectedRevision: revision, by: user, files: store.decisionFiles)
        return PageRenderer.redirect("/decision-files/\(id)")
    }
}

extension WebPages {
    /// The repriced band the editor shows before anything is saved.
    static func preview(_ file: DecisionFile) -> [String: Any] {
        let c = file.band.currency
        return [
            "layer": file.layer, "layerName": file.layerName, "currency": c,
            "min": Format.money(file.band.hourly.min), "mid": Format.money(file.band.hourly.mid),
            "max": Format.money(file.band.hourly.max),
            "annual":
                "\(Format.money(file.band.annual.min, places: 0))–\(Format.money(file.band.annual.max, places: 0)) \(c)/yr",
            "chart": BandChart.svg(file),
            "findings": file.findings.filter { $0.severity != .info }.map {
                ["severity": $0.severity.rawValue, "rule": $0.rule, "message": $0.message]
            },
            "hasFindings": file.findings.contains { $0.severity != .info },
        ]
    }
}

/// The grade of a stored decision file, read from its document without decoding the rest; nil
/// for a file computed before grades existed.
struct GradeOnly: Decodable {
    struct Grade: Decodable {
        var id: String
        var name: String
    }

    var grade: Grade?

    static func read(_ document: String) -> Grade? {
        (try? JSONDecoder().decode(GradeOnly.self, from: Data(document.utf8)))?.grade
    }
}
