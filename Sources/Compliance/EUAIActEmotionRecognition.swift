import WorkModel

/// EU AI Act: inferring a worker's emotions in the workplace is a prohibited practice, except
/// for medical or safety reasons. Source: Regulation (EU) 2024/1689, Art. 5(1)(f); applies
/// from 2025-02-02 (Art. 113(a)).
public struct EUAIActEmotionRecognition: DataRightsRule {
    public let id = "eu-ai-act-emotion-recognition"
    public let citation = "Regulation (EU) 2024/1689, Art. 5(1)(f) and Art. 113(a)"

    public init() {}

    public func applies(to context: DataRightsContext) -> Bool {
        context.rights.emotionInference == true && context.inEU
    }

    public func evaluate(_ context: DataRightsContext) -> DataRightsResult {
        let inForce = context.asOf >= DataRightsRules.aiActProhibitionsFrom
        var result = DataRightsResult(frameworks: [
            FrameworkCheck(
                id: id, name: "EU AI Act: emotion recognition at work", citation: citation,
                note:
                    "Placing on the market or using AI systems to infer the emotions of a natural person in the workplace is prohibited from 2025-02-02, except for medical or safety reasons.",
                requirements: [
                    DataRequirement(
                        requirement: "no inference of the worker's emotions", met: false,
                        field: "data_rights.emotion_inference")
                ])
        ])
        result.add(
            inForce ? .blocking : .warning, "eu-ai-act.workplace-emotion-recognition",
            "EU AI Act Art. 5(1)(f): inferring workers' emotions from the recordings is a prohibited practice in the workplace"
                + (inForce ? "." : " from 2025-02-02."),
            [
                "data_rights.emotion_inference: yes", "jurisdiction: \(context.jurisdiction)",
                "evaluated on \(context.asOf)",
            ],
            "Do not infer emotions from workplace recordings; only medical or safety uses are excepted, with legal review."
        )
        return result
    }
}
