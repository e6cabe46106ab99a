import Foundation
public import WorkModel

/// SageMaker Ground Truth output manifests (JSON Lines) whose label attribute keeps every
/// worker's answer, as the annotation-consolidation Lambda of AWS's sample scripts writes it:
/// `"<label attribute>": {"annotationsFromAllWorkers": [{"workerId", "annotationData":
/// {"content": "<JSON text>"}}]}`. Each key of the content is a question (rubric); its answer
/// is the `label` of a crowd-classifier (`{"label": "x"}`), a list of `labels`, or the value
/// itself. The item is `--item-key`'s field, else `source-ref`, else `source`.
///
/// SAFETY: reads `bytes` only through `JSONRecords`, inside the call.
public enum SageMakerImporter {
    public static func read(
        _ bytes: UnsafeRawBufferPointer, file: String, options: ImportOptions = ImportOptions(),
        into collector: inout JudgmentCollector
    ) throws(InputError) {
        var batch = ImportBatch(file: file)
        try JSONRecords.forEach(bytes, file: file) { object, line in
            func fail(_ field: String, _ message: String) { batch.fail(field, message, line: line) }
            guard
                let item = options.itemKey.map({ idText(object[$0]) }) ?? idText(object["source-ref"])
                    ?? idText(object["source"])
            else {
                return fail(
                    options.itemKey ?? "source-ref", "expected the data object's source-ref or source (or --item-key)")
            }
            let attributes = object.filter { ($0.value as? [String: Any])?["annotationsFromAllWorkers"] != nil }
            guard !attributes.isEmpty else {
                return fail(
                    "annotationsFromAllWorkers",
                    "no label attribute keeps every worker's answer; the consolidated label alone cannot measure agreement"
                )
            }
            for (attribute, any) in attributes.sorted(by: { $0.key < $1.key }) {
                for (index, annotation)
                    in ((any as? [String: Any])?["annotationsFromAllWorkers"] as? [[String: Any]] ?? []).enumerated()
                {
                    guard let worker = idText(annotation["workerId"]) else {
                        fail("\(attribute).annotationsFromAllWorkers[\(index)].workerId", "expected the worker's id")
                        continue
                    }
                    guard let text = (annotation["annotationData"] as? [String: Any])?["content"] as? String,
                        let content = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
                    else {
                        fail(
                            "\(attribute).annotationsFromAllWorkers[\(index)].annotationData.content",
                            "expected the worker's answer as JSON text")
                        continue
                    }
                    for (question, answer) in content {
                        var picked: Any? = answer
                        if let fields = answer as? [String: Any] {
                            picked = fields["label"] ?? fields["labels"] ?? fields["value"]
                        }
                        guard let value = valueOf(picked) else { continue }
                        batch.add(Judgment(item: item, reviewer: worker, value: value, rubric: question), line: line)
                    }
                }
            }
        }
        try batch.commit(into: &collector)
    }
}
