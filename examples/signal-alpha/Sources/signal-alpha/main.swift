// Reads a judgment file (JSON Lines, CSV, Label Studio or Argilla export) and prints
// Krippendorff's alpha, Fleiss' kappa and Gwet's AC1 at the level asked for.
//
//   swift run --package-path examples/signal-alpha signal-alpha FILE [nominal|ordinal|interval|ratio]
import Foundation
import Signal
import WorkModel

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    print("usage: signal-alpha FILE [nominal|ordinal|interval|ratio]")
    exit(2)
}
let level = arguments.dropFirst().first.flatMap(MeasurementLevel.init(rawValue:)) ?? .nominal

do {
    var collector = JudgmentCollector(partitions: 2)
    try collector.read(try MappedFile(path: path))
    let judgments = try collector.finish(JudgmentSetOptions(level: level))
    let counts = AgreementCounts.count(judgments)
    switch KrippendorffAlpha.alpha(counts.coincidences, domain: judgments.domain, level: level) {
    case .success(let alpha): print("alpha (\(level.rawValue)): \(alpha)")
    case .failure(let reason): print("alpha: undefined, \(reason.rawValue)")
    }
    print("Fleiss' kappa: \(FleissKappa.kappa(counts).map { "\($0)" } ?? "undefined")")
    print("Gwet's AC1: \(GwetAC1.ac1(judgments, agreement: counts).map { "\($0)" } ?? "undefined")")
    print("\(judgments.judgmentCount) judgments, \(judgments.itemCount) items, \(judgments.reviewers.count) reviewers")
} catch let error as InputError {
    for diagnostic in error.diagnostics { print(diagnostic) }
    exit(2)
} catch {
    print(error)
    exit(2)
}
