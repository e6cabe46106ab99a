import Foundation
import Signal
import Testing

/// Every statistic against the reference packages on the same data (fixtures from
/// scripts/signal-oracles.py: krippendorff 0.9.0, statsmodels 0.15.0, scikit-learn 1.5.2,
/// crowd-kit 1.4.2, scipy 1.17.1).
@Suite("Reference packages")
struct ReferenceOracleTests {
    static let alphaFixtures = [
        "alpha-krippendorff-2011", "alpha-nominal-labels", "alpha-int-ragged", "alpha-half-step",
        "alpha-ordinal-labels",
        "alpha-nulls", "kappa-two-raters", "fleiss-six-raters", "edge-two-values-one-unit", "edge-pairable-identical",
    ]

    @Test("Krippendorff's alpha equals the krippendorff package to 1e-9 at every level", arguments: alphaFixtures)
    func alphaMatches(name: String) throws {
        let fixture = try Oracle.expected(name)
        let expected = try #require((fixture["expected"] as? [String: Any])?["alpha"] as? [String: Any])
        let order = (fixture["valueOrder"] as? [String])?.map { JudgmentValue(text: $0) }
        #expect(!expected.isEmpty)
        for (levelName, value) in expected {
            let level = try #require(MeasurementLevel(rawValue: levelName))
            let set = try Oracle.set(
                name, options: JudgmentSetOptions(level: level, valueOrder: level == .ordinal ? order : nil))
            if let reference = value as? Double {
                let ours = try #require(alpha(set), "\(name) \(levelName)")
                #expect(abs(ours - reference) < 1e-9, "\(name) \(levelName): \(ours) vs \(reference)")
            } else {
                #expect(alpha(set) == nil, "\(name) \(levelName): the reference gives NaN")
            }
        }
    }

