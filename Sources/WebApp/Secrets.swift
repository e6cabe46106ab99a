import Foundation
import Storage

/// Session ids and API tokens: 256 random bits, stored only as their SHA-256.
///
/// SHA-256 is enough here (unlike passwords) because the secret is random and long; nobody
/// can guess one from its hash faster than by guessing the secret itself.
enum Secrets {
    static func random(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix
            + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ secret: String) -> String {
        Digest.sha256Hex(secret)
    }

    static let tokenPrefix = "wf_"
    static let sessionCookie = "wagefile_session"
}
