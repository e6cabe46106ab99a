import DecisionFiles
import Portfolio
import Specs
import Storage
import WorkModel

/// What one reader may see of individual pay: the one place that decides it. Every way out of
/// the server that can carry a named person's pay, or something that identifies the person a
/// pay figure belongs to, asks here: decision files in every format and on their page, spec
/// text and diffs, people records, and aggregates built from pay.
///
/// Admin and compensation see everything. Every other role gets the same document with the
/// personal parts withheld, visibly, and aggregates with groups smaller than
/// `minimumGroupSize` withheld (with the cells that would give them back).
struct Disclosure: Sendable {
    let seesIndividualPay: Bool
    let minimumGroupSize: Int

    init(_ user: User, minimumGroupSize: Int) {
        seesIndividualPay = user.userRole.seesIndividualPay
        self.minimumGroupSize = minimumGroupSize
    }

    func decisionFile(_ file: DecisionFile) -> DecisionFile {
        seesIndividualPay ? file : file.withholdingIndividualPay()
    }

    func specText(_ text: String) -> String {
        seesIndividualPay ? text : SpecTextWithheld.text(text)
    }

    func specVersion(_ version: SpecVersion) -> SpecVersion {
        var shown = version
        shown.body = specText(version.body)
        return shown
    }

    func person(_ person: Person) -> Person {
        seesIndividualPay ? person : person.withoutPay
    }

    func cost(_ report: CostReport) -> CostReport {
        seesIndividualPay ? report : report.withholdingSmallGroups(minimum: minimumGroupSize)
    }

    /// Whether the reader may change a spec whose stored text they are shown only in part:
    /// saving what they see would drop the withheld people from the spec.
    func mayEdit(storedText text: String) -> Bool {
        seesIndividualPay || SpecTextWithheld.text(text) == text
    }
}

extension AppRequestContext {
    /// The disclosure policy for the signed-in user.
    func disclosure(_ environment: ServerEnvironment) throws -> Disclosure {
        Disclosure(try signedInUser, minimumGroupSize: environment.minimumGroupSize)
    }
}
