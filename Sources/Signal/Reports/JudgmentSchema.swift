/// The JSON Schema of the canonical judgment line (`wagefile schema judgment`); the committed
/// copy at docs/schema/judgment-v1.json must equal it (a test checks).
public enum JudgmentSchema {
    /// The JSON Schema (draft 2020-12) document itself, as JSON text.
    public static let text = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://wagefile.dev/schema/judgment-v1.json",
          "title": "Wagefile judgment (wagefile.judgment/v1)",
          "description": "One reviewer's answer on one item; a judgment file holds one such object per line (JSON Lines). See docs/SIGNAL.md.",
          "type": "object",
          "required": ["item", "reviewer", "value"],
          "properties": {
            "item": {
              "description": "The item judged (a task, a response, a pair). Whole numbers are read as their decimal text.",
              "oneOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]
            },
            "reviewer": {
              "description": "Who judged it. Whole numbers are read as their decimal text.",
              "oneOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]
            },
            "value": {
              "description": "A label, an ordinal or numeric score, or for pairwise preferences one of a, b, tie. Text that reads as a finite number is that number. null is an opened but unanswered judgment, which every statistic ignores.",
              "type": ["string", "number", "boolean", "null"]
            },
            "time": {
              "description": "When it was given: ISO 8601 (2026-11-02, 2026-11-02T14:30:00Z, with an offset or fractional seconds) or seconds since 1970-01-01T00:00:00Z. Enables calibration over time.",
              "oneOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]
            },
            "rubric": {
              "description": "The rubric criterion or question the value answers, when an export holds several; `agree --rubric` picks one.",
              "type": ["string", "null"]
            },
            "gold": {
              "description": "The item's known right answer, when it is a gold item (a gold file may give it instead).",
              "type": ["string", "number", "boolean", "null"]
            },
            "a": {"description": "Pairwise: the first option compared (value a prefers it).", "type": ["string", "null"]},
            "b": {"description": "Pairwise: the second option compared (value b prefers it).", "type": ["string", "null"]}
          },
          "dependentRequired": {"a": ["b"], "b": ["a"]},
          "additionalProperties": true
        }
        """#
}
