import Compliance
import WorkModel

extension DataPaymentFigures {
    /// Money to cents and shares to four places, once, as the builder rounds every figure.
    func rounded() -> DataPaymentFigures {
        func money(_ value: Double?) -> Double? { value.map { Format.round($0, places: 2) } }
        func share(_ value: Double?) -> Double? { value.map { Format.round($0, places: 4) } }
        var copy = self
        copy.recordedHoursPerWeek = Format.round(recordedHoursPerWeek, places: 2)
        copy.recordedHoursPerMonth = Format.round(recordedHoursPerMonth, places: 2)
        copy.buyerPerFootageHour = money(buyerPerFootageHour)
        copy.buyerPerWorkerMonth = money(buyerPerWorkerMonth)
        copy.workerPerRecordedHour = Format.round(workerPerRecordedHour, places: 2)
        copy.workerPerMonth = Format.round(workerPerMonth, places: 2)
        copy.workerPerConsent = money(workerPerConsent)
        copy.workerShareOfBuyerPrice = share(workerShareOfBuyerPrice)
        copy.facilityPerFootageHour = money(facilityPerFootageHour)
        copy.facilityShareOfBuyerPrice = share(facilityShareOfBuyerPrice)
        copy.facilityAccessFeePerMonth = money(facilityAccessFeePerMonth)
        copy.sellerShareOfBuyerPrice = share(sellerShareOfBuyerPrice)
        copy.monthlyWage = money(monthlyWage)
        copy.shareOfWage = share(shareOfWage)
        return copy
    }
}

/// The data payment rows both text renderings share, and the contract terms a buyer should
/// require of a data vendor, each tied to the findings it answers.
enum DataPaymentText {
    static func rows(_ figures: DataPaymentFigures) -> [(String, String)] {
        let c = figures.currency
        func money(_ value: Double?) -> String { value.map { "\(Format.money($0)) \(c)" } ?? "not stated" }
        func share(_ value: Double?) -> String { value.map { Format.percent($0, places: 1) } ?? "not known" }
        var rows: [(String, String)] = [
            (
                "Recorded hours",
                "\(Format.number(figures.recordedHoursPerWeek)) a week, \(Format.number(figures.recordedHoursPerMonth)) a month"
            ),
            (
                "Buyer pays",
                figures.buyerPerFootageHour.map {
                    "\(money($0)) per hour of footage, \(money(figures.buyerPerWorkerMonth)) per worker-month"
                } ?? "not stated"
            ),
            (
                "Worker's data payment",
                "\(money(figures.workerPerRecordedHour)) per recorded hour, \(money(figures.workerPerMonth)) a month"
                    + (figures.workerPerConsent.map { "; \(money($0)) once for consent" } ?? "")
                    + (figures.workerRoyaltyShare.map {
                        "; royalty \(Format.percent($0, places: 1)) of later licensing"
                    } ?? "")
            ),
            (
                "Worker's share of what the buyer pays",
                share(figures.workerShareOfBuyerPrice)
                    + " (policy minimum \(Format.percent(figures.threshold, places: 0)): \(figures.thresholdBasis))"
            ),
        ]
        if figures.facilityPerFootageHour != nil || figures.facilityAccessFeePerMonth != nil {
            rows.append(
                (
                    "Facility's share",
                    share(figures.facilityShareOfBuyerPrice)
                        + (figures.facilityAccessFeePerMonth.map { "; access fee \(money($0)) a month" } ?? "")
                ))
        }
        if let fund = figures.fundShareOfBuyerPrice {
            rows.append(("\(figures.fundName ?? "Worker fund")'s share", share(fund)))
        }
        if let seller = figures.sellerShareOfBuyerPrice { rows.append(("Kept by the data company", share(seller))) }
        rows.append(
            (
                "Data payment beside the wage",
                figures.shareOfWage.map {
                    "\(Format.percent($0, places: 1)) of the monthly wage (\(money(figures.monthlyWage)))"
                } ?? "no wage stated"
            ))
        return rows
    }

    static func markdown(_ file: DecisionFile) -> String {
        var out = ""
        if let figures = file.compliance.dataRights.payment {
            out += "\n## Data payment\n\n| | |\n|---|---|\n"
            for (label, value) in rows(figures) { out += "| \(label) | \(MarkdownRendering.cell(value)) |\n" }
            for note in figures.notes { out += "\n\(note)\n" }
        }
        if let clauses = file.dataClauses, !clauses.isEmpty {
            out +=
                "\n## Contract terms to require of the data vendor\n\nPaste into the data-supply agreement; each term answers the findings named.\n\n"
            for (index, clause) in clauses.enumerated() {
                out +=
                    "\(index + 1). **\(clause.title).** \(clause.text)"
                    + (clause.answers.isEmpty
                        ? "" : " *(Answers: \(clause.answers.map { "`\($0)`" }.joined(separator: ", ")).)*") + "\n"
            }
        }
        return out
    }

    static func html(_ file: DecisionFile) -> String {
        var body = ""
        if let figures = file.compliance.dataRights.payment {
            body += "<section><h2>Data payment</h2><dl class=\"summary\">"
            for (label, value) in rows(figures) {
                body += HTMLRendering.item(HTMLRendering.e(label), HTMLRendering.e(value))
            }
            body += "</dl>" + figures.notes.map { "<p>\(HTMLRendering.e($0))</p>" }.joined() + "</section>"
        }
        if let clauses = file.dataClauses, !clauses.isEmpty {
            body += "<section><h2>Contract terms to require of the data vendor</h2><ol>"
            for clause in clauses {
                body += "<li><strong>\(HTMLRendering.e(clause.title)).</strong> \(HTMLRendering.e(clause.text))"
                if !clause.answers.isEmpty {
                    body +=
                        " <small>Answers: \(clause.answers.map { "<code>\(HTMLRendering.e($0))</code>" }.joined(separator: ", "))</small>"
                }
                body += "</li>"
            }
            body += "</ol></section>"
        }
        return body
    }
}
