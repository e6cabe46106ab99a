import Specs

/// The program spec's JSON Schema (draft 2020-12), from the reader's field lists, with the rate
/// cards the loaded reference data knows.
package enum ProgramSchema {
    typealias JSON = RoleSpecSchema.JSON

    // Long because: the program spec's JSON Schema written out as data, one property after another.
    package static func text(rateCards: [String]) -> String {
        func number(_ minimum: Double? = nil, _ maximum: Double? = nil, exclusiveMinimum: Double? = nil) -> JSON {
            var pairs: [(String, JSON)] = [("type", .string("number"))]
            if let minimum { pairs.append(("minimum", .number(minimum))) }
            if let exclusiveMinimum { pairs.append(("exclusiveMinimum", .number(exclusiveMinimum))) }
            if let maximum { pairs.append(("maximum", .number(maximum))) }
            return .object(pairs)
        }
        func object(_ properties: [(String, JSON)], required: [String] = []) -> JSON {
            var pairs: [(String, JSON)] = [
                ("type", .string("object")), ("additionalProperties", .bool(false)),
                ("properties", .object(properties)),
            ]
            if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
            return .object(pairs)
        }
        func estimate(_ minimum: Double, _ maximum: Double) -> JSON {
            .object([
                (
                    "oneOf",
                    .array([
                        number(minimum, maximum),
                        object(
                            [
                                ("mode", number(minimum, maximum)), ("low", number(minimum, maximum)),
                                ("high", number(minimum, maximum)),
                            ],
                            required: ["mode"]),
                    ])
                )
            ])
        }
        let string: JSON = .object([("type", .string("string")), ("minLength", .number(1))])
        let integer: JSON = .object([("type", .string("integer")), ("minimum", .number(0))])
        let rate: JSON = .object([
            (
                "oneOf",
                .array([
                    object([("card", .object([("enum", .array(rateCards.map { .string($0) }))]))], required: ["card"]),
                    object([("band", string)], required: ["band"]),
                    object(
                        [
                            ("amount", number(exclusiveMinimum: 0)), ("low", number(exclusiveMinimum: 0)),
                            ("high", number(exclusiveMinimum: 0)),
                        ], required: ["amount"]),
                ])
            )
        ])
        let tier = object(
            [
                ("id", string), ("name", string), ("level", integer),
                ("judges_per_item", .object([("type", .string("integer")), ("minimum", .number(1))])),
                ("items_per_hour", estimate(0.01, 100_000)), ("rate", rate), ("agreement", estimate(0.5, 1)),
                ("capacity", integer),
                ("hiring_lead_weeks", number(0, 104)), ("managed_share", number(0, 1)),
                ("managed_markup", number(0, 5)),
                ("rotation_per_quarter", number(0, 1)), ("recalibration_hours", number(0, 1_000)),
                (
                    "agreement_by_class",
                    .object([("type", .string("object")), ("additionalProperties", number(0.5, 1))])
                ),
            ], required: ["id", "items_per_hour", "rate", "agreement"])
        let difficulty = object(
            [("class", string), ("share", number(0, 1)), ("route", string), ("auto_agreement", number(0, 1))],
            required: ["class", "share", "route"])
        let schema: JSON = .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://wagefile.dev/schema/program-v1.json")),
            ("title", .string("Wagefile program spec (wagefile.program/v1)")),
            ("type", .string("object")), ("additionalProperties", .bool(false)),
            ("required", .array(["id", "items", "horizon_weeks", "difficulty", "tiers"].map { .string($0) })),
            (
                "properties",
                .object([
                    ("program", .object([("const", .string("wagefile.program/v1"))])), ("id", string),
                    ("title", string),
                    ("items", .object([("type", .string("integer")), ("minimum", .number(1))])),
                    ("currency", .object([("type", .string("string")), ("pattern", .string("^[A-Z]{3}$"))])),
                    ("horizon_weeks", number(exclusiveMinimum: 0)), ("hours_per_week", number(1, 80)),
                    ("start", .object([("type", .string("string")), ("format", .string("date"))])),
                    ("agreement_target", number(0.5, 1)),
                    (
                        "useful_pair",
                        .object([
                            (
                                "oneOf",
                                .array([
                                    .object([("enum", .array([.string("unanimous"), .string("majority")]))]),
                                    object([("share", number(0.5, 1))], required: ["share"]),
                                    object([("posterior", number(0.5, 1))], required: ["posterior"]),
                                ])
                            )
                        ])
                    ),
                    ("audit_sample", number(0, 1)), ("audit_tier", string),
                    ("auto_grader", object([("cost_per_item", number(0, 1_000))])),
                    (
                        "difficulty",
                        .object([("type", .string("array")), ("minItems", .number(1)), ("items", difficulty)])
                    ),
                    ("tiers", .object([("type", .string("array")), ("minItems", .number(1)), ("items", tier)])),
                    (
                        "monte_carlo",
                        object([
                            (
                                "draws",
                                .object([
                                    ("type", .string("integer")), ("minimum", .number(1)),
                                    ("maximum", .number(10_000_000)),
                                ])
                            ),
                            ("seed", integer),
                        ])
                    ),
                ])
            ),
        ])
        return schema.render()
    }
}
