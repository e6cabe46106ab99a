public import WorkModel

/// The role spec's JSON Schema (draft 2020-12), built from the same field lists and reference
/// vocabulary the reader checks, so editors validate exactly what `wagefile check` accepts.
public enum RoleSpecSchema {
    /// A JSON value small enough to build schemas with and print deterministically.
    public indirect enum JSON: Sendable, Hashable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case array([JSON])
        case object([(String, JSON)])

        public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.render() == rhs.render() }
        public func hash(into hasher: inout Hasher) { hasher.combine(render()) }

        public func render(indent: Int = 0) -> String {
            let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
            switch self {
            case .string(let text): return Self.quote(text)
            case .number(let value): return Format.number(value, maxPlaces: 6)
            case .bool(let value): return value ? "true" : "false"
            case .array(let items):
                if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                    return "[" + items.map { $0.render() }.joined(separator: ", ") + "]"
                }
                return "[\n" + items.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n\(end)]"
            case .object(let pairs):
                if pairs.isEmpty { return "{}" }
                return "{\n" + pairs.map { pad + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n") + "\n\(end)}"
            }
        }

        static func quote(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
    }

    public static func role(vocabulary: Vocabulary) -> JSON {
        func text(_ description: String) -> JSON { .object([("type", .string("string")), ("description", .string(description))]) }
        func choice(_ values: [String], _ description: String) -> JSON {
            .object([("type", .string("string")), ("enum", .array(values.map(JSON.string))), ("description", .string(description))])
        }
        func flag(_ description: String) -> JSON { .object([("type", .string("boolean")), ("description", .string(description))]) }
        func number(_ description: String, minimum: Double? = nil, exclusiveMinimum: Double? = nil, maximum: Double? = nil) -> JSON {
            var pairs: [(String, JSON)] = [("type", .string("number")), ("description", .string(description))]
            if let minimum { pairs.append(("minimum", .number(minimum))) }
            if let exclusiveMinimum { pairs.append(("exclusiveMinimum", .number(exclusiveMinimum))) }
            if let maximum { pairs.append(("maximum", .number(maximum))) }
            return .object(pairs)
        }
        func object(_ fields: [String], _ properties: [String: JSON], required: [String] = [], description: String) -> JSON {
            .object([
                ("type", .string("object")), ("description", .string(description)),
                ("properties", .object(fields.compactMap { key in properties[key].map { (key, $0) } })),
                ("required", .array(required.map(JSON.string))), ("additionalProperties", .bool(false)),
            ])
        }
        func levels(_ factor: String, _ description: String) -> JSON { choice(vocabulary.factorLevels[factor] ?? [], description) }

        let pay = object(
            RoleSpecFormat.pay,
            [
                "amount": number("Amount per basis unit", minimum: 0),
                "basis": choice(PayBasis.allCases.map(\.rawValue), "How the amount is quoted"),
                "currency": .object([("type", .string("string")), ("pattern", .string("^[A-Z]{3}$")), ("description", .string("ISO 4217 code; defaults to the spec's currency"))]),
                "minutes_per_task": number("Expected minutes per task; required for per-task pay", exclusiveMinimum: 0),
            ], required: ["amount", "basis"], description: "Pay as quoted")
        let builtIn = Set(RoleSpecFormat.factorFields.map(\.factor))
        let extraFactors = vocabulary.factorOrder.filter { !builtIn.contains($0) }
        let properties: [String: JSON] = [
            "spec": choice([RoleSpecFormat.schemaTag], "Format tag"),
            "id": .object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9._-]{1,120}$")), ("description", .string("Stable identifier"))]),
            "kind": choice(SpecKind.allCases.map(\.rawValue), "A role you fill, or a contract bought from a vendor (default role)"),
            "title": text("The title as posted; the tasks, not the title, decide the layer"),
            "judgment": object(RoleSpecFormat.judgment, ["purchased": text("Question 1: what human judgment is bought"), "type": levels("judgment", "Complexity factor: judgment type")], required: ["purchased", "type"], description: "What judgment is bought"),
            "tasks": .object([
                ("type", .string("array")), ("minItems", .number(1)), ("description", .string("The tasks and their share of working time")),
                ("items", .object([("oneOf", .array([
                    choice(vocabulary.taskKinds, "A task kind; shares split evenly"),
                    object(RoleSpecFormat.task, ["task": choice(vocabulary.taskKinds, "Task kind"), "share": number("Share of working time", exclusiveMinimum: 0, maximum: 1), "note": text("Free text")], required: ["task"], description: "A task with its share"),
                ]))])),
            ]),
            "direction": choice(Direction.allCases.map(\.rawValue), "Question 2: train, evaluate, deploy or physical-data"),
            "category": choice(vocabulary.categories, "Job category; inferred from the tasks when absent"),
            "expertise": .object([("oneOf", .array([
                levels("expertise", "Complexity factor: expertise"),
                object(RoleSpecFormat.expertise, ["level": levels("expertise", "Complexity factor: expertise"), "domain": text("Domain, e.g. medicine"), "credential": text("Credential required, e.g. MD")], required: ["level"], description: "Question 4"),
            ]))]),
            "scope": levels("scope", "Complexity factor: scope"),
            "modality": levels("modality", "Complexity factor: modality"),
            "language": .object([("oneOf", .array([
                levels("language", "Complexity factor: language scarcity"),
                object(RoleSpecFormat.language, ["name": text("Language"), "scarcity": levels("language", "Complexity factor: language scarcity")], required: ["scarcity"], description: "Language of the work"),
            ]))]),
            "consequences": object(RoleSpecFormat.consequences, ["if_wrong": text("Question 3 in your words"), "impact": levels("impact", "Consequence factor: error impact")], required: ["impact"], description: "What happens if the work is wrong"),
            "authority": levels("authority", "Consequence factor: authority"),
            "data_sensitivity": levels("data_sensitivity", "Consequence factor: data sensitivity"),
            "content_exposure": levels("content_exposure", "Consequence factor: harmful content exposure"),
            "factors": object(extraFactors, Dictionary(uniqueKeysWithValues: extraFactors.map { ($0, levels($0, "Factor from your own factor tables")) }), required: extraFactors, description: "Levels for factors added to the factor tables"),
            "worker": object(RoleSpecFormat.worker, [
                "status": choice(WorkerStatus.allCases.map(\.rawValue), "Question 5: worker status"),
                "jurisdiction": .object([("type", .string("string")), ("pattern", .string("^[A-Z]{2}(-[A-Z0-9]{1,3})?$")), ("description", .string("ISO 3166 code, e.g. KE, US-CA, IN-HR"))]),
                "location": text("City or site"),
                "headcount": .object([("type", .string("integer")), ("minimum", .number(1)), ("description", .string("Workers on this role or contract"))]),
                "hours_per_week": number("Contracted hours per week", exclusiveMinimum: 0, maximum: 168),
                "hours_per_day": number("Hours in a paid day", exclusiveMinimum: 0, maximum: 24),
            ], required: ["status", "jurisdiction"], description: "Who does the work and where"),
            "currency": choice(vocabulary.currencies, "Currency of the band and the offer"),
            "offered": pay,
            "protections": object(RoleSpecFormat.protections, Dictionary(uniqueKeysWithValues: RoleSpecFormat.protections.map { ($0, flag("Question 7")) }), description: "Protections the offer includes"),
            "data_rights": object(RoleSpecFormat.dataRights, Dictionary(uniqueKeysWithValues: RoleSpecFormat.dataRights.map { key in
                (key, key == "consent" || key == "retention" ? text("Question 8") : flag("Question 8"))
            }), description: "Data rights when the work records the worker"),
            "internal_candidates": .object([("type", .string("array")), ("items", object(RoleSpecFormat.candidate, [
                "name": text("Who"), "title": text("Current title"), "layer": choice(WorkLayer.allCases.map(\.rawValue), "Layer of the work they do now"),
                "pay": pay, "evidence": .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]),
            ], required: ["name"], description: "Question 9"))]),
            "budget_owner": text("Question 10: the budget that owns the work, e.g. " + vocabulary.budgetOwners.joined(separator: ", ")),
            "governance_owner": text("Overrides the layer's default governance owner"),
            "vendor": object(RoleSpecFormat.vendor, ["name": text("Vendor"), "bill_rate": pay, "worker_pay_disclosed": flag("Does the vendor disclose worker pay?")], required: ["name"], description: "For vendor contracts"),
            "notes": text("Free text"),
        ]
        var required = ["id", "title", "judgment", "tasks", "direction", "worker", "currency"]
        required += RoleSpecFormat.factorFields.filter { vocabulary.factorLevels[$0.factor] != nil && !["judgment", "expertise", "language", "impact"].contains($0.factor) }.map(\.path)
        required += ["expertise", "language", "consequences"]
        if !extraFactors.isEmpty { required.append("factors") }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://wagefile.dev/schema/role-v1.json")),
            ("title", .string("Wagefile role spec (\(RoleSpecFormat.schemaTag))")),
            ("type", .string("object")),
            ("properties", .object(RoleSpecFormat.topLevel.compactMap { key in properties[key].map { (key, $0) } })),
            ("required", .array(required.map(JSON.string))),
            ("additionalProperties", .bool(false)),
        ])
    }
}
