import DecisionFiles
import Foundation
import Pricing
import ReferenceData
import Specs
import WorkModel

/// The new-role form: the fields a role needs, each written into spec YAML under its own path,
/// so the reader's diagnostics (which name the path) land beside the field they are about.
struct RoleForm {
    struct Field {
        var name: String
        var label: String
        var hint: String?
        var options: [String]?
        var number = false
        var wide = false
    }

    static let taskRows = 3

    static func fields(_ vocabulary: Vocabulary) -> [Field] {
        func levels(_ factor: String) -> [String] { vocabulary.factorLevels[factor] ?? [] }
        var fields: [Field] = [
            Field(name: "id", label: "Spec id", hint: "lower-case letters, digits and hyphens; it names the wage file"),
            Field(name: "title", label: "Title", hint: "the title the market sees"),
            Field(name: "judgment.purchased", label: "What judgment is bought", hint: "one sentence", wide: true),
            Field(name: "judgment.type", label: "Type of judgment", options: levels("judgment")),
        ]
        for row in 0..<taskRows {
            fields.append(
                Field(name: "tasks[\(row)].task", label: "Task \(row + 1)", options: [""] + vocabulary.taskKinds))
            fields.append(
                Field(
                    name: "tasks[\(row)].share", label: "Task \(row + 1) share of time",
                    hint: "0 to 1; shares add up to 1", number: true))
        }
        fields += [
            Field(
                name: "direction", label: "Train, evaluate, deploy or physical data",
                options: Direction.allCases.map(\.rawValue)),
            Field(name: "expertise.level", label: "Expertise", options: levels("expertise")),
            Field(name: "scope", label: "Scope", options: levels("scope")),
            Field(name: "modality", label: "Modality", options: levels("modality")),
            Field(name: "language.scarcity", label: "Language scarcity", options: levels("language")),
            Field(name: "consequences.if_wrong", label: "What happens if the work is wrong", wide: true),
            Field(name: "consequences.impact", label: "Error impact", options: levels("impact")),
            Field(name: "authority", label: "Authority", options: levels("authority")),
            Field(name: "data_sensitivity", label: "Data sensitivity", options: levels("data_sensitivity")),
            Field(name: "content_exposure", label: "Content exposure", options: levels("content_exposure")),
            Field(name: "night_work", label: "Night work", options: levels("night_work")),
            Field(name: "physical_strain", label: "Physical strain", options: levels("physical_strain")),
            Field(name: "worker.status", label: "Worker status", options: WorkerStatus.allCases.map(\.rawValue)),
            Field(name: "worker.jurisdiction", label: "Jurisdiction", hint: "ISO code such as US-CA, DE or KE"),
            Field(name: "worker.hours_per_week", label: "Hours per week", number: true),
            Field(name: "currency", label: "Currency", options: vocabulary.currencies),
            Field(
                name: "offered.amount", label: "Offered pay", hint: "leave empty when nothing is offered yet",
                number: true),
            Field(name: "offered.basis", label: "Offered per", options: [""] + PayBasis.allCases.map(\.rawValue)),
            Field(name: "budget_owner", label: "Budget owner", options: [""] + vocabulary.budgetOwners),
        ]
        return fields
    }

    /// Starting values for a new role.
    static let defaults: [String: String] = [
        "judgment.type": "rubric-application", "direction": "evaluate", "expertise.level": "trained",
        "scope": "task-set",
        "modality": "text", "language.scarcity": "common", "consequences.impact": "product-quality",
        "authority": "none",
        "data_sensitivity": "internal", "content_exposure": "none", "night_work": "none",
        "physical_strain": "sedentary", "worker.status": "contractor", "currency": "USD",
        "offered.basis": "hourly", "worker.hours_per_week": "40", "tasks[0].share": "1",
    ]

    /// The spec text the form describes. Text values are JSON-quoted (valid YAML); a number
    /// field holding something else is quoted too, so the reader names it as not a number.
    static func yaml(_ form: WebForm) -> String {
        func value(_ name: String, number: Bool = false) -> String? {
            guard let text = form.text(name) else { return nil }
            if number, Double(text) != nil { return text }
            return Format.jsonString(text)
        }
        var lines = ["spec: wagefile.role/v1"]
        func add(_ key: String, _ name: String, number: Bool = false, indent: String = "") {
            if let text = value(name, number: number) { lines.append("\(indent)\(key): \(text)") }
        }
        add("id", "id")
        add("title", "title")
        lines.append("judgment:")
        add("purchased", "judgment.purchased", indent: "  ")
        add("type", "judgment.type", indent: "  ")
        var tasks: [String] = []
        for row in 0..<taskRows {
            guard let task = value("tasks[\(row)].task") else { continue }
            tasks.append("  - {task: \(task), share: \(value("tasks[\(row)].share", number: true) ?? "0")}")
        }
        if !tasks.isEmpty { lines += ["tasks:"] + tasks }
        add("direction", "direction")
        if let level = value("expertise.level") { lines.append("expertise: {level: \(level)}") }
        add("scope", "scope")
        add("modality", "modality")
        if let scarcity = value("language.scarcity") { lines.append("language: {scarcity: \(scarcity)}") }
        lines.append("consequences:")
        add("if_wrong", "consequences.if_wrong", indent: "  ")
        add("impact", "consequences.impact", indent: "  ")
        add("authority", "authority")
        add("data_sensitivity", "data_sensitivity")
        add("content_exposure", "content_exposure")
        add("night_work", "night_work")
        add("physical_strain", "physical_strain")
        lines.append("worker:")
        add("status", "worker.status", indent: "  ")
        add("jurisdiction", "worker.jurisdiction", indent: "  ")
        add("hours_per_week", "worker.hours_per_week", number: true, indent: "  ")
        add("currency", "currency")
        if let amount = value("offered.amount", number: true) {
            lines.append("offered: {amount: \(amount), basis: \(value("offered.basis") ?? "hourly")}")
        }
        add("budget_owner", "budget_owner")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The field a diagnostic belongs beside: its path, or the nearest enclosing field.
    static func field(for diagnostic: Diagnostic, among names: Set<String>) -> String? {
        var path = diagnostic.field
        while !path.isEmpty {
            if names.contains(path) { return path }
            if let task = names.first(where: { $0.hasPrefix(path + ".") }) { return task }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return nil
    }
}
