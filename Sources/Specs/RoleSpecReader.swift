public import WorkModel

/// Reads a role spec (YAML, or one JSON object) into a `RoleSpec`, checking structure and
/// vocabulary together and reporting every problem with its position.
public struct RoleSpecReader: Sendable {
    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    /// Parses and validates `text`. `lineOffset` shifts reported lines, for specs that are
    /// one line of a JSON Lines stream.
    public func read(_ text: String, file: String, lineOffset: Int = 0) -> Result<RoleSpec, InputError> {
        let root: SpecNode?
        do {
            root = try SpecDocument.parse(text, file: file, lineOffset: lineOffset)
        } catch {
            return .failure(error)
        }
        guard let root else {
            return .failure(
                InputError([
                    Diagnostic(
                        file: file, location: SourceLocation(line: 1 + lineOffset, column: 1), field: "",
                        message: "the file is empty; expected a role spec (see `wagefile schema role`)")
                ]))
        }
        return read(root, file: file)
    }

    public func read(_ root: SpecNode, file: String) -> Result<RoleSpec, InputError> {
        var reader = FieldReader(file: file)
        let spec = decode(root, reader: &reader)
        if let spec, reader.diagnostics.isEmpty { return .success(spec) }
        if reader.diagnostics.isEmpty {
            reader.report(root.location, "", "the spec could not be read")
        }
        return .failure(InputError(reader.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }))
    }

    // MARK: Decoding

    // Long because: reads the role spec's top-level fields in schema order, reporting every problem with its line; the sections already have their own readers.
    private func decode(_ root: SpecNode, reader: inout FieldReader) -> RoleSpec? {
        guard let top = reader.mapping(root, path: "", allowed: RoleSpecFormat.topLevel) else { return nil }
        var locations: [String: SourceLocation] = ["": root.location]
        for entry in top.entries { locations[entry.key] = entry.value.location }

        if let tag = reader.string(top, "spec"), tag != RoleSpecFormat.schemaTag {
            reader.report(top.location(of: "spec"), "spec", "expected '\(RoleSpecFormat.schemaTag)', found '\(tag)'")
        }
        let id = reader.string(top, "id", required: true)
        if let id, !Self.isIdentifier(id) {
            reader.report(top.location(of: "id"), "id", "expected letters, digits, '-', '_' or '.', found '\(id)'")
        }
        let kind = reader.enumeration(top, "kind", as: SpecKind.self) ?? .role
        let title = reader.string(top, "title", required: true)
        let direction = reader.enumeration(top, "direction", as: Direction.self, required: true)
        let category = reader.string(top, "category").flatMap {
            reader.check($0, at: top.location(of: "category"), path: "category", from: vocabulary.categories)
        }

        var factors: [String: String] = [:]
        var judgmentPurchased: String?
        if let node = top.value("judgment"),
            let judgment = reader.mapping(node, path: "judgment", allowed: RoleSpecFormat.judgment)
        {
            judgmentPurchased = reader.string(judgment, "purchased", required: true)
            readFactor("judgment", key: "type", in: judgment, into: &factors, reader: &reader)
        } else if !top.has("judgment") {
            reader.report(top.location, "judgment", "required field is missing (what judgment is bought, and its type)")
        }

        let tasks = readTasks(top, reader: &reader, locations: &locations)

        var expertise = Expertise()
        if let node = top.value("expertise") {
            if case .scalar = node {
                readFactor("expertise", node: node, path: "expertise", into: &factors, reader: &reader)
            } else if let view = reader.mapping(node, path: "expertise", allowed: RoleSpecFormat.expertise) {
                readFactor("expertise", key: "level", in: view, into: &factors, reader: &reader)
                expertise.domain = reader.string(view, "domain")
                expertise.credential = reader.string(view, "credential")
            }
        }
        var languageName: String?
        if let node = top.value("language") {
            if case .scalar = node {
                readFactor("language", node: node, path: "language", into: &factors, reader: &reader)
            } else if let view = reader.mapping(node, path: "language", allowed: RoleSpecFormat.language) {
                languageName = reader.string(view, "name")
                readFactor("language", key: "scarcity", in: view, into: &factors, reader: &reader)
            }
        }
        var consequenceIfWrong: String?
        if let node = top.value("consequences"),
            let view = reader.mapping(node, path: "consequences", allowed: RoleSpecFormat.consequences)
        {
            consequenceIfWrong = reader.string(view, "if_wrong")
            readFactor("impact", key: "impact", in: view, into: &factors, reader: &reader)
        }
        for key in [
            "scope", "modality", "authority", "data_sensitivity", "content_exposure", "night_work", "physical_strain",
        ] {
            readFactor(key, key: key, in: top, into: &factors, reader: &reader)
        }
        if let node = top.value("factors"), let view = reader.mapping(node, path: "factors") {
            let builtIn = Set(RoleSpecFormat.factorFields.map(\.factor))
            for entry in view.entries {
                let path = "factors.\(entry.key)"
                if builtIn.contains(entry.key) {
                    reader.report(
                        entry.keyLocation, path,
                        "'\(entry.key)' has its own field: \(RoleSpecFormat.fieldPath(ofFactor: entry.key))")
                } else if vocabulary.factorLevels[entry.key] == nil {
                    reader.report(entry.keyLocation, path, "no factor '\(entry.key)' in the factor tables")
                } else {
                    readFactor(entry.key, node: entry.value, path: path, into: &factors, reader: &reader)
                }
            }
        }
        var assumedFactors: [String] = []
        for factor in vocabulary.factorOrder where factors[factor] == nil {
            let path = RoleSpecFormat.fieldPath(ofFactor: factor)
            // Factors added after specs were written have a default; the file says it was assumed.
            if let level = vocabulary.factorDefaults[factor], !reader.diagnostics.contains(where: { $0.field == path })
            {
                factors[factor] = level
                assumedFactors.append(factor)
                continue
            }
            if !reader.diagnostics.contains(where: { $0.field == path }) {
                let levels = vocabulary.factorLevels[factor] ?? []
                let parent = String(path.prefix { $0 != "." })
                reader.report(
                    path.contains(".") ? top.location(of: parent) : top.location, path,
                    "required evaluation factor is missing (one of: \(levels.joined(separator: ", ")))")
            }
        }

        let worker = readWorker(top, reader: &reader)
        let currency = reader.string(top, "currency", required: true)
        if let currency { checkCurrency(currency, at: top.location(of: "currency"), path: "currency", reader: &reader) }
        var offered: PayQuote?
        if let node = top.value("offered"), !node.isNull {
            offered = readPay(node, path: "offered", currency: currency ?? "USD", reader: &reader)
        }
        let payPractice = readPayPractice(top, reader: &reader)
        let engagement = readEngagement(top, reader: &reader)
        let protections = readProtections(top, reader: &reader)
        let dataRights = readDataRights(top, reader: &reader)
        let candidates = readCandidates(top, currency: currency ?? "USD", reader: &reader)
        let budgetOwner = reader.string(top, "budget_owner")
        let governanceOwner = reader.string(top, "governance_owner")
        var vendor: VendorTerms?
        if let node = top.value("vendor"),
            let view = reader.mapping(node, path: "vendor", allowed: RoleSpecFormat.vendor)
        {
            let name = reader.string(view, "name", required: true) ?? ""
            let bill = view.value("bill_rate").flatMap {
                readPay($0, path: "vendor.bill_rate", currency: currency ?? "USD", reader: &reader)
            }
            let workerPay = view.value("worker_pay").flatMap {
                readPay($0, path: "vendor.worker_pay", currency: currency ?? "USD", reader: &reader)
            }
            vendor = VendorTerms(
                name: name, billRate: bill, workerPayDisclosed: reader.bool(view, "worker_pay_disclosed"),
                workerPay: workerPay,
                checklist: readChecklist(view, reader: &reader), supplyChain: readSupplyChain(view, reader: &reader),
                lastAudit: readDate(view, "last_audit", reader: &reader))
        }
        if kind == .vendorContract && vendor == nil && !top.has("vendor") {
            reader.report(top.location, "vendor", "a vendor contract needs a vendor: section (name, bill_rate)")
        }
        let posting = readPosting(top, reader: &reader)
        _ = reader.string(top, "notes")

        guard let id, let title, let direction, let judgmentPurchased, let worker, let currency,
            reader.diagnostics.isEmpty
        else { return nil }
        var spec = RoleSpec(
            id: id, kind: kind, title: title, judgmentPurchased: judgmentPurchased, tasks: tasks,
            direction: direction, category: category, factors: factors, consequenceIfWrong: consequenceIfWrong,
            expertise: expertise, language: languageName, worker: worker, currency: currency, offered: offered,
            payPractice: payPractice, engagement: engagement, protections: protections, dataRights: dataRights,
            internalCandidates: candidates,
            budgetOwner: budgetOwner, governanceOwner: governanceOwner, vendor: vendor,
            locations: locations, file: reader.file)
        spec.assumedFactors = assumedFactors
        spec.posting = posting
        return spec
    }

    /// `posting: {advertised, range: {min, max, basis}, employer_employees}`; the range is in the
    /// spec's currency and may not be per task (the laws ask for a wage or salary range).
    private func readPosting(_ top: MappingView, reader: inout FieldReader) -> Posting? {
        guard let node = top.value("posting"), !node.isNull,
            let view = reader.mapping(node, path: "posting", allowed: RoleSpecFormat.posting)
        else { return nil }
        var range: PostedRange?
        if let node = view.value("range"), !node.isNull,
            let bounds = reader.mapping(node, path: "posting.range", allowed: RoleSpecFormat.postedRange)
        {
            let min = reader.number(bounds, "min", required: true, range: 0...1e12)
            let max = reader.number(bounds, "max", required: true, range: 0...1e12)
            let basis = reader.enumeration(bounds, "basis", as: PayBasis.self, required: true)
            if basis == .perTask {
                reader.report(
                    bounds.location(of: "basis"), "posting.range.basis",
                    "a posted range is a wage or salary range: hourly, day, month or annual, not per-task")
            }
            if let min, let max, min > max {
                reader.report(
                    bounds.location(of: "max"), "posting.range.max",
                    "expected a maximum at or above the minimum \(Format.number(min)), found \(Format.number(max))")
            }
            if let min, let max, let basis, basis != .perTask, min <= max {
                range = PostedRange(min: min, max: max, basis: basis)
            }
        }
        let employees = reader.integer(view, "employer_employees", minimum: 1)
        return Posting(advertised: reader.bool(view, "advertised"), range: range, employerEmployees: employees)
    }

    private func readFactor(
        _ factor: String, key: String, in view: MappingView, into factors: inout [String: String],
        reader: inout FieldReader
    ) {
        guard let node = view.value(key) else { return }
        readFactor(factor, node: node, path: view.path(key), into: &factors, reader: &reader)
    }

    private func readFactor(
        _ factor: String, node: SpecNode, path: String, into factors: inout [String: String], reader: inout FieldReader
    ) {
        guard let levels = vocabulary.factorLevels[factor] else {
            reader.report(node.location, path, "no factor '\(factor)' in the factor tables")
            return
        }
        guard let text = reader.string(node, path: path, required: true) else { return }
        if let level = reader.check(text, at: node.location, path: path, from: levels) { factors[factor] = level }
    }

    private func readTasks(_ top: MappingView, reader: inout FieldReader, locations: inout [String: SourceLocation])
        -> [TaskShare]
    {
        guard let node = top.value("tasks") else {
            reader.report(top.location, "tasks", "required field is missing (the tasks the work consists of)")
            return []
        }
        guard let items = reader.list(node, path: "tasks") else { return [] }
        if items.isEmpty { reader.report(node.location, "tasks", "list at least one task") }
        var tasks: [TaskShare] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let path = "tasks[\(index)]"
            locations[path] = item.location
            var task: TaskShare?
            if case .scalar = item {
                if let name = reader.string(item, path: path, required: true) {
                    task = reader.check(name, at: item.location, path: path, from: vocabulary.taskKinds).map {
                        TaskShare(task: $0)
                    }
                }
            } else if let view = reader.mapping(item, path: path, allowed: RoleSpecFormat.task) {
                let name = reader.choice(view, "task", from: vocabulary.taskKinds, required: true)
                let share = reader.number(view, "share", range: 0...1, exclusiveMinimum: 0)
                task = name.map { TaskShare(task: $0, share: share, note: reader.string(view, "note")) }
            }
            guard let task else { continue }
            if !seen.insert(task.task).inserted {
                reader.report(item.location, path, "task '\(task.task)' is listed twice; give it one share")
            }
            tasks.append(task)
        }
        // A task that could not be read has an unknown share; summing the rest would mislead.
        guard tasks.count == items.count else { return tasks }
        let stated = tasks.compactMap(\.share)
        let total = stated.reduce(0, +)
        if stated.count == tasks.count, !tasks.isEmpty, abs(total - 1) > 0.011 {
            reader.report(node.location, "tasks", "shares add up to \(Format.number(total)); they must add up to 1")
        } else if stated.count < tasks.count, total > 1.0001 {
            reader.report(
                node.location, "tasks",
                "shares add up to \(Format.number(total)) before the unstated ones; they must leave room for them")
        } else if stated.count < tasks.count, !stated.isEmpty, total >= 0.9999 {
            reader.report(
                node.location, "tasks", "stated shares already add up to 1; the tasks without a share would get none")
        }
        return tasks
    }

    private func readWorker(_ top: MappingView, reader: inout FieldReader) -> Worker? {
        guard let node = top.value("worker") else {
            reader.report(top.location, "worker", "required field is missing (status and jurisdiction)")
            return nil
        }
        guard let view = reader.mapping(node, path: "worker", allowed: RoleSpecFormat.worker) else { return nil }
        let status = reader.enumeration(view, "status", as: WorkerStatus.self, required: true)
        let jurisdiction = reader.string(view, "jurisdiction", required: true)
        if let jurisdiction, !RoleSpecFormat.isJurisdiction(jurisdiction) {
            reader.report(
                view.location(of: "jurisdiction"), "worker.jurisdiction",
                "expected an ISO 3166 code such as KE, US-CA or IN-HR, found '\(jurisdiction)'")
        }
        let worker = Worker(
            status: status ?? .contractor, jurisdiction: jurisdiction ?? "",
            location: reader.string(view, "location"), headcount: reader.integer(view, "headcount", minimum: 1),
            hoursPerWeek: reader.number(view, "hours_per_week", range: 0...168, exclusiveMinimum: 0),
            hoursPerDay: reader.number(view, "hours_per_day", range: 0...24, exclusiveMinimum: 0),
            skillLevel: readTierName(view, "skill_level", reader: &reader),
            occupation: readTierName(view, "occupation", reader: &reader),
            overtimeExemption: reader.enumeration(view, "overtime_exemption", as: Worker.OvertimeExemptionClass.self),
            exemptDutiesMet: reader.bool(view, "exempt_duties_met"))
        return status == nil || jurisdiction == nil ? nil : worker
    }

    /// A wage-order tier as the orders name them: words of letters and digits joined by hyphens
    /// ("skilled-a", "night-watchman"). Which names exist depends on the jurisdiction's order,
    /// so the reader checks the form; the floor lookup says when a name matches no tier.
    private func readTierName(_ view: MappingView, _ key: String, reader: inout FieldReader) -> String? {
        guard let text = reader.string(view, key) else { return nil }
        let valid =
            !text.isEmpty && text.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
            && !text.hasPrefix("-") && !text.hasSuffix("-")
        if !valid {
            reader.report(
                view.location(of: key), view.path(key),
                "expected a tier name in lower case with hyphens, such as 'skilled-a' or 'general-labourer', found '\(text)'"
            )
            return nil
        }
        return text
    }

    public func readPay(_ node: SpecNode, path: String, currency: String, reader: inout FieldReader) -> PayQuote? {
        guard let view = reader.mapping(node, path: path, allowed: RoleSpecFormat.pay) else { return nil }
        let amount = reader.number(view, "amount", required: true, range: 0...1e12)
        let basis = reader.enumeration(view, "basis", as: PayBasis.self, required: true)
        let payCurrency = reader.string(view, "currency") ?? currency
        if view.has("currency") {
            checkCurrency(payCurrency, at: view.location(of: "currency"), path: view.path("currency"), reader: &reader)
        }
        let minutes = reader.number(view, "minutes_per_task", range: 0...100_000, exclusiveMinimum: 0)
        if basis == .perTask && minutes == nil
            && !reader.diagnostics.contains(where: { $0.field == view.path("minutes_per_task") })
        {
            reader.report(
                view.location, view.path("minutes_per_task"),
                "per-task pay needs the expected minutes per task to give an hourly figure")
        }
        if basis != nil && basis != .perTask && view.has("minutes_per_task") {
            reader.report(
                view.location(of: "minutes_per_task"), view.path("minutes_per_task"),
                "only per-task pay takes minutes_per_task")
        }
        guard let amount, let basis else { return nil }
        return PayQuote(amount: amount, currency: payCurrency, basis: basis, minutesPerTask: minutes)
    }

    private func checkCurrency(_ code: String, at location: SourceLocation, path: String, reader: inout FieldReader) {
        if !RoleSpecFormat.isCurrencyCode(code) {
            reader.report(location, path, "expected a three-letter ISO 4217 code such as USD, found '\(code)'")
        } else if !vocabulary.currencies.contains(code) {
            reader.report(
                location, path,
                "no exchange rate for \(code) in the reference data; add one with --reference (known: \(vocabulary.currencies.joined(separator: ", ")))"
            )
        }
    }

    private func readProtections(_ top: MappingView, reader: inout FieldReader) -> Protections {
        guard let node = top.value("protections"), !node.isNull,
            let view = reader.mapping(node, path: "protections", allowed: RoleSpecFormat.protections)
        else { return Protections() }
        return Protections(
            benefits: reader.bool(view, "benefits"), overtime: reader.bool(view, "overtime"),
            paidQualification: reader.bool(view, "paid_qualification"),
            paymentDisputeProcess: reader.bool(view, "payment_dispute_process"),
            wellbeingSupport: reader.bool(view, "wellbeing_support"),
            safetyTraining: reader.bool(view, "safety_training"))
    }

    private func readDataRights(_ top: MappingView, reader: inout FieldReader) -> DataRights {
        guard let node = top.value("data_rights"), !node.isNull,
            let view = reader.mapping(node, path: "data_rights", allowed: RoleSpecFormat.dataRights)
        else { return DataRights() }
        var consent: Consent?
        if let node = view.value("consent"), !node.isNull,
            let record = reader.mapping(node, path: "data_rights.consent", allowed: RoleSpecFormat.consent)
        {
            consent = Consent(
                obtained: reader.bool(record, "obtained"), written: reader.bool(record, "written"),
                withdrawable: reader.bool(record, "withdrawable"),
                itemisedNotice: reader.bool(record, "itemised_notice"),
                language: reader.string(record, "language"), record: reader.string(record, "record"))
            consent?.onWithdrawal = reader.enumeration(record, "on_withdrawal", as: Consent.OnWithdrawal.self)
        }
        return DataRights(
            workerDataRecorded: reader.bool(view, "worker_data_recorded") ?? false,
            biometric: reader.bool(view, "biometric"),
            healthInference: reader.bool(view, "health_inference"),
            biometricUse: reader.enumeration(view, "biometric_use", as: DataRights.BiometricUse.self),
            consent: consent, canRefuseWithoutPenalty: reader.bool(view, "can_refuse_without_penalty"),
            paidDirectly: reader.bool(view, "paid_directly"),
            downstreamUseDisclosed: reader.bool(view, "downstream_use_disclosed"),
            secondaryUseLimits: reader.bool(view, "secondary_use_limits"), retention: reader.string(view, "retention"),
            benefitSharing: reader.bool(view, "benefit_sharing"), soldOrLicensed: reader.bool(view, "sold_or_licensed"),
            impactAssessment: reader.bool(view, "impact_assessment"),
            emotionInference: reader.bool(view, "emotion_inference"),
            payment: readDataPayment(view, reader: &reader))
    }

    /// `data_rights.payment`: the buyer's price and each party's part of it.
    private func readDataPayment(_ rights: MappingView, reader: inout FieldReader) -> DataPayment? {
        guard let node = rights.value("payment"), !node.isNull,
            let view = reader.mapping(node, path: "data_rights.payment", allowed: RoleSpecFormat.dataPayment)
        else { return nil }
        func amount(_ map: MappingView, _ key: String) -> Double? { reader.number(map, key, range: 0...1e12) }
        func share(_ map: MappingView, _ key: String) -> Double? { reader.number(map, key, range: 0...1) }
        var payment = DataPayment(
            currency: reader.string(view, "currency"),
            recordedHoursPerWeek: reader.number(view, "recorded_hours_per_week", range: 0...168))
        if let currency = payment.currency, !RoleSpecFormat.isCurrencyCode(currency) {
            reader.report(
                view.location(of: "currency"), "data_rights.payment.currency",
                "expected an ISO 4217 code like INR, found '\(currency)'")
        }
        if let node = view.value("buyer_pays"),
            let buyer = reader.mapping(node, path: "data_rights.payment.buyer_pays", allowed: RoleSpecFormat.buyerPays)
        {
            payment.buyerPerFootageHour = amount(buyer, "per_footage_hour")
            payment.buyerPerLicence = amount(buyer, "per_licence")
            payment.licenceFootageHours = reader.number(
                buyer, "licence_footage_hours", range: 0...1e9, exclusiveMinimum: 0)
            if payment.buyerPerLicence != nil && payment.licenceFootageHours == nil {
                reader.report(
                    buyer.location, "data_rights.payment.buyer_pays.licence_footage_hours",
                    "required with per_licence: the hours of footage the licence covers")
            }
            if payment.buyerPerLicence != nil && payment.buyerPerFootageHour != nil {
                reader.report(
                    buyer.location, "data_rights.payment.buyer_pays", "give per_footage_hour or per_licence, not both")
            }
        }
        if let node = view.value("worker"),
            let worker = reader.mapping(node, path: "data_rights.payment.worker", allowed: RoleSpecFormat.workerDataPay)
        {
            payment.worker = DataPayment.WorkerShare(
                perRecordedHour: amount(worker, "per_recorded_hour"), perConsent: amount(worker, "per_consent"),
                shareOfSale: share(worker, "share_of_sale"), royaltyShare: share(worker, "royalty_share"),
                paidToWorker: reader.bool(worker, "paid_to_worker"))
        }
        if let node = view.value("facility"),
            let facility = reader.mapping(
                node, path: "data_rights.payment.facility", allowed: RoleSpecFormat.facilityDataPay)
        {
            payment.facility = DataPayment.FacilityShare(
                accessFeePerMonth: amount(facility, "access_fee_per_month"),
                shareOfSale: share(facility, "share_of_sale"))
        }
        if let node = view.value("fund"),
            let fund = reader.mapping(node, path: "data_rights.payment.fund", allowed: RoleSpecFormat.fund)
        {
            payment.fundName = reader.string(fund, "name")
            payment.fundShareOfSale = share(fund, "share_of_sale")
        }
        let shares = [payment.worker.shareOfSale, payment.facility.shareOfSale, payment.fundShareOfSale].compactMap {
            $0
        }.reduce(0, +)
        if shares > 1 + 1e-9 {
            reader.report(
                view.location, "data_rights.payment",
                "the shares of the sale add up to \(Format.number(shares)); they cannot exceed 1")
        }
        return payment
    }

    private func readPayPractice(_ top: MappingView, reader: inout FieldReader) -> PayPractice {
        guard let node = top.value("pay_practice"), !node.isNull,
            let view = reader.mapping(node, path: "pay_practice", allowed: RoleSpecFormat.payPractice)
        else { return PayPractice() }
        // A share of 1 would mean no paid time at all; effective pay needs some.
        func share(_ key: String) -> Double? { reader.number(view, key, range: 0...0.99) }
        func amount(_ key: String) -> Double? { reader.number(view, key, range: 0...1e9) }
        let weeks = reader.number(view, "engagement_weeks", range: 0...520, exclusiveMinimum: 0)
        return PayPractice(
            platformFee: share("platform_fee"), workerCostsPerMonth: amount("worker_costs_per_month"),
            unpaidQualificationHours: reader.number(view, "unpaid_qualification_hours", range: 0...10_000),
            unpaidOnboardingHours: reader.number(view, "unpaid_onboarding_hours", range: 0...10_000),
            engagementWeeks: weeks, unpaidSearchShare: share("unpaid_search_share"),
            rejectedShare: share("rejected_share"),
            rejectedPaid: reader.bool(view, "rejected_paid"),
            unpaidReworkShare: reader.number(view, "unpaid_rework_share", range: 0...10),
            paidOnTime: reader.bool(view, "paid_on_time"), rejectionProcess: reader.bool(view, "rejection_process"),
            taskTimeEstimateShown: reader.bool(view, "task_time_estimate_shown"),
            oneOffTiming: reader.enumeration(view, "one_off_timing", as: PayPractice.OneOffTiming.self))
    }

    private func readEngagement(_ top: MappingView, reader: inout FieldReader) -> Engagement {
        guard let node = top.value("engagement"), !node.isNull,
            let view = reader.mapping(node, path: "engagement", allowed: RoleSpecFormat.engagement)
        else { return Engagement() }
        return Engagement(
            hirerControlsWork: reader.bool(view, "hirer_controls_work"),
            technologyMonitoring: reader.bool(view, "technology_monitoring"),
            hirerSetsSchedule: reader.bool(view, "hirer_sets_schedule"),
            detailedInstructions: reader.bool(view, "detailed_instructions"),
            hirerTrains: reader.bool(view, "hirer_trains"), workerInvestment: reader.bool(view, "worker_investment"),
            profitOrLoss: reader.bool(view, "profit_or_loss"),
            permanence: reader.enumeration(view, "permanence", as: Engagement.Permanence.self),
            integralToBusiness: reader.bool(view, "integral_to_business"),
            independentSkill: reader.bool(view, "independent_skill"),
            worksForOthers: reader.bool(view, "works_for_others"),
            substitutionAllowed: reader.bool(view, "substitution_allowed"),
            mutualityOfObligation: reader.bool(view, "mutuality_of_obligation"),
            paidBy: reader.enumeration(view, "paid_by", as: Engagement.PaidBy.self),
            expensesReimbursed: reader.bool(view, "expenses_reimbursed"),
            contract: reader.enumeration(view, "contract", as: Engagement.ContractLabel.self),
            clientSize: reader.enumeration(view, "client_size", as: Engagement.ClientSize.self),
            throughPlatform: reader.bool(view, "through_platform"),
            throughIntermediary: reader.bool(view, "through_intermediary"),
            automatedDeactivation: reader.bool(view, "automated_deactivation"),
            ownBusiness: reader.bool(view, "own_business"),
            writtenContract: reader.bool(view, "written_contract"),
            businessLocation: reader.bool(view, "business_location"),
            businessLicence: reader.bool(view, "business_licence"),
            advertisesServices: reader.bool(view, "advertises_services"),
            servesHirerDirectly: reader.bool(view, "serves_hirer_directly"),
            setsOwnRates: reader.bool(view, "sets_own_rates"),
            dischargeAtWill: reader.bool(view, "discharge_at_will"),
            licensedProfession: reader.enumeration(view, "licensed_profession", as: Engagement.LicensedProfession.self),
            californiaExemption: reader.enumeration(
                view, "california_exemption", as: Engagement.CaliforniaExemption.self),
            paymentDueDays: reader.number(view, "payment_due_days", range: 0...3650))
    }

    private func readChecklist(_ vendor: MappingView, reader: inout FieldReader) -> ProcurementChecklist {
        guard let node = vendor.value("checklist"), !node.isNull,
            let view = reader.mapping(node, path: "vendor.checklist", allowed: RoleSpecFormat.checklist)
        else { return ProcurementChecklist() }
        var jurisdictions: [String] = []
        for item in reader.stringItems(view, "governing_jurisdictions") {
            if RoleSpecFormat.isJurisdiction(item.value) {
                jurisdictions.append(item.value)
            } else {
                reader.report(
                    item.location, item.path, "expected an ISO 3166 code such as KE or US-CA, found '\(item.value)'")
            }
        }
        return ProcurementChecklist(
            workerStatusKnown: reader.bool(view, "worker_status_known"),
            assessmentsPaid: reader.bool(view, "assessments_paid"),
            unpaidQualification: reader.bool(view, "unpaid_qualification"),
            rejectionErasesWork: reader.bool(view, "rejection_erases_work"),
            governingJurisdictions: jurisdictions, minimumWageAssured: reader.bool(view, "minimum_wage_assured"),
            overtimePaid: reader.bool(view, "overtime_paid"), benefitsAndLeave: reader.bool(view, "benefits_and_leave"),
            complaintsChannel: reader.bool(view, "complaints_channel"),
            paymentDisputeProcess: reader.bool(view, "payment_dispute_process"),
            harmfulContentSafeguards: reader.bool(view, "harmful_content_safeguards"),
            buyerControlsWork: reader.bool(view, "buyer_controls_work"))
    }

    private func readSupplyChain(_ vendor: MappingView, reader: inout FieldReader) -> SupplyChainRisks {
        guard let node = vendor.value("supply_chain"), !node.isNull,
            let view = reader.mapping(node, path: "vendor.supply_chain", allowed: RoleSpecFormat.supplyChain)
        else { return SupplyChainRisks() }
        return SupplyChainRisks(
            lowWages: reader.bool(view, "low_wages"), unpaidLabor: reader.bool(view, "unpaid_labor"),
            unsafeConditions: reader.bool(view, "unsafe_conditions"),
            weakTransparency: reader.bool(view, "weak_transparency"),
            limitedRemedy: reader.bool(view, "limited_remedy"))
    }

    private func readDate(_ view: MappingView, _ key: String, reader: inout FieldReader) -> CalendarDate? {
        guard let text = reader.string(view, key) else { return nil }
        guard let date = CalendarDate(text) else {
            reader.report(
                view.location(of: key), view.path(key),
                "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(text)'")
            return nil
        }
        return date
    }

    private func readCandidates(_ top: MappingView, currency: String, reader: inout FieldReader) -> [InternalCandidate]
    {
        guard let node = top.value("internal_candidates"), !node.isNull,
            let items = reader.list(node, path: "internal_candidates")
        else { return [] }
        return items.enumerated().compactMap { index, item in
            let path = "internal_candidates[\(index)]"
            guard let view = reader.mapping(item, path: path, allowed: RoleSpecFormat.candidate) else { return nil }
            let name = reader.string(view, "name", required: true)
            let layer = reader.choice(view, "layer", from: WorkLayer.allCases.map(\.rawValue))
            let pay = view.value("pay").flatMap {
                readPay($0, path: view.path("pay"), currency: currency, reader: &reader)
            }
            return name.map {
                InternalCandidate(
                    name: $0, currentTitle: reader.string(view, "title"), currentLayer: layer, currentPay: pay,
                    evidence: reader.strings(view, "evidence"))
            }
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 120
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }
}
