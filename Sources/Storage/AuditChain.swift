import Crypto
public import Foundation

/// One entry of the append-only audit log: who changed what, and the record before and after.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var seq: Int
    public var at: String
    public var actor: String
    public var action: String
    public var entity: String
    public var entityId: String
    /// The record as JSON before the change; nil for a creation.
    public var before: String?
    /// The record as JSON after the change; nil for a deletion.
    public var after: String?
    public var prevHash: String
    public var hash: String

    public init(seq: Int, at: String, actor: String, action: String, entity: String, entityId: String,
                before: String?, after: String?, prevHash: String, hash: String) {
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
public enum Digest {
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// The hash chain: each entry's hash covers its content and the previous entry's hash, so
/// changing or deleting any entry breaks every hash after it.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the fields, each length-prefixed so no two different entries serialise alike.
    public static func hash(of entry: AuditEntry) -> String {
        var material = ""
        for field in [String(entry.seq), entry.at, entry.actor, entry.action, entry.entity, entry.entityId,
                      entry.before ?? "\u{0}null", entry.after ?? "\u{0}null", entry.prevHash] {
            material += "\(field.utf8.count):\(field)|"
        }
        return Digest.sha256Hex(material)
    }

    /// What `audit verify` reports.
    public struct Verification: Sendable, Equatable, Codable {
        public var entries: Int
        public var lastSeq: Int
        public var lastHash: String
        /// Problems found, in log order; empty when the chain is intact.
        public var breaks: [String]
        public var intact: Bool { breaks.isEmpty }

        enum CodingKeys: String, CodingKey { case intact, entries, lastSeq, lastHash, breaks }

        public init(entries: Int, lastSeq: Int, lastHash: String, breaks: [String]) {
            self.entries = entries
            self.lastSeq = lastSeq
            self.lastHash = lastHash
            self.breaks = breaks
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(entries: try container.decode(Int.self, forKey: .entries), lastSeq: try container.decode(Int.self, forKey: .lastSeq),
                      lastHash: try container.decode(String.self, forKey: .lastHash), breaks: try container.decode([String].self, forKey: .breaks))
        }

        /// `intact` is written out so a script can test one field.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(intact, forKey: .intact)
            try container.encode(entries, forKey: .entries)
            try container.encode(lastSeq, forKey: .lastSeq)
            try container.encode(lastHash, forKey: .lastHash)
            try container.encode(breaks, forKey: .breaks)
        }
    }

    /// Walks entries in order and checks numbering, links and hashes; `previous` carries the state
    /// between pages so a long log is verified without loading it whole.
    public struct Verifier: Sendable {
        public private(set) var entries = 0
        public private(set) var lastSeq = 0
        public private(set) var lastHash = AuditChain.genesis
        public private(set) var breaks: [String] = []

        public init() {}

        public mutating func check(_ entry: AuditEntry) {
            entries += 1
            if entry.seq != lastSeq + 1 {
                breaks.append("entry \(entry.seq): expected entry \(lastSeq + 1) next; entries \(lastSeq + 1)...\(entry.seq - 1) are missing")
            }
            if entry.prevHash != lastHash {
                breaks.append("entry \(entry.seq): does not link to the entry before it (previous hash differs)")
            }
            if AuditChain.hash(of: entry) != entry.hash {
                breaks.append("entry \(entry.seq): content does not match its hash (the entry was changed)")
            }
            lastSeq = entry.seq
            lastHash = entry.hash
        }

        /// The head records the last entry written; a log that stops short of it lost its tail.
        public func finish(headSeq: Int, headHash: String) -> Verification {
            var breaks = self.breaks
            if headSeq != lastSeq {
                breaks.append("the log ends at entry \(lastSeq) but \(headSeq) entries were written; entries after \(lastSeq) are missing")
            } else if headHash != lastHash {
                breaks.append("the last entry's hash does not match the recorded head")
            }
            return Verification(entries: entries, lastSeq: lastSeq, lastHash: lastHash, breaks: breaks)
        }
    }
}
