import Foundation
import Testing
import WorkModel
import Specs
import ReferenceData
import DecisionFiles

func build(_ user: String) -> String {
    var parser = ReferenceParser()
    do {
        for (name, text) in try ReferenceLoader.shippedDocuments() { parser.add(text, file: "reference/" + name, shipped: true) }
        parser.add(user, file: "user.yaml")
        let set = try parser.build()
        return "OK \(set.categories.map { "\($0.id) \($0.rateLow)" }) \(String(describing: set.origins["categories/annotator"]))"
    } catch { return "\(error)" }
}

@Test func scratch() async throws {
    let cat = """
    categories:
      - id: annotator
        name: Data annotator
        tier_role: Volume tier
        rate_low: 18
        rate_high: 25
        currency: USD
        layer: annotation
        source: ratecards-2026-06
        as_of: 2026-07
        confidence: high
    """
    print("override:", build(cat))
    print("noconf:", build(cat.replacingOccurrences(of: "    confidence: high\n", with: "").replacingOccurrences(of: "    confidence: high", with: "")))
    print("asof:", build(cat.replacingOccurrences(of: "as_of: 2026-07", with: "as_of: June 2026")))
    print("src:", build(cat.replacingOccurrences(of: "source: ratecards-2026-06", with: "source: my-survey")))
    let factors = """
    factors:
      - id: stamina
        axis: complexity
        name: Stamina
        question: How long?
        levels:
          - {id: short, points: 30, description: "Short"}
          - {id: long, points: 10, description: "Long"}
        source: wagefile-defaults
        as_of: 2026-11-01
        confidence: medium
    """
    print("levels:", build(factors))
    let premium = """
    premiums:
      - id: night-shift
        name: Night shift
        percent: 10
        factor: shift
        levels: [night]
        source: wagefile-defaults
        as_of: 2026-11-01
        confidence: low
    """
    print("premium:", build(premium))
    print("table typo:", build("categorys: []\n"))
    print("yaml:", build("categories: [\n"))
    print("policy:", build("policy: {hours_per_week: 37.5, source: wagefile-defaults, as_of: 2026-12, confidence: high}\n"))
    print("policy-bad:", build("policy: {hours_per_week: 0, source: wagefile-defaults, as_of: 2026-12, confidence: high}\n"))
}
