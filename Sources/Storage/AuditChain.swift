import Crypto
package import Foundation

/// One entry of the append-only audit log: who changed what, and the record before and after.
package struct AuditEntry: Sendable, Codable, Equatable {
    package var seq: Int
    package var at: String
    package var actor: String
    package var action: String
    package var entity: String
    package var entityId: String
    /// The record as JSON before the change; nil for a creation.
    package var before: String?
    /// The record as JSON after the change; nil for a deletion.
    package var after: String?
    package var prevHash: String
    package var hash: String

    package init(
        seq: Int, at: String, actor: String, action: String, entity: String, entityId: String,
        before: String?, after: String?, prevHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityId = entityId
        self.before = before
        self.after = after
        self.prevHash = prevHash
        self.hash = hash
    }
}

/// SHA-256 as lowercase hex: the audit chain's hashes and the stored form of session ids and tokens.
package enum Digest {
    package static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    package static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// The hash chain: each entry's hash covers its content and the previous entry's hash, so
/// changing or deleting any entry breaks every hash after it.
package enum AuditChain {
    package static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the fields, each length-prefixed so no two different entries serialise alike.
    package static func hash(of entry: AuditEntry) -> String {
        var material = ""
        for field in [
            String(entry.seq), entry.at, entry.actor, entry.action, entry.entity, entry.entityId,
            entry.before ?? "\u{0}null", entry.after ?? "\u{0}null", entry.prevHash,
        ] {
            material += "\(field.utf8.count):\(field)|"
        }
        return Digest.sha256Hex(material)
    }

    /// A hash the entry at `seq` must still have: a signed checkpoint kept outside the database,
    /// or a head an operator kept (`--expect-head`). `source` names it in a report.
    package struct Expectation: Sendable, Equatable {
        package var seq: Int
        package var hash: String
        package var source: String

        package init(seq: Int, hash: String, source: String) {
            self.seq = seq
            self.hash = hash
            self.source = source
        }
    }

    /// What `audit verify` reports.
    package struct Verification: Sendable, Equatable, Codable {
        package var entries: Int
        package var lastSeq: Int
        package var lastHash: String
        /// Problems found, in log order, then those with the checkpoints; empty when the chain is intact.
        package var breaks: [String]
        /// How many checkpoints (and `--expect-head` values) were compared with the chain.
        package var checkpoints: Int
        /// The newest entry a matching checkpoint vouches for; 0 when none does.
        package var anchoredThrough: Int
        package var intact: Bool { breaks.isEmpty }

        enum CodingKeys: String, CodingKey {
            case intact, entries, lastSeq, lastHash, breaks, checkpoints, anchoredThrough
        }

        package init(
            entries: Int, lastSeq: Int, lastHash: String, breaks: [String], checkpoints: Int = 0,
            anchoredThrough: Int = 0
        ) {
            self.entries = entries
            self.lastSeq = lastSeq
            self.lastHash = lastHash
            self.breaks = breaks
            self.checkpoints = checkpoints
            self.anchoredThrough = anchoredThrough
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                entries: try container.decode(Int.self, forKey: .entries),
                lastSeq: try container.decode(Int.self, forKey: .lastSeq),
                lastHash: try container.decode(String.self, forKey: .lastHash),
                breaks: try container.decode([String].self, forKey: .breaks),
                checkpoints: try container.decodeIfPresent(Int.self, forKey: .checkpoints) ?? 0,
                anchoredThrough: try container.decodeIfPresent(Int.self, forKey: .anchoredThrough) ?? 0)
        }

        /// `intact` is written out so a script can test one field.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(intact, forKey: .intact)
            try container.encode(entries, forKey: .entries)
            try container.encode(lastSeq, forKey: .lastSeq)
            try container.encode(lastHash, forKey: .lastHash)
            try container.encode(breaks, forKey: .breaks)
            try container.encode(checkpoints, forKey: .checkpoints)
            try container.encode(anchoredThrough, forKey: .anchoredThrough)
        }
    }

    /// Walks entries in order and checks numbering, links and hashes; `previous` carries the state
    /// between pages so a long log is verified without loading it whole.
    ///
    /// The chain alone proves only that the log is consistent with itself: someone who can write
    /// the database can change an entry and recompute every hash after it. Expectations kept
    /// outside the database catch that: the entry at each expected sequence must still have the
    /// expected hash.
    package struct Verifier: Sendable {
        package private(set) var entries = 0
        package private(set) var lastSeq = 0
        package private(set) var lastHash = AuditChain.genesis
        package private(set) var breaks: [String] = []
        private var expected: [Int: [Expectation]] = [:]
        private var matched: [Expectation] = []
        private var missed: [(expectation: Expectation, miss: Miss)] = []

        /// How an entry failed its expectation.
        private enum Miss {
            case rehashed(found: String)
            case missing
            case beyondTheEnd
        }

        package init(expecting expectations: [Expectation] = []) {
            expected = Dictionary(grouping: expectations, by: \.seq)
        }

        /// Starts after an entry already checked (the newest checkpoint), to check only what follows it.
        package init(resumingAfter seq: Int, hash: String) {
            lastSeq = seq
            lastHash = hash
        }

        package mutating func check(_ entry: AuditEntry) {
            entries += 1
            if entry.seq != lastSeq + 1 {
                breaks.append(
                    "entry \(entry.seq): expected entry \(lastSeq + 1) next; entries \(lastSeq + 1)...\(entry.seq - 1) are missing"
                )
            }
            if entry.prevHash != lastHash {
                breaks.append("entry \(entry.seq): does not link to the entry before it (previous hash differs)")
            }
            if AuditChain.hash(of: entry) != entry.hash {
                breaks.append("entry \(entry.seq): content does not match its hash (the entry was changed)")
            }
            if let expectations = expected.removeValue(forKey: entry.seq) {
                for expectation in expectations {
                    if expectation.hash == entry.hash {
                        matched.append(expectation)
                    } else {
                        missed.append((expectation, .rehashed(found: entry.hash)))
                    }
                }
            }
            lastSeq = entry.seq
            lastHash = entry.hash
        }

        /// The head records the last entry written; a log that stops short of it lost its tail.
        package func finish(headSeq: Int, headHash: String) -> Verification {
            var breaks = self.breaks
            if headSeq != lastSeq {
                breaks.append(
                    "the log ends at entry \(lastSeq) but \(headSeq) entries were written; entries after \(lastSeq) are missing"
                )
            } else if headHash != lastHash {
                breaks.append("the last entry's hash does not match the recorded head")
            }
            breaks += anchorBreaks()
            let checked = matched.count + missed.count + expected.values.reduce(0) { $0 + $1.count }
            return Verification(
                entries: entries, lastSeq: lastSeq, lastHash: lastHash, breaks: breaks, checkpoints: checked,
                anchoredThrough: matched.map(\.seq).max() ?? 0)
        }

        /// The first expectation the chain no longer meets, in full, with the range the change lies
        /// in; the later ones only counted, since a rewrite at entry n breaks every checkpoint after n.
        private func anchorBreaks() -> [String] {
            let unseen = expected.values.joined().map { expectation in
                (expectation: expectation, miss: expectation.seq > lastSeq ? Miss.beyondTheEnd : .missing)
            }
            let failures = (missed + unseen).sorted { $0.expectation.seq < $1.expectation.seq }
            guard let first = failures.first else { return [] }
            let expectation = first.expectation
            // The newest checkpoint below this one that still matches bounds the change from below.
            let after =
                matched.map(\.seq).filter { $0 < expectation.seq }.max()
                .map { " and after entry \($0), the newest checkpoint that still matches" } ?? ""
            var message = "\(expectation.source) no longer matches: "
            switch first.miss {
            case .beyondTheEnd:
                message +=
                    "the log now ends at entry \(lastSeq), before entry \(expectation.seq); the entries after \(lastSeq) were removed"
            case .missing:
                message +=
                    "entry \(expectation.seq) is missing; the log was changed at or before entry \(expectation.seq)\(after)"
            case .rehashed(let found):
                message +=
                    "entry \(expectation.seq) now hashes to \(found.prefix(16))…, not \(expectation.hash.prefix(16))…; "
                    + "the log was changed at or before entry \(expectation.seq)\(after)"
            }
            var lines = [message]
            if failures.count > 1 { lines.append("\(failures.count - 1) later checkpoint(s) no longer match either") }
            return lines
        }
    }
}
