import Foundation
import WorkModel

/// The agreement report as JSON (`wagefile.agreement/v1`), Markdown and a self-contained HTML page.
public enum AgreementRendering {
    /// The report as pretty-printed JSON (`wagefile.agreement/v1`) with a final newline; nil fields
    /// are left out and non-finite numbers are written as the strings `inf`, `-inf`, `nan`.
    public static func json(_ report: AgreementReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(report) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func number(_ value: Double?, places: Int = 4) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.\(places)f", value)
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.1f%%", value * 100)
    }

    /// Krippendorff's (2004) reading of alpha: 0.800 for conclusions, 0.667 for tentative ones.
    static func reading(_ alpha: Double?) -> String {
        guard let alpha else { return "undefined" }
        if alpha >= 0.8 { return "reliable (alpha >= 0.800)" }
        if alpha >= 0.667 { return "tentative only (0.667 <= alpha < 0.800)" }
        return "not reliable (alpha < 0.667)"
    }

    /// The report as Markdown: a table of the measures (with Krippendorff's reading of alpha:
    /// reliable from 0.800, tentative from 0.667), one row per reviewer and, for pairwise
    /// judgments, the preference scores. Figures to four places, shares as percentages.
    public static func markdown(_ r: AgreementReport) -> String {
        var out = "# Agreement: \(r.files.joined(separator: ", "))\n\n"
        if let rubric = r.rubric { out += "Rubric: \(rubric)\n\n" }
        out += "| measure | value |\n|---|---|\n"
        out += "| level | \(r.level.rawValue) |\n"
        out += "| items (with two or more values) | \(r.units) (\(r.pairableUnits)) |\n"
        out += "| judgments (without a value) | \(r.judgments) (\(r.missingValues)) |\n"
        out += "| reviewers | \(r.reviewerCount) |\n"
        out += "| Krippendorff's alpha | \(r.alpha.map { number($0) } ?? "undefined: \(r.alphaUndefined ?? "")") |\n"
        if let ci = r.alphaCI {
            out +=
                "| \(Int(ci.confidence * 100))% interval | \(number(ci.lower)) to \(number(ci.upper)) (\(ci.replicates) replicates, seed \(ci.seed)) |\n"
        }
        out += "| reading | \(reading(r.alpha)) |\n"
        out += "| Fleiss' kappa | \(number(r.fleissKappa)) |\n"
        out += "| Gwet's AC1 | \(number(r.gwetAC1)) |\n"
        out += "| percent agreement | \(percent(r.percentAgreement)) |\n"
        if let c = r.cohenKappa {
            out +=
                "| Cohen's kappa (unweighted / linear / quadratic) | \(number(c.unweighted)) / \(number(c.linear)) / \(number(c.quadratic)) |\n"
        }
        if let ds = r.dawidSkene {
            out +=
                "| Dawid-Skene | \(ds.iterations) iterations\(ds.converged ? "" : ", not converged"), mean posterior \(number(ds.meanPosterior)) |\n"
        }
        if let p = r.pairs {
            out +=
                "| useful pairs (agreement >= \(percent(p.usefulAgreement))) | \(p.usefulPairs) of \(p.pairItems) (\(percent(p.usefulShare))) |\n"
        }
        for judge in r.judges ?? [] {
            out +=
                "| judge \(judge.judge) vs human consensus | agreement \(percent(judge.agreement)), kappa "
                + "\(number(judge.kappa)), base rate \(percent(judge.baseRate)), \(judge.items) items "
                + "(\(judge.tiedItems) tied left out); gold \(percent(judge.goldAccuracy)) vs humans \(percent(judge.humanGoldAccuracy)) |\n"
        }
        out +=
            "\n## Reviewers\n\n| reviewer | judgments | agreement with others | gold | gold accuracy | estimated accuracy | drift |\n|---|---|---|---|---|---|---|\n"
        for q in r.reviewers {
            let drift = q.drift.map { "from \($0.window): \(percent($0.accuracy)) vs \(percent($0.baseline))" } ?? ""
            out +=
                "| \(q.id) | \(q.judgments) | \(percent(q.agreementWithOthers)) | \(q.goldJudgments) | \(percent(q.goldAccuracy)) | \(percent(q.estimatedAccuracy)) | \(drift) |\n"
        }
        if let p = r.pairs {
            out +=
                "\n## Preference scores (Bradley-Terry\(p.ties > 0 ? ", Davidson ties" : ""))\n\n| option | score | wins | losses | ties |\n|---|---|---|---|---|\n"
            for s in p.scores.prefix(100) {
                out += "| \(s.option) | \(number(s.score, places: 6)) | \(s.wins) | \(s.losses) | \(s.ties) |\n"
            }
        }
        if !r.notes.isEmpty { out += "\n" + r.notes.map { "- \($0)" }.joined(separator: "\n") + "\n" }
        return out
    }

    static func escape(_ text: String) -> String { Format.html(text) }

    /// The main measures and the reviewer table as one self-contained HTML page (inline style, no
    /// scripts); text from the input is escaped.
    public static func html(_ r: AgreementReport) -> String {
        var rows = ""
        for q in r.reviewers {
            rows +=
                "<tr><td>\(escape(q.id))</td><td>\(q.judgments)</td><td>\(percent(q.agreementWithOthers))</td><td>\(q.goldJudgments)</td><td>\(percent(q.goldAccuracy))</td><td>\(percent(q.estimatedAccuracy))</td><td>\(q.drift.map { "drift from \($0.window)" } ?? "")</td></tr>\n"
        }
        let title = "Agreement: \(escape(r.files.joined(separator: ", ")))"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .6rem;text-align:left}</style>
            </head><body>
            <h1>\(title)</h1>
            <table><caption>Agreement beyond chance</caption>
            <tr><th scope="row">Level</th><td>\(r.level.rawValue)</td></tr>
            <tr><th scope="row">Items (two or more values)</th><td>\(r.units) (\(r.pairableUnits))</td></tr>
            <tr><th scope="row">Judgments</th><td>\(r.judgments)</td></tr>
            <tr><th scope="row">Reviewers</th><td>\(r.reviewerCount)</td></tr>
            <tr><th scope="row">Krippendorff's alpha</th><td>\(r.alpha.map { number($0) } ?? "undefined: " + escape(r.alphaUndefined ?? ""))\(r.alphaCI.map { " (\(Int($0.confidence * 100))% interval \(number($0.lower)) to \(number($0.upper)))" } ?? "")</td></tr>
            <tr><th scope="row">Reading</th><td>\(reading(r.alpha))</td></tr>
            <tr><th scope="row">Fleiss' kappa</th><td>\(number(r.fleissKappa))</td></tr>
            <tr><th scope="row">Gwet's AC1</th><td>\(number(r.gwetAC1))</td></tr>
            <tr><th scope="row">Percent agreement</th><td>\(percent(r.percentAgreement))</td></tr>
            </table>
            <h2>Reviewers</h2>
            <table><tr><th scope="col">Reviewer</th><th scope="col">Judgments</th><th scope="col">Agreement with others</th><th scope="col">Gold judgments</th><th scope="col">Gold accuracy</th><th scope="col">Estimated accuracy</th><th scope="col">Drift</th></tr>
            \(rows)</table>
            \(r.notes.isEmpty ? "" : "<ul>" + r.notes.map { "<li>\(escape($0))</li>" }.joined() + "</ul>")
            </body></html>

            """
    }
}

/// CSV cell quoting for exports.
public enum CSVText {
    /// A CSV cell: the text itself, or quoted with doubled quotes when it holds a comma, quote,
    /// CR or LF (RFC 4180).
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
