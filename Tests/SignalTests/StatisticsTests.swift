import Foundation
import Signal
import Testing

/// Hand-worked cases for the statistics no reference package computes the same way.
@Suite("Agreement statistics")
struct StatisticsTests {
    /// Three items, three reviewers: a = (x, x, y), b = (y, y), c = (x) alone.
    static let small = """
        {"item":"a","reviewer":"r1","value":"x"}
        {"item":"a","reviewer":"r2","value":"x"}
        {"item":"a","reviewer":"r3","value":"y"}
        {"item":"b","reviewer":"r1","value":"y"}
        {"item":"b","reviewer":"r3","value":"y"}
        {"item":"c","reviewer":"r2","value":"x"}
        """

    @Test("Percent agreement, each reviewer's agreement with the others, and the units that enter alpha, by hand")
    func handWorked() throws {
        let report = AgreementAnalysis.report(try Sample.jsonl(Self.small), files: ["small"])
        #expect(report.units == 3 && report.pairableUnits == 2 && report.judgments == 6)
        // Item a: 1 agreeing pair of 3; item b: 1 of 1. Mean over items: (1/3 + 1) / 2.
        #expect(abs((report.percentAgreement ?? 0) - 2.0 / 3.0) < 1e-15)
        // r1: on a agrees with r2 (1 of 2 others), on b with r3 (1 of 1): 2 of 3.
        // r2: on a 1 of 2; never paired on c: 1 of 2. r3: on a 0 of 2, on b 1 of 1: 1 of 3.
        let agreement = Dictionary(uniqueKeysWithValues: report.reviewers.map { ($0.id, $0.agreementWithOthers) })
        #expect(agreement["r1"] == 2.0 / 3.0)
        #expect(agreement["r2"] == 0.5)
        #expect(agreement["r3"] == 1.0 / 3.0)
        // Coincidences: a gives o_xx = 1, o_xy = o_yx = 1; b gives o_yy = 2. n_x = 2, n_y = 3, n = 5.
        // alpha = 1 - (n - 1) * D_o / D_e = 1 - 4 * 2 / (2 * 2 * 3) = 1/3.
        #expect(abs((report.alpha ?? 0) - 1.0 / 3.0) < 1e-15)
        #expect(report.notes.contains("1 items have a single value and do not enter alpha or kappa."))
    }

    @Test(
        "The bootstrap interval is seeded: the same seed gives the same interval, another seed another, and it brackets alpha"
    )
    func bootstrapSeeded() throws {
        let set = try Oracle.set("alpha-nominal-labels")
        var options = AgreementOptions()
        options.bootstrapReplicates = 500
        let first = AgreementAnalysis.report(set, files: [], options: options)
        let again = AgreementAnalysis.report(set, files: [], options: options)
        options.seed = 7
        let other = AgreementAnalysis.report(set, files: [], options: options)
        let ci = try #require(first.alphaCI)
        let alpha = try #require(first.alpha)
        #expect(ci == again.alphaCI)
        #expect(ci != other.alphaCI)
        #expect(ci.lower < alpha && alpha < ci.upper)
        #expect(ci.upper - ci.lower < 0.2)
        #expect(ci.replicates == 500)
    }

    @Test("The Poisson bootstrap's spread matches resampling units directly")
    func bootstrapSpread() throws {
        // 2,000 items resampled as whole items: the standard error from 400 classic
        // (multinomial) resamples and from the pattern bootstrap agree within 20%.
        let set = try Oracle.set("alpha-int-ragged", options: JudgmentSetOptions(level: .interval))
        var options = AgreementOptions()
        options.bootstrapReplicates = 400
        let ci = try #require(AgreementAnalysis.report(set, files: [], options: options).alphaCI)
        var units: [[(String, Double)]] = []
        var byItem: [String: [(String, Double)]] = [:]
        set.forEach { item, reviewer, value, _ in
            if let v = value?.number { byItem[item, default: []].append((reviewer, v)) }
        }
        units = Array(byItem.values)
        var random = SeededRandom(seed: 3)
        var estimates: [Double] = []
        for _ in 0..<400 {
            var lines: [String] = []
            for index in 0..<units.count {
                let unit = units[Int(random.next() % UInt64(units.count))]
                for (reviewer, value) in unit {
                    lines.append("{\"item\":\"u\(index)\",\"reviewer\":\"\(reviewer)\",\"value\":\(value)}")
                }
            }
            let resampled = try Sample.jsonl(
                lines.joined(separator: "\n"), options: JudgmentSetOptions(level: .interval))
            if let a = alpha(resampled) { estimates.append(a) }
        }
        estimates.sort()
        let classicWidth = estimates[389] - estimates[9]
        let ratio = (ci.upper - ci.lower) / classicWidth
        #expect(ratio > 0.8 && ratio < 1.25, "pattern bootstrap width / classic width = \(ratio)")
    }

