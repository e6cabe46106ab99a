import Testing

@testable import ReferenceData

/// The reference tables as descriptors: every table a file may hold is read by one.
struct ReferenceTableDescriptorTests {
    @Test("every reference table except the policy mapping has a descriptor under its own name")
    func everyTableHasADescriptor() {
        #expect(Set(ReferenceParser.descriptors.keys) == Set(ReferenceParser.tables).subtracting(["policy"]))
        #expect(ReferenceParser.descriptors.allSatisfy { $0.key == $0.value.name })
    }

    @Test("a record table's fields are named once each and always carry source, as_of and confidence")
    func fieldsAreDeclaredOnce() {
        let tables: [[ReferenceField]] = [
            ReferenceParser.sourceTable.fields, ReferenceParser.segmentTable.fields, ReferenceParser.layerTable.fields,
            ReferenceParser.categoryTable.fields, ReferenceParser.anchorTable.fields,
            ReferenceParser.factorTable.fields,
            ReferenceParser.premiumTable.fields, ReferenceParser.benchmarkTable.fields,
            ReferenceParser.taskTable.fields,
            ReferenceParser.titleHintTable.fields, ReferenceParser.exchangeRateTable.fields,
            ReferenceParser.locationFactorTable.fields,
            ReferenceParser.jurisdictionTable.fields, ReferenceParser.wageFloorFields,
        ]
        for fields in tables {
            let names = fields.map(\.name)
            #expect(Set(names).count == names.count)
            #expect(Array(names.suffix(3)) == ["source", "as_of", "confidence"])
        }
    }
}
