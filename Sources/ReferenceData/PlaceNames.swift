/// Matching a place a spec names ("Seattle, WA") against the localities a reference record
/// lists ("Seattle"), by whole words so "Queensbury" is not "Queens".
public enum PlaceNames {
    /// Lowercased words of a place name: "Seattle, WA" is ["seattle", "wa"].
    public static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }
    }

    /// Whether `place` (already split by `words`) names `locality` as whole words.
    public static func names(_ place: [Substring], _ locality: String) -> Bool {
        let wanted = words(locality)
        guard !wanted.isEmpty, place.count >= wanted.count else { return false }
        return (0...(place.count - wanted.count)).contains { start in
            zip(place[start..<(start + wanted.count)], wanted).allSatisfy { $0 == $1 }
        }
    }
}
