import Foundation
public import ReferenceData

/// Where a role sits in the job architecture: the grade whose midpoint is nearest the role's
/// midpoint in log space, since pay differences are proportional (a role 10% above one grade's
/// midpoint and 10% below the next is equally far from both). Both midpoints are in US dollars
/// in the US market, before the location differential, so a role is graded by the work and not
/// by where it is done.
public struct GradePlacement: Sendable, Hashable {
    public var grade: JobGrade
    public var lower: JobGrade?
    public var upper: JobGrade?
    /// The role's midpoint, USD per hour before location: the figure placed.
    public var roleMidUSD: Double

    /// role midpoint / grade midpoint.
    public var midToGradeMid: Double { grade.midUSDHourly > 0 ? roleMidUSD / grade.midUSDHourly : 0 }
    /// (role midpoint - grade min) / (grade max - grade min); outside 0...1 outside the grade's range.
    public var rangePenetration: Double {
        let width = grade.maxUSDHourly - grade.minUSDHourly
        return width > 0 ? (roleMidUSD - grade.minUSDHourly) / width : 0
    }

    /// The grade for `midUSD` among `grades` (ascending midpoints, as the loader guarantees); nil
    /// when there are no grades or the midpoint is not a positive number. An exact tie goes to
    /// the lower grade.
    public static func place(midUSD: Double, in grades: [JobGrade]) -> GradePlacement? {
        guard midUSD > 0, midUSD.isFinite, !grades.isEmpty else { return nil }
        var best = 0
        var bestDistance = Double.infinity
        for (index, grade) in grades.enumerated() {
            let distance = abs(log(midUSD / grade.midUSDHourly))
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return GradePlacement(
            grade: grades[best], lower: best > 0 ? grades[best - 1] : nil,
            upper: best + 1 < grades.count ? grades[best + 1] : nil, roleMidUSD: midUSD)
    }
}

extension RolePricing {
    /// The market midpoint in US dollars before the location differential and any lift to the
    /// wage floor: what grades compare, so a role is graded by the work, not by where it is done
    /// or by a local minimum wage.
    public var preLocationMidUSD: Double {
        location.factor > 0 ? marketBandUSDHourly.mid / location.factor : marketBandUSDHourly.mid
    }
}
