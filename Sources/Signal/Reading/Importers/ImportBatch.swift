import WorkModel

/// What an importer read from one file, held until the whole file is known good: the
/// judgments with their lines, and the problems (up to 50, each located). Nothing reaches the
/// collector when there is any problem, so a bad file is never half-read.
struct ImportBatch {
    let file: String
    private(set) var judgments: [(Judgment, Int)] = []
    private(set) var problems: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func add(_ judgment: Judgment, line: Int) {
        judgments.append((judgment, line))
    }

    /// Records a problem at `line`, naming the field and what was expected.
    mutating func fail(_ field: String, _ message: String, line: Int) {
        guard problems.count < 50 else { return }
        problems.append(
            Diagnostic(file: file, location: SourceLocation(line: line, column: 1), field: field, message: message))
    }

    /// Throws every problem found, or adds every judgment to `collector`.
    func commit(into collector: inout JudgmentCollector) throws(InputError) {
        guard problems.isEmpty else { throw InputError(problems) }
        for (judgment, line) in judgments { collector.add(judgment, file: file, line: line) }
    }
}
