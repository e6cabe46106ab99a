import ReferenceData
import WorkModel

/// Pay and contract rates on one basis, for the portfolio views. A contractor's rate is billed
/// per hour worked and carries no employer on-costs; an employee's gross pay carries
/// contributions and extras and pays for leave too. Everyone's pay on record but a contractor's
/// is an employee's gross pay: this organization's employees, and vendor workers, whom their
/// vendor employs.
enum LoadedBasis {
    static func isContractRate(_ position: PayPosition) -> Bool { position.person.employment == "contractor" }

    /// Hourly pay as an employee's gross: a contract rate divided by the load factor of the
    /// contractor's country at that pay (the gross whose loaded cost per worked hour equals the
    /// rate); anyone else's pay as it is. Nil for a contractor whose jurisdiction has no
    /// on-cost row: comparing their rate with salaries would not be like for like.
    static func employeeEquivalentHourly(_ position: PayPosition, onCosts: OnCostTable, currency: String) -> Double? {
        guard isContractRate(position) else { return position.hourly }
        guard let code = position.jurisdiction,
            let load = onCosts.grossEquivalent(code, annualLoaded: position.annual, currency: currency), load.factor > 0
        else { return nil }
        return position.hourly / load.factor
    }

    /// An employee's employer cost a year: gross x (1 + contributions) x (1 + extras). Leave
    /// needs no factor here: the annual salary already pays for the leave days, and the
    /// leave factor only turns that into a cost per hour worked. Nil without an on-cost row.
    static func annualEmployerCost(_ position: PayPosition, onCosts: OnCostTable, currency: String) -> Double? {
        guard let code = position.jurisdiction,
            let load = onCosts.load(code, annualGross: position.annual, currency: currency)
        else { return nil }
        return position.annual * (1 + load.contributionRate) * (1 + load.extrasRate)
    }
}