    @Test("Calibration windows against gold flag a reviewer whose accuracy falls, and not a steady one")
    func calibrationDrift() throws {
        var lines: [String] = []
        var gold: [(item: String, value: JudgmentValue)] = []
        let start = 1_793_577_600  // 2026-11-02
        for day in 0..<28 {
            for n in 0..<10 {
                let item = "g\(day)-\(n)"
                gold.append((item, .label("right")))
                let time = start + day * 86_400 + n * 60
                // steady: 90% right every week; drifting: 90% for two weeks, then 50%.
                let steady = n == 0 ? "wrong" : "right"
                let drifting = day >= 14 && n % 2 == 0 ? "wrong" : (n == 0 ? "wrong" : "right")
                lines.append("{\"item\":\"\(item)\",\"reviewer\":\"steady\",\"value\":\"\(steady)\",\"time\":\(time)}")
                lines.append(
                    "{\"item\":\"\(item)\",\"reviewer\":\"drifting\",\"value\":\"\(drifting)\",\"time\":\(time)}")
            }
        }
        var collector = JudgmentCollector(partitions: 2)
        try Data(lines.joined(separator: "\n").utf8).withUnsafeBytes {
            try collector.readJSONLines($0, file: "c.jsonl")
        }
        collector.addGold(gold, file: "gold.jsonl")
        let report = AgreementAnalysis.report(try collector.finish(), files: [])
        #expect(report.driftedReviewers == ["drifting"])
        let drifting = try #require(report.reviewers.first { $0.id == "drifting" })
        let windows = try #require(drifting.calibration)
        #expect(windows.map(\.start) == ["2026-10-29", "2026-11-05", "2026-11-12", "2026-11-19", "2026-11-26"])
        #expect(windows.allSatisfy { $0.against == "gold" })
        let drift = try #require(drifting.drift)
        #expect(drift.window == "2026-11-12")
        #expect(drift.drop >= 0.1)
        #expect(report.reviewers.first { $0.id == "steady" }?.drift == nil)
    }

    @Test("Pairwise: useful pairs need two judges, a preference, and the agreement share; ties are not preferences")
    func usefulPairs() throws {
        let text = """
            {"item":"p1","reviewer":"r1","value":"a","a":"m1","b":"m2"}
            {"item":"p1","reviewer":"r2","value":"a","a":"m1","b":"m2"}
            {"item":"p2","reviewer":"r1","value":"a","a":"m1","b":"m3"}
            {"item":"p2","reviewer":"r2","value":"b","a":"m1","b":"m3"}
            {"item":"p3","reviewer":"r1","value":"tie","a":"m2","b":"m3"}
            {"item":"p3","reviewer":"r2","value":"tie","a":"m2","b":"m3"}
            {"item":"p4","reviewer":"r1","value":"b","a":"m2","b":"m3"}
            """
        let report = AgreementAnalysis.report(
            try Sample.jsonl(text, options: JudgmentSetOptions(pairwise: true)), files: [])
        let pairs = try #require(report.pairs)
        #expect(pairs.pairItems == 4 && pairs.comparisons == 7 && pairs.ties == 2)
        #expect(pairs.usefulPairs == 1)
        #expect(pairs.usefulShare == 0.25)
        #expect(pairs.scores.first?.option == "m1")
        let problems = Sample.problems {
            _ = try Sample.jsonl(
                "{\"item\":\"p\",\"reviewer\":\"r\",\"value\":\"left\",\"a\":\"x\",\"b\":\"y\"}",
                options: JudgmentSetOptions(pairwise: true))
        }
        #expect(problems == ["t.jsonl:1:1: value: 'left' is not a pairwise choice; expected a, b or tie"])
    }

    @Test("Bradley-Terry converges to a point where the likelihood's gradient vanishes")
    func bradleyTerryConverges() throws {
        let set = try Oracle.set("bt-small", options: JudgmentSetOptions(pairwise: true))
        let tallies = PairwiseAnalysis.tallies(set)
        let fit = BradleyTerry.fit(tallies)
        #expect(fit.converged)
        #expect(abs(fit.scores.reduce(0, +) - 1) < 1e-12)
        // Moving any score a little (then renormalising) never raises the log-likelihood.
        for i in 0..<fit.scores.count {
            for step in [1.001, 0.999] {
                var moved = fit.scores
                moved[i] *= step
                let sum = moved.reduce(0, +)
                moved = moved.map { $0 / sum }
                #expect(BradleyTerry.logLikelihood(tallies, moved, 0) <= fit.logLikelihood + 1e-12)
            }
        }
    }

    @Test("Dawid-Skene recovers planted labels better than majority vote on noisy reviewers")
    func dawidSkeneBeatsMajority() throws {
        var random = SeededRandom(seed: 11)
        var lines: [String] = []
        var truth: [String: Int] = [:]
        let accuracy = [0.9, 0.85, 0.8, 0.3, 0.3]  // two reviewers mostly wrong
        for i in 0..<600 {
            let t = Int(random.next() % 3)
            truth["i\(i)"] = t
            for (r, a) in accuracy.enumerated() {
                let label = random.uniform() < a ? t : (t + 1 + Int(random.next() % 2)) % 3
                lines.append("{\"item\":\"i\(i)\",\"reviewer\":\"r\(r)\",\"value\":\"c\(label)\"}")
            }
        }
        let set = try Sample.jsonl(lines.joined(separator: "\n"))
        let fit = DawidSkene.fit(set)
        #expect(fit.converged)
        let correct = fit.labels().filter { truth[$0.item] == $0.code }.count
        #expect(Double(correct) / 600 > 0.93)
        let estimated = (0..<5).compactMap { fit.reviewerAccuracy($0) }
        #expect(estimated[0] > 0.8 && estimated[3] < 0.45)
    }
}
