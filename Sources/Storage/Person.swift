package import WorkModel

extension Person: StoredRecord {
    package static let table = "people"
    package static let entity = "person"
    package static let filters = [
        "employment": "employment", "workLayer": "work_layer", "band": "band", "managerId": "manager_id",
        "specId": "spec_id", "budgetOwner": "budget_owner", "location": "location",
    ]
    package static let sortColumn = "name"

    package func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        Check.required(name, "name", into: &problems)
        Check.oneOf(employment, Person.employmentKinds, "employment", into: &problems)
        Check.money(payMinor, currency, "payMinor", "currency", into: &problems)
        Check.pay(payMinor, basis: payBasis, "payMinor", into: &problems)
        Check.oneOf(payBasis, Person.payBases, "payBasis", into: &problems)
        if let variable = variablePayMinor {
            if variable < 0 { problems.append(FieldProblem("variablePayMinor", "must be 0 or more (got \(variable))")) }
            if currency == nil {
                problems.append(FieldProblem("currency", "is required when variablePayMinor is given"))
            }
        }
        if payMinor != nil && payBasis == nil {
            problems.append(FieldProblem("payBasis", "is required when payMinor is given"))
        }
        Check.oneOf(workLayer, Check.workLayers, "workLayer", into: &problems)
        Check.date(hireDate, "hireDate", into: &problems)
        if let hours = hoursPerWeek, !(hours > 0 && hours <= 100) {
            problems.append(FieldProblem("hoursPerWeek", "must be more than 0 and at most 100 (got \(hours))"))
        }
        if groupLabels == nil {
            problems.append(
                FieldProblem("equityGroups", "must be key=value pairs separated by ';' (got '\(equityGroups ?? "")')"))
        }
        for (value, field) in [
            (externalId, "externalId"), (title, "title"), (band, "band"), (legacyBand, "legacyBand"),
            (location, "location"), (specId, "specId"), (budgetOwner, "budgetOwner"),
            (reviewerId, "reviewerId"), (equityGroups, "equityGroups"),
        ] {
            Check.length(value, field, into: &problems)
        }
        if managerId == id { problems.append(FieldProblem("managerId", "a person cannot manage themselves")) }
        return problems
    }
}
