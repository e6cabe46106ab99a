import Storage
import Testing
import WorkModel

@Suite("LineDiff")
struct LineDiffTests {
    @Test func identicalTextsHaveOnlyContextLines() {
        let diff = LineDiff(old: "a\nb\nc", new: "a\nb\nc")
        #expect(diff.added == 0 && diff.removed == 0)
        #expect(diff.lines.map(\.summary) == ["same old:1 new:1 a", "same old:2 new:2 b", "same old:3 new:3 c"])
        #expect(diff.unified == " a\n b\n c")
    }

    @Test func aReplacedLineReadsAsRemovedThenAdded() {
        let diff = LineDiff(
            old: "title: Evaluator\nrate: 30\nscope: task", new: "title: Evaluator\nrate: 35\nscope: task")
        #expect(
            diff.lines.map(\.summary) == [
                "same old:1 new:1 title: Evaluator",
                "removed old:2 new:- rate: 30",
                "added old:- new:2 rate: 35",
                "same old:3 new:3 scope: task",
            ])
        #expect(diff.unified == " title: Evaluator\n-rate: 30\n+rate: 35\n scope: task")
    }

    @Test func insertionsAndDeletionsKeepBothSidesNumbered() {
        let diff = LineDiff(old: "a\nb\nc\nd", new: "a\nx\nc\nd\ne")
        #expect(diff.removed == 1)
        #expect(diff.added == 2)
        #expect(
            diff.lines.map(\.summary) == [
                "same old:1 new:1 a",
                "removed old:2 new:- b",
                "added old:- new:2 x",
                "same old:3 new:3 c",
                "same old:4 new:4 d",
                "added old:- new:5 e",
            ])
    }

    @Test func aMovedBlockIsAnInsertionAndADeletion() {
        let diff = LineDiff(old: "one\ntwo\nthree", new: "three\none\ntwo")
        #expect(diff.added == 1 && diff.removed == 1)
        #expect(
            diff.lines.filter { $0.kind != .same }.map(\.summary) == [
                "added old:- new:1 three", "removed old:3 new:- three",
            ])
    }

    @Test func diffingFromOrToNothingShowsOnlyRealLines() {
        let fromNothing = LineDiff(old: "", new: "a\nb")
        #expect(fromNothing.lines.map(\.summary) == ["added old:- new:1 a", "added old:- new:2 b"])
        #expect(fromNothing.removed == 0)
        let toNothing = LineDiff(old: "a", new: "")
        #expect(toNothing.lines.map(\.summary) == ["removed old:1 new:- a"])
        #expect(LineDiff(old: "", new: "").lines.isEmpty)
    }

    @Test func aTrailingNewlineIsADifference() {
        let diff = LineDiff(old: "a\nb", new: "a\nb\n")
        #expect(diff.added == 1)
        #expect(diff.removed == 0)
        #expect(diff.lines.last?.summary == "added old:- new:3 ")
    }

    @Test func veryLongTextsAreComparedAsWholes() {
        let old = (1...5001).map { "line \($0)" }.joined(separator: "\n")
        let new = (1...5001).map { $0 == 17 ? "changed" : "line \($0)" }.joined(separator: "\n")
        let diff = LineDiff(old: old, new: new)
        #expect(diff.removed == 5001)
        #expect(diff.added == 5001)
        #expect(diff.lines.first?.summary == "removed old:1 new:- line 1")
        #expect(diff.lines.last?.summary == "added old:- new:5001 line 5001")
    }
}
