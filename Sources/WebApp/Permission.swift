package import Storage

/// What an endpoint requires. Each route names one; `allows` is the whole authorization policy.
package enum Permission: String, Sendable, CaseIterable {
    /// No sign-in: health, metrics, the OpenAPI document, signing in.
    case everyone
    /// Any signed-in user: their own account, tokens, pricing a spec without storing it.
    case signedIn
    /// Specs, decision files, vendors, datasets, market data, people (pay hidden unless allowed).
    case read
    case writeSpecs
    /// Compute a decision file for a stored spec version and send it for review.
    case prepareDecisions
    /// Approve or reject a decision file in review.
    case decideReviews
    case writePeople
    case writeVendors
    case writeDatasets
    case writeMarketData
    case readAudit
    /// Views built from individual pay: compression, pay equity, the path upward.
    case readPay
    /// Aggregated spend: the consolidated cost by layer, budget owner and model.
    case readFinance
    case admin

    package func allows(_ role: UserRole) -> Bool {
        switch self {
        case .everyone, .signedIn, .read: true
        case .writeSpecs, .prepareDecisions: [.admin, .compensation, .procurement].contains(role)
        case .decideReviews, .writePeople, .writeMarketData, .readAudit: [.admin, .compensation].contains(role)
        case .writeVendors: [.admin, .procurement].contains(role)
        case .readPay: role.seesIndividualPay
        case .readFinance: role.seesVendorSpend
        case .writeDatasets: [.admin, .procurement, .compensation].contains(role)
        case .admin: role == .admin
        }
    }

    /// Wording for a 403: "the viewer role may not <this>".
    var action: String {
        switch self {
        case .everyone, .signedIn, .read: "read this"
        case .writeSpecs: "create or edit specs"
        case .prepareDecisions: "compute decision files or send them for review"
        case .decideReviews: "approve or reject decision files"
        case .writePeople: "change people or their pay"
        case .writeVendors: "change vendors"
        case .writeDatasets: "change datasets"
        case .writeMarketData: "import or delete market data"
        case .readAudit: "read the audit log"
        case .readPay: "see individual pay or the views built from it"
        case .readFinance: "see spend"
        case .admin: "manage users or verify the audit log"
        }
    }
}

extension UserRole {
    /// Individual pay (a person's salary or rate) is shown to these roles only.
    package var seesIndividualPay: Bool { self == .admin || self == .compensation }
    /// Vendor spend is commercial, not personal: finance sees it too.
    package var seesVendorSpend: Bool { self != .viewer }
}
