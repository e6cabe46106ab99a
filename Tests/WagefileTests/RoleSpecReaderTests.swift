import Foundation
import ReferenceData
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// Malformed specs: every problem is reported as `file:line:column: field: message`, with the
/// position of the offending text, and never crashes. Line numbers refer to `BaseSpec.lines`.
struct RoleSpecReaderTests {
    /// The single diagnostic for `text`, or an issue when there is not exactly one.
    func only(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let found = try diagnostics(text, sourceLocation: sourceLocation)
        #expect(
            found.count == 1, "expected one diagnostic, got:\n\(found.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }

    // MARK: The base spec itself

    @Test func theBaseSpecReads() throws {
        let spec = try readSpec(BaseSpec.text)
        #expect(spec.id == "base-evaluator")
        #expect(spec.title == "Response Evaluator")
        #expect(
            spec.tasks == [
                TaskShare(task: "apply-rubric", share: 0.6), TaskShare(task: "identify-hallucinations", share: 0.4),
            ])
        #expect(spec.direction == .evaluate)
        #expect(
            spec.factors == [
                "judgment": "rubric-application", "expertise": "trained", "scope": "task-set", "modality": "text",
                "language": "common",
                "impact": "product-quality", "authority": "none", "data_sensitivity": "internal",
                "content_exposure": "none",
                "night_work": "none", "physical_strain": "sedentary",
            ])
        #expect(
            spec.assumedFactors == ["night_work", "physical_strain"],
            "factors added after specs were written take their defaults, and say so")
        #expect(spec.worker == Worker(status: .contractor, jurisdiction: "US-CA", hoursPerWeek: 40))
        #expect(spec.offered == PayQuote(amount: 30, currency: "USD", basis: .hourly))
        #expect(spec.consequenceIfWrong == "Bad grades ship defects")
        #expect(spec.file == "x.yaml")
        #expect(spec.location(of: "tasks") == SourceLocation(line: 8, column: 3))
    }

    @Test func theShippedExampleReads() throws {
        let spec = try readSpec(try Fixtures.text("specs/rlhf-specialist.yaml"), file: "rlhf-specialist.yaml")
        #expect(spec.id == "rlhf-specialist-us")
        #expect(spec.tasks.count == 3)
        #expect(spec.worker.hoursPerWeek == 30)
        #expect(spec.language == "English")
        #expect(spec.expertise.domain == "general reasoning and writing")
    }

    // MARK: Not a spec at all

    @Test func anEmptyFileSaysSo() throws {
        for text in ["", "\n\n", "# only a comment\n"] {
            let diagnostic = try only(text)
            #expect(prefix(diagnostic) == "x.yaml:1:1: (document)")
            #expect(diagnostic.message.hasPrefix("the file is empty"))
        }
    }

    @Test func anUnclosedBracketIsNotYAML() throws {
        // Line 2 opens a flow list that line 3 never closes; the parser stops at line 3's colon.
        let diagnostic = try only("id: a\ntasks: [apply-rubric\ntitle: b\n")
        #expect(prefix(diagnostic) == "x.yaml:3:6: (document)")
        #expect(diagnostic.message.hasPrefix("not valid YAML:"))
        #expect(diagnostic.message.contains("did not find expected ',' or ']'"))
    }

    @Test func badIndentationIsNotYAML() throws {
        let nested = try only("id: a\ntitle: b\n  judgment: x\n")
        #expect(prefix(nested) == "x.yaml:3:11: (document)", "the colon after the indented key")
        #expect(nested.message == "not valid YAML: mapping values are not allowed in this context")

        let tab = try only("id: a\n\ttitle: b\n")
        #expect(prefix(tab) == "x.yaml:2:1: (document)")
        #expect(tab.message.contains("tab"))
    }

    @Test func aTopLevelListIsNotASpec() throws {
        let diagnostic = try only("- id: a\n- id: b\n")
        #expect(diagnostic.description == "x.yaml:1:1: (document): expected a mapping of fields, found a list")
        #expect(try only("just some words\n").message == "expected a mapping of fields, found 'just some words'")
    }

    @Test func twoDocumentsInOneFileAreRejected() throws {
        let diagnostic = try only(BaseSpec.appending("---\nid: second"))
        #expect(prefix(diagnostic) == "x.yaml:23:1: (document)")
        #expect(diagnostic.message.contains("expected a single document"))
    }

    @Test func controlCharactersAreRejected() throws {
        let diagnostic = try only("id: a\u{0}b\n")
        #expect(prefix(diagnostic) == "x.yaml:1:1: (document)")
        #expect(diagnostic.message == "cannot read the text: control characters are not allowed")
    }

    // MARK: Field names

    @Test func anUnknownFieldSuggestsTheNearestOne() throws {
        let found = try diagnostics(BaseSpec.with(line: 3, "titel: Response Evaluator"))
        let typo = try #require(found.first { $0.field == "titel" })
        #expect(prefix(typo) == "x.yaml:3:1: titel")
        #expect(typo.message.hasPrefix("unknown field; did you mean 'title'? (allowed: spec, id, kind, title,"))
        #expect(
            found.contains { $0.field == "title" && $0.message == "required field is missing" },
            "the real field is still missing")
    }

    @Test func anUnknownNestedFieldNamesItsPath() throws {
        let diagnostic = try only(
            BaseSpec.with(line: 19, "worker: {status: contractor, jurisdiction: US-CA, hours_per_weak: 40}"))
        #expect(prefix(diagnostic) == "x.yaml:19:51: worker.hours_per_weak")
        #expect(diagnostic.message.hasPrefix("unknown field; did you mean 'hours_per_week'?"))
    }

    @Test func anUnrelatedUnknownFieldGetsNoHint() throws {
        let diagnostic = try only(BaseSpec.appending("salary_notes: none"))
        #expect(prefix(diagnostic) == "x.yaml:23:1: salary_notes")
        #expect(diagnostic.message.hasPrefix("unknown field (allowed:"))
    }

    @Test func aWrongFormatTagIsReported() throws {
        let diagnostic = try only(BaseSpec.with(line: 1, "spec: wagefile.role/v2"))
        #expect(diagnostic.description == "x.yaml:1:7: spec: expected 'wagefile.role/v1', found 'wagefile.role/v2'")
    }

    // MARK: Required fields

    @Test(arguments: [
        (2, "id", "required field is missing"),
        (3, "title", "required field is missing"),
        (10, "direction", "required field is missing"),
        (19, "worker", "required field is missing (status and jurisdiction)"),
        (20, "currency", "required field is missing"),
    ])
    func aMissingRequiredFieldIsNamed(line: Int, field: String, message: String) throws {
        let diagnostic = try only(BaseSpec.without(lines: line))
        #expect(diagnostic.field == field)
        #expect(diagnostic.message == message)
        #expect(prefix(diagnostic) == "x.yaml:1:1: \(field)", "a missing field is reported at the start of the spec")
    }

    @Test func missingJudgmentAndTasksAreNamed() throws {
        let judgment = try diagnostics(BaseSpec.without(lines: 4, 5, 6))
        #expect(judgment.map(\.field) == ["judgment", "judgment.type"])
        #expect(judgment.first?.message == "required field is missing (what judgment is bought, and its type)")

        let tasks = try only(BaseSpec.without(lines: 7, 8, 9))
        #expect(tasks.description == "x.yaml:1:1: tasks: required field is missing (the tasks the work consists of)")

        let purchased = try only(BaseSpec.without(lines: 5))
        #expect(prefix(purchased) == "x.yaml:5:3: judgment.purchased")
        #expect(purchased.message == "required field is missing")
    }

    @Test func missingWorkerFieldsAreNamed() throws {
        let found = try diagnostics(BaseSpec.with(line: 19, "worker: {location: Nairobi}"))
        #expect(found.map(prefix) == ["x.yaml:19:9: worker.status", "x.yaml:19:9: worker.jurisdiction"])
        #expect(found.allSatisfy { $0.message == "required field is missing" })
    }

    @Test(
        arguments: [
            (6, nil, "judgment.type"),
            (11, nil, "expertise.level"),
            (12, nil, "scope"),
            (13, nil, "modality"),
            (14, nil, "language.scarcity"),
            (15, "consequences: {if_wrong: Bad grades ship defects}", "consequences.impact"),
            (16, nil, "authority"),
            (17, nil, "data_sensitivity"),
            (18, nil, "content_exposure"),
        ] as [(Int, String?, String)])
    func everyEvaluationFactorIsRequired(line: Int, replacement: String?, path: String) throws {
        let diagnostic = try only(BaseSpec.edit([line: replacement]))
        // A factor nested in a section that exists is reported at that section; others at 1:1.
        let expected =
            switch path {
            case "judgment.type": "x.yaml:5:3"
            case "consequences.impact": "x.yaml:15:15"
            default: "x.yaml:1:1"
            }
        #expect(prefix(diagnostic) == "\(expected): \(path)")
        #expect(diagnostic.message.hasPrefix("required evaluation factor is missing (one of: "))
    }

    @Test func theMissingFactorMessageListsItsLevels() throws {
        let diagnostic = try only(BaseSpec.without(lines: 12))
        #expect(
            diagnostic.message
                == "required evaluation factor is missing (one of: single-task, task-set, workflow, program, organization)"
        )
    }

    // MARK: Wrong types

    @Test func aNumberWhereACodeIsExpected() throws {
        let currency = try only(BaseSpec.with(line: 20, "currency: 840"))
        #expect(
            currency.description
                == "x.yaml:20:11: currency: expected a three-letter ISO 4217 code such as USD, found '840'")
        let direction = try only(BaseSpec.with(line: 10, "direction: 2"))
        #expect(prefix(direction) == "x.yaml:10:12: direction")
        #expect(direction.message == "'2' is not one of: train, evaluate, deploy, physical-data")
    }

    @Test func textWhereANumberIsExpected() throws {
        let amount = try only(BaseSpec.with(line: 21, "offered: {amount: fifty, basis: hourly}"))
        #expect(amount.description == "x.yaml:21:19: offered.amount: expected a number, found 'fifty'")
        let quoted = try only(BaseSpec.with(line: 21, "offered: {amount: \"30\", basis: hourly}"))
        #expect(
            quoted.description == "x.yaml:21:19: offered.amount: expected a number, found '30'",
            "a quoted number is text")
        let share = try diagnostics(BaseSpec.with(line: 9, "  - {task: identify-hallucinations, share: most}"))
        #expect(share.map(prefix).contains("x.yaml:9:44: tasks[1].share"))
        let headcount = try only(
            BaseSpec.with(line: 19, "worker: {status: contractor, jurisdiction: US-CA, headcount: 2.5}"))
        #expect(
            headcount.description == "x.yaml:19:62: worker.headcount: expected a whole number of at least 1, found 2.5")
    }

    @Test func aListWhereAMappingIsExpected() throws {
        let worker = try only(BaseSpec.with(line: 19, "worker: [contractor, US-CA]"))
        #expect(worker.description == "x.yaml:19:9: worker: expected a mapping of fields, found a list")
        let offered = try only(BaseSpec.with(line: 21, "offered: [30, hourly]"))
        #expect(offered.description == "x.yaml:21:10: offered: expected a mapping of fields, found a list")
    }

    @Test func aMappingWhereTextOrAListIsExpected() throws {
        let title = try only(BaseSpec.with(line: 3, "title: {name: Evaluator}"))
        #expect(title.description == "x.yaml:3:8: title: expected text, found a mapping")
        let tasks = try only(BaseSpec.edit([7: "tasks: {task: apply-rubric}", 8: nil, 9: nil]))
        #expect(tasks.description == "x.yaml:7:8: tasks: expected a list, found a mapping")
    }

    @Test func aFlagMustBeTrueOrFalse() throws {
        let diagnostic = try only(BaseSpec.appending("protections: {benefits: maybe}"))
        #expect(diagnostic.description == "x.yaml:23:25: protections.benefits: expected true or false, found 'maybe'")
    }

    @Test func theWorkerStatusLawFieldsReportTheirPlaceAndTheChoices() throws {
        let profession = try only(BaseSpec.appending("engagement: {licensed_profession: doctor}"))
        #expect(prefix(profession) == "x.yaml:23:35: engagement.licensed_profession")
        #expect(profession.message.hasPrefix("'doctor' is not one of: physician, surgeon, dentist,"))
        let days = try only(BaseSpec.appending("engagement: {payment_due_days: -3}"))
        #expect(prefix(days) == "x.yaml:23:32: engagement.payment_due_days")
        let exemption = try only(BaseSpec.appending("engagement: {california_exemption: b2b}"))
        #expect(prefix(exemption) == "x.yaml:23:36: engagement.california_exemption")
        let timing = try only(BaseSpec.appending("pay_practice: {one_off_timing: later}"))
        #expect(prefix(timing) == "x.yaml:23:32: pay_practice.one_off_timing")
        let exempt = try only(
            BaseSpec.with(line: 19, "worker: {status: employee, jurisdiction: US-CA, overtime_exemption: manager}"))
        #expect(prefix(exempt) == "x.yaml:19:69: worker.overtime_exemption")
        #expect(
            exempt.message.hasPrefix(
                "'manager' is not one of: executive, administrative, professional, computer, highly-compensated, none"))
    }

    // MARK: Vocabulary

    @Test func anUnknownTaskKindIsReportedAtTheTask() throws {
        let found = try diagnostics(BaseSpec.with(line: 9, "  - {task: apply-rubrik, share: 0.4}"))
        let task = try #require(found.first { $0.field == "tasks[1].task" })
        #expect(prefix(task) == "x.yaml:9:12: tasks[1].task")
        #expect(task.message.hasPrefix("'apply-rubrik' is not one of: label-images, mark-objects,"))
        #expect(task.message.hasSuffix("; did you mean 'apply-rubric'?"))

        let bare = try only(BaseSpec.edit([8: "  - apply-rubric", 9: "  - grade-vibes"]))
        #expect(prefix(bare) == "x.yaml:9:5: tasks[1]")
        #expect(!bare.message.contains("did you mean"), "nothing is close to 'grade-vibes'")
    }

    @Test(.bug(id: "cascading-shares", "An unknown task kind also triggers a false 'shares add up to' diagnostic"))
    func anUnknownTaskKindIsTheOnlyProblemReported() throws {
        // Both shares are stated and add up to 1; only the task kind is wrong.
        let found = try diagnostics(BaseSpec.with(line: 9, "  - {task: apply-rubrik, share: 0.4}"))
        #expect(found.map(\.field) == ["tasks[1].task"])
    }

    @Test func anUnknownFactorLevelListsTheLevels() throws {
        let scope = try only(BaseSpec.with(line: 12, "scope: galaxy"))
        #expect(
            scope.description
                == "x.yaml:12:8: scope: 'galaxy' is not one of: single-task, task-set, workflow, program, organization")
        let impact = try only(BaseSpec.with(line: 15, "consequences: {impact: catastrophic}"))
        #expect(prefix(impact) == "x.yaml:15:24: consequences.impact")
        let typo = try only(BaseSpec.with(line: 16, "authority: recomends"))
        #expect(typo.message.hasSuffix("; did you mean 'recommends'?"))
    }

    @Test func anUnknownCategoryIsReported() throws {
        let diagnostic = try only(BaseSpec.appending("category: annotater"))
        #expect(prefix(diagnostic) == "x.yaml:23:11: category")
        #expect(diagnostic.message.hasSuffix("did you mean 'annotator'?"))
    }

    // MARK: Tasks and shares

    @Test func sharesMustAddUpToOne() throws {
        let short = try only(BaseSpec.with(line: 9, "  - {task: identify-hallucinations, share: 0.3}"))
        #expect(short.description == "x.yaml:8:3: tasks: shares add up to 0.9; they must add up to 1")

        let over = try only(
            BaseSpec.edit([9: "  - {task: identify-hallucinations, share: 0.5}\n  - {task: test-tool-use}"]))
        #expect(
            over.description
                == "x.yaml:8:3: tasks: shares add up to 1.1 before the unstated ones; they must leave room for them")

        let full = try only(BaseSpec.edit([8: "  - {task: apply-rubric, share: 1}", 9: "  - identify-hallucinations"]))
        #expect(
            full.description
                == "x.yaml:8:3: tasks: stated shares already add up to 1; the tasks without a share would get none")
    }

    @Test func sharesWithinAPercentOfOneAreAccepted() throws {
        let spec = try readSpec(BaseSpec.with(line: 9, "  - {task: identify-hallucinations, share: 0.395}"))
        #expect(spec.tasks.count == 2)
    }

    @Test func aShareMustBeAboveZeroAndAtMostOne() throws {
        let zero = try diagnostics(BaseSpec.with(line: 9, "  - {task: identify-hallucinations, share: 0}"))
        #expect(
            zero.contains {
                prefix($0) == "x.yaml:9:44: tasks[1].share" && $0.message == "expected a number above 0, found 0"
            })
        let big = try diagnostics(BaseSpec.with(line: 9, "  - {task: identify-hallucinations, share: 1.4}"))
        #expect(
            big.contains {
                prefix($0) == "x.yaml:9:44: tasks[1].share" && $0.message == "expected a number from 0 to 1, found 1.4"
            })
    }

    @Test func aTaskListedTwiceIsReported() throws {
        let diagnostic = try only(BaseSpec.with(line: 9, "  - {task: apply-rubric, share: 0.4}"))
        #expect(
            diagnostic.description == "x.yaml:9:5: tasks[1]: task 'apply-rubric' is listed twice; give it one share")
    }

    @Test func anEmptyTaskListIsReported() throws {
        let diagnostic = try only(BaseSpec.edit([7: "tasks: []", 8: nil, 9: nil]))
        #expect(diagnostic.description == "x.yaml:7:8: tasks: list at least one task")
    }

    // MARK: Duplicate keys and aliases

    @Test func aDuplicateKeyIsReported() throws {
        let diagnostic = try only(BaseSpec.appending("title: Response Evaluator II"))
        #expect(diagnostic.field == "title")
        #expect(diagnostic.message == "duplicate key; each field may appear once")
        #expect(diagnostic.column == 1)
        // Yams reports the first occurrence (line 3); the repeated key is on line 23.
        #expect([3, 23].contains(diagnostic.line))
    }

    @Test func aDuplicateNestedKeyIsReported() throws {
        let diagnostic = try only(BaseSpec.with(line: 21, "offered: {amount: 30, basis: hourly, amount: 35}"))
        #expect(diagnostic.field == "amount")
        #expect(diagnostic.line == 21)
        #expect(diagnostic.message == "duplicate key; each field may appear once")
    }

    @Test func anUndefinedAliasIsReported() throws {
        let diagnostic = try only(BaseSpec.appending("notes: *nowhere"))
        #expect(prefix(diagnostic) == "x.yaml:23:8: (document)")
        #expect(diagnostic.message.contains("found undefined alias"))
    }

    @Test(
        .bug(
            id: "yaml-aliases",
            "Aliases are expanded by Yams.compose, so the alias check in SpecDocument.convert never runs"))
    func aYAMLAliasIsRejected() throws {
        let text = BaseSpec.with(line: 3, "title: &name Response Evaluator") + "notes: *name\n"
        let result = try Shipped.get().reader.read(text, file: "x.yaml")
        guard case .failure(let error) = result else {
            Issue.record("a spec using a YAML alias was accepted")
            return
        }
        #expect(error.diagnostics.contains { $0.message == "YAML anchors and aliases are not supported in specs" })
    }

    // MARK: Pay

    @Test func perTaskPayNeedsMinutesPerTask() throws {
        let diagnostic = try only(BaseSpec.with(line: 21, "offered: {amount: 2.5, basis: per-task}"))
        #expect(
            diagnostic.description
                == "x.yaml:21:10: offered.minutes_per_task: per-task pay needs the expected minutes per task to give an hourly figure"
        )
    }

    @Test(
        .bug(
            id: "per-task-null-minutes",
            "minutes_per_task: ~ on per-task pay is accepted and the offer silently disappears"))
    func perTaskPayWithEmptyMinutesPerTaskIsRejected() throws {
        let text = BaseSpec.with(line: 21, "offered: {amount: 2.5, basis: per-task, minutes_per_task: ~}")
        let result = try Shipped.get().reader.read(text, file: "x.yaml")
        guard case .failure(let error) = result else {
            Issue.record("per-task pay with an empty minutes_per_task was accepted")
            return
        }
        #expect(error.diagnostics.contains { $0.field == "offered.minutes_per_task" })
    }

    @Test func minutesPerTaskOnlyGoesWithPerTaskPay() throws {
        let diagnostic = try only(BaseSpec.with(line: 21, "offered: {amount: 30, basis: hourly, minutes_per_task: 5}"))
        #expect(
            diagnostic.description == "x.yaml:21:56: offered.minutes_per_task: only per-task pay takes minutes_per_task"
        )
    }

    @Test func aNegativeAmountIsReported() throws {
        let diagnostic = try only(BaseSpec.with(line: 21, "offered: {amount: -5, basis: hourly}"))
        #expect(
            diagnostic.description
                == "x.yaml:21:19: offered.amount: expected a number from 0 to 1000000000000, found -5")
    }

    @Test func anUnknownPayBasisIsReported() throws {
        let diagnostic = try only(BaseSpec.with(line: 21, "offered: {amount: 30, basis: weekly}"))
        #expect(
            diagnostic.description
                == "x.yaml:21:30: offered.basis: 'weekly' is not one of: hourly, per-task, day, month, annual")
    }

    // MARK: Codes

    @Test func aCountryNameIsNotAJurisdiction() throws {
        let diagnostic = try only(BaseSpec.with(line: 19, "worker: {status: contractor, jurisdiction: Kenya}"))
        #expect(
            diagnostic.description
                == "x.yaml:19:44: worker.jurisdiction: expected an ISO 3166 code such as KE, US-CA or IN-HR, found 'Kenya'"
        )
        #expect(
            try readSpec(BaseSpec.with(line: 19, "worker: {status: contractor, jurisdiction: IN-HR}")).worker
                .jurisdiction == "IN-HR")
    }

    @Test func anUnknownCurrencyIsReported() throws {
        let unknown = try only(BaseSpec.with(line: 20, "currency: XYZ"))
        #expect(prefix(unknown) == "x.yaml:20:11: currency")
        #expect(
            unknown.message.hasPrefix(
                "no exchange rate for XYZ in the reference data; add one with --reference (known: USD, EUR,"))

        let lowercase = try only(BaseSpec.with(line: 20, "currency: usd"))
        #expect(
            lowercase.description
                == "x.yaml:20:11: currency: expected a three-letter ISO 4217 code such as USD, found 'usd'")

        let payCurrency = try only(BaseSpec.with(line: 21, "offered: {amount: 30, basis: hourly, currency: XYZ}"))
        #expect(prefix(payCurrency) == "x.yaml:21:48: offered.currency")
    }

    @Test func anIdWithSpacesIsReported() throws {
        let diagnostic = try only(BaseSpec.with(line: 2, "id: my role"))
        #expect(diagnostic.description == "x.yaml:2:5: id: expected letters, digits, '-', '_' or '.', found 'my role'")
    }

    @Test func aVendorContractNeedsAVendor() throws {
        let diagnostic = try only(BaseSpec.appending("kind: vendor-contract"))
        #expect(
            diagnostic.description == "x.yaml:1:1: vendor: a vendor contract needs a vendor: section (name, bill_rate)")
    }

    // MARK: Several problems at once

    @Test func everyProblemIsReportedInLineOrder() throws {
        let found = try diagnostics(
            BaseSpec.edit([
                2: "id: my role", 12: "scope: galaxy", 20: "currency: usd", 21: "offered: {amount: -5, basis: hourly}",
            ]))
        #expect(
            found.map(prefix) == [
                "x.yaml:2:5: id", "x.yaml:12:8: scope", "x.yaml:20:11: currency", "x.yaml:21:19: offered.amount",
            ])
    }

    // MARK: JSON

    static let jsonSpec =
        #"{"id": "j1", "title": "T", "judgment": {"purchased": "p", "type": "comparative"}, "tasks": [{"task": "bogus"}], "direction": "train", "expertise": "trained", "scope": "task-set", "modality": "text", "language": "common", "consequences": {"impact": "product-quality"}, "authority": "none", "data_sensitivity": "internal", "content_exposure": "none", "worker": {"status": "contractor", "jurisdiction": "US"}, "currency": "USD"}"#

    @Test func aJSONLineReportsItsLineInTheStream() throws {
        // The 42nd line of a JSON Lines stream is read with lineOffset 41; "bogus" starts at column 102.
        let diagnostic = try only(Self.jsonSpec, file: "in.jsonl", lineOffset: 41)
        #expect(prefix(diagnostic) == "in.jsonl:42:102: tasks[0].task")
        #expect(diagnostic.message.hasPrefix("'bogus' is not one of:"))
    }

    @Test func aValidJSONSpecReads() throws {
        let text = Self.jsonSpec.replacingOccurrences(of: "bogus", with: "pairwise-preference")
        let spec = try readSpec(text, file: "in.json")
        #expect(spec.tasks == [TaskShare(task: "pairwise-preference")])
        #expect(spec.factors["judgment"] == "comparative")
    }

    @Test func brokenJSONReportsItsLineInTheStream() throws {
        let truncated = String(Self.jsonSpec.dropLast(1))
        let diagnostic = try only(truncated, file: "in.jsonl", lineOffset: 41)
        #expect(prefix(diagnostic) == "in.jsonl:42:\(truncated.count + 1): (document)", "reported where the text ends")
        #expect(diagnostic.message == "not valid JSON: the object is not closed")
        #expect(try only("", file: "in.jsonl", lineOffset: 41).line == 42, "an empty line is reported on its own line")
    }

    @Test func aDuplicateJSONKeyIsReportedAtTheRepeat() throws {
        let text = Self.jsonSpec.replacingOccurrences(of: #""direction": "train""#, with: #""title": "U""#)
        let diagnostic = try only(text, file: "in.jsonl", lineOffset: 0)
        #expect(diagnostic.field == "title")
        #expect(diagnostic.message == "duplicate key; each field may appear once")
        let column = try #require(text.range(of: #""title": "U""#)).lowerBound.utf16Offset(in: text) + 1
        #expect(prefix(diagnostic) == "in.jsonl:1:\(column): title")
    }

    @Test func deeplyNestedInputIsRefusedNotFollowed() throws {
        let json = try only("{\"notes\": " + String(repeating: "[", count: 100) + "}", file: "in.json", lineOffset: 0)
        #expect(json.message == "not valid JSON: nested deeper than 64 levels")
        let yaml = try only("notes: " + String(repeating: "[", count: 5000) + "\n")
        #expect(yaml.message.hasPrefix("not valid YAML:"))
        #expect(yaml.line == 1)
    }

    @Test(.bug(id: "yaml-flow-document", "A YAML spec written as one flow mapping is sent to the JSON parser"))
    func aYAMLFlowMappingDocumentIsYAML() throws {
        // Valid YAML (unquoted keys); SpecDocument.parse treats any text starting with '{' as JSON.
        let text =
            #"{spec: wagefile.role/v1, id: flow, title: Rater, judgment: {purchased: Grades, type: rubric-application}, tasks: [apply-rubric], direction: evaluate, expertise: trained, scope: task-set, modality: text, language: common, consequences: {impact: product-quality}, authority: none, data_sensitivity: internal, content_exposure: none, worker: {status: contractor, jurisdiction: US}, currency: USD}"#
        let result = try Shipped.get().reader.read(text, file: "flow.yaml")
        #expect(throws: Never.self) { try result.get() }
    }
}

extension RoleSpecReaderTests {
    /// `diagnostics(_:)` with a file name and line offset.
    func only(_ text: String, file: String, lineOffset: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws -> Diagnostic
    {
        let found = try diagnostics(text, file: file, lineOffset: lineOffset, sourceLocation: sourceLocation)
        #expect(
            found.count == 1, "expected one diagnostic, got:\n\(found.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }
}
