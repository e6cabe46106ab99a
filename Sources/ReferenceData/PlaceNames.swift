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
        // "San Mateo County" is not the city of San Mateo: a city and the county named after it
        // often have different minimum wages (California), so a city name followed by "county"
        // does not match unless the locality itself is the county.
        let namesCounty = wanted.last == "county"
        return (0...(place.count - wanted.count)).contains { start in
            let end = start + wanted.count
            if !namesCounty, end < place.count, place[end] == "county" { return false }
            return zip(place[start..<end], wanted).allSatisfy { $0 == $1 }
        }
    }
}
