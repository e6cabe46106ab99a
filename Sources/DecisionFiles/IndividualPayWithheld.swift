import WorkModel

/// The decision file as a reader who may not see individual pay receives it: the internal
/// candidates' names, titles, pay, compa-ratios, costs and evidence are taken out, and every
/// place that carried them says so, so the reader knows something is withheld rather than
/// absent. The band, findings and answers about the role itself are untouched.
///
/// Who may see individual pay is decided elsewhere (the server's disclosure policy); this is
/// only what "withheld" means for a decision file.
extension DecisionFile {
    /// The finding rules whose message or evidence describe a named person's pay.
    public static let personalRules: Set<String> = ["internal-candidate-below-band"]
    /// The question whose facts list each candidate (question 9, "which internal employees could qualify").
    static let candidateQuestion = 9

    /// This file as a reader who may not see individual pay receives it: the internal candidates
    /// removed, the findings in ``personalRules`` and question 9's facts redacted, and a notice in
    /// `withheld`; the file itself when it names no internal candidate.
    public func withholdingIndividualPay() -> DecisionFile {
        guard !pathUpward.internalCandidates.isEmpty else { return self }
        var file = self
        let count = pathUpward.internalCandidates.count
        let people = count == 1 ? "1 internal candidate" : "\(count) internal candidates"
        let notice =
            "\(people): name, current pay, compa-ratio and cost to the band withheld (individual pay is shown to the admin and compensation roles only)"
        file.withheld = (withheld ?? []) + [notice]
        file.pathUpward.internalCandidates = []
        file.findings = findings.map { finding in
            guard Self.personalRules.contains(finding.rule) else { return finding }
            var redacted = finding
            redacted.message =
                "An internal candidate could do this work but is paid below the band minimum: hiring externally at the band would compress or invert their pay."
            redacted.evidence =
                finding.evidence.filter { $0.hasPrefix("band minimum") } + ["the candidate's name and pay: withheld"]
            return redacted
        }
        file.questions = questions.map { answer in
            guard answer.number == Self.candidateQuestion else { return answer }
            var redacted = answer
            redacted.facts = [notice]
            return redacted
        }
        return file
    }
}