    @Test("The 2011 worked example rounds to Krippendorff's published figures")
    func publishedExample() throws {
        let published: [MeasurementLevel: Double] = [.nominal: 0.743, .ordinal: 0.815, .interval: 0.849, .ratio: 0.797]
        for (level, figure) in published {
            let value = try #require(
                alpha(try Oracle.set("alpha-krippendorff-2011", options: JudgmentSetOptions(level: level))))
            #expect(abs(value - figure) < 0.0005, "\(level): \(value)")
        }
    }

    @Test(
        "Where the package raises, alpha is undefined and the report says why",
        arguments: ["edge-all-identical", "edge-single-unit-values"])
    func alphaUndefined(name: String) throws {
        let fixture = try Oracle.expected(name)
        #expect((fixture["expected"] as? [String: Any])?["alphaError"] is String)
        let report = AgreementAnalysis.report(try Oracle.set(name), files: [name])
        #expect(report.alpha == nil)
        #expect(report.alphaCI == nil)
        let reason = try #require(report.alphaUndefined)
        #expect(
            reason.contains(
                name == "edge-all-identical" ? "every pairable value is the same" : "no unit has two or more values"))
    }

    @Test(
        "Fleiss' kappa equals statsmodels",
        arguments: [
            "kappa-two-raters", "fleiss-six-raters", "edge-two-values-one-unit", "edge-all-identical",
            "edge-single-unit-values",
        ])
    func fleissMatches(name: String) throws {
        let expected = try #require(try Oracle.expected(name)["expected"] as? [String: Any])
        let ours = AgreementAnalysis.report(try Oracle.set(name), files: []).fleissKappa
        if let reference = expected["fleissKappa"] as? Double {
            let value = try #require(ours)
            #expect(abs(value - reference) < 1e-12, "\(name): \(value) vs \(reference)")
        } else {
            #expect(ours == nil)
        }
    }

    @Test(
        "Cohen's kappa (unweighted, linear, quadratic) equals scikit-learn and statsmodels",
        arguments: ["kappa-two-raters", "edge-two-values-one-unit", "edge-all-identical", "edge-pairable-identical"])
    func cohenMatches(name: String) throws {
        let expected = try #require(try Oracle.expected(name)["expected"] as? [String: Any])
        let result = try #require(CohenKappa.compute(try Oracle.set(name)))
        for key in ["cohenKappa", "cohenKappaStatsmodels"] {
            let reference = try #require(expected[key] as? [String: Any])
            for (weighting, ours) in [
                ("unweighted", result.unweighted), ("linear", result.linear), ("quadratic", result.quadratic),
            ] {
                if let value = reference[weighting] as? Double {
                    let mine = try #require(ours, "\(name) \(weighting)")
                    #expect(abs(mine - value) < 1e-12, "\(name) \(key) \(weighting): \(mine) vs \(value)")
                } else {
                    #expect(ours == nil, "\(name) \(weighting): the reference gives NaN")
                }
            }
        }
    }

    @Test(
        "Dawid-Skene equals crowd-kit: iterations, loss history, priors, confusion matrices, posteriors, labels",
        arguments: ["ds-small", "ds-small-fixed", "ds-ragged", "ds-tie-break"])
    func dawidSkeneMatches(name: String) throws {
        let reference = try #require(
            (try Oracle.expected(name)["expected"] as? [String: Any])?["dawidSkene"] as? [String: Any])
        let settings = try #require(reference["settings"] as? [String: Any])
        let tolerance = (settings["tol"] as? Double) ?? -Double.infinity
        let set = try Oracle.set(name)
        let fit = DawidSkene.fit(
            set,
            options: DawidSkeneOptions(maxIterations: try #require(settings["nIter"] as? Int), tolerance: tolerance))
        #expect(fit.iterations == reference["iterations"] as? Int)
        let history = try #require(reference["lossHistory"] as? [Double])
        #expect(fit.lossHistory.count == history.count)
        for (ours, theirs) in zip(fit.lossHistory, history) { #expect(abs(ours - theirs) < 1e-9) }
        let priors = try #require(reference["priors"] as? [String: Double])
        for (label, p) in priors {
            let code = try #require(set.domain.code(of: JudgmentValue(text: label)))
            #expect(abs(fit.priors[code] - p) < 1e-9, "prior \(label)")
        }
        let errors = try #require(reference["errors"] as? [String: [String: [String: Double]]])
        let k = fit.classCount
        for (reviewer, byTrue) in errors {
            let r = try #require(set.reviewers.firstIndex(of: reviewer))
            for (trueLabel, byObserved) in byTrue {
                let c = try #require(set.domain.code(of: JudgmentValue(text: trueLabel)))
                for (observed, p) in byObserved {
                    let l = try #require(set.domain.code(of: JudgmentValue(text: observed)))
                    #expect(abs(fit.errors[r][l * k + c] - p) < 1e-9, "\(reviewer) \(observed)|\(trueLabel)")
                }
            }
        }
        let posteriors = try #require(reference["posteriors"] as? [String: [String: Double]])
        let ours = fit.posteriorsByItem()
        #expect(ours.count == posteriors.count)
        var worst = 0.0
        for (item, byLabel) in posteriors {
            let row = try #require(ours[item])
            for (label, p) in byLabel {
                let code = try #require(set.domain.code(of: JudgmentValue(text: label)))
                worst = max(worst, abs(row[code] - p))
            }
        }
        #expect(worst < 1e-9, "largest posterior difference \(worst)")
        let labels = try #require(reference["labels"] as? [String: String])
        let mine = Dictionary(
            uniqueKeysWithValues: fit.labels().map { ($0.item, set.domain.values[$0.code].description) })
        #expect(mine == labels)
    }

    @Test(
        "Bradley-Terry: two MM updates equal crowd-kit (which stops there), more equal its fixed-iteration runs",
        arguments: ["bt-small", "bt-fixed-iterations", "bt-never-wins"])
    func bradleyTerryMatches(name: String) throws {
        let reference = try #require(
            (try Oracle.expected(name)["expected"] as? [String: Any])?["bradleyTerry"] as? [String: Any])
        let settings = try #require(reference["settings"] as? [String: Any])
        let fixedIterations = (settings["tol"] as? String) == "-inf"
        let set = try Oracle.set(name, options: JudgmentSetOptions(pairwise: true))
        let iterations = fixedIterations ? try #require(settings["nIter"] as? Int) : 2
        let fit = BradleyTerry.fit(PairwiseAnalysis.tallies(set), maxIterations: iterations, tolerance: -.infinity)
        #expect(fit.iterations == iterations)
        let scores = try #require(reference["scores"] as? [String: Double])
        #expect(scores.count == set.options.count)
        for (option, score) in scores {
            let i = try #require(set.options.firstIndex(of: option))
            #expect(abs(fit.scores[i] - score) < 1e-12, "\(option): \(fit.scores[i]) vs \(score)")
        }
    }

    @Test("Bradley-Terry with ties reaches the Davidson maximum-likelihood fit scipy finds")
    func davidsonTies() throws {
        let reference = try #require(
            (try Oracle.expected("bt-ties")["expected"] as? [String: Any])?["bradleyTerryTies"] as? [String: Any])
        let set = try Oracle.set("bt-ties", options: JudgmentSetOptions(pairwise: true))
        let fit = BradleyTerry.fit(PairwiseAnalysis.tallies(set))
        #expect(fit.converged)
        let scores = try #require(reference["scores"] as? [String: Double])
        for (option, score) in scores {
            let i = try #require(set.options.firstIndex(of: option))
            #expect(abs(fit.scores[i] - score) < 1e-8, "\(option): \(fit.scores[i]) vs \(score)")
        }
        let nu = try #require(reference["tieParameter"] as? Double)
        #expect(abs(fit.tieParameter - nu) < 1e-8)
        let ll = try #require(reference["logLikelihood"] as? Double)
        #expect(abs(fit.logLikelihood - ll) < 1e-8)
    }
}
