import DecisionFiles
import Foundation
import Testing
import WorkModel

@testable import Portfolio

/// Small cases worked out by hand.
@Suite struct ReportArithmeticTests {
    @Test func leastSquaresRecoversAnExactLineAndNamesADependentColumn() throws {
        let x = [1.0, 2, 3, 4, 5, 6]
        let group = [0.0, 1, 0, 1, 0, 1]
        let y = zip(x, group).map { 2 + 0.5 * $0 - 0.1 * $1 }
        let fit = try #require(
            LeastSquares.fit(columns: [[1, 1, 1, 1, 1, 1], x, x.map { $0 * 2 }, group], response: y))
        #expect(fit.dropped == [2])
        #expect(abs((fit.coefficients[0] ?? 0) - 2) < 1e-9)
        #expect(abs((fit.coefficients[1] ?? 0) - 0.5) < 1e-9)
        #expect(abs((fit.coefficients[3] ?? 0) + 0.1) < 1e-9)
        #expect(abs(fit.rSquared - 1) < 1e-9)
    }

    @Test func leastSquaresMatchesAHandComputedSlope() throws {
        // y = 1, 3, 2, 5 on x = 0..3: slope = cov / var = 3.5 / 5 = 1.2 (sums over n), intercept 0.95.
        let fit = try #require(LeastSquares.fit(columns: [[1, 1, 1, 1], [0, 1, 2, 3]], response: [1, 3, 2, 5]))
        #expect(abs((fit.coefficients[1] ?? 0) - 1.1) < 1e-9)
        #expect(abs((fit.coefficients[0] ?? 0) - 1.1) < 1e-9)
    }

    @Test func aTenuredIncumbentBelowANewHireIsAnInversionWithItsParityCost() throws {
        let files = try WageFiles.all()
        let file = try #require(files["internal-evaluation-lead"])
        let mid = file.band.hourly.mid
        func person(_ id: String, compa: Double, hired: String, manager: String? = nil) -> Person {
            Person(
                id: id, externalId: id, name: id, employment: "employee",
                payMinor: Int64((compa * mid * 40).rounded() * 100),
                currency: "USD", payBasis: "weekly", hireDate: hired, managerId: manager,
                specId: "internal-evaluation-lead", hoursPerWeek: 40)
        }
        let snapshot = PortfolioSnapshot(
            asOf: WageFiles.asOf,
            people: [
                person("tenured", compa: 0.90, hired: "2019-04-01"), person("new", compa: 1.00, hired: "2026-06-01"),
                person("close", compa: 1.03, hired: "2020-01-01"),
            ],
            wageFiles: files, currencies: try WageFiles.currencies())
        let report = CompressionReport.build(snapshot)
        let tenured = try #require(report.people.first { $0.personId == "tenured" })
        #expect(tenured.flags.map(\.kind) == ["inversion"])
        // Parity restores a 5% lead over the new hire: 1.05 x mid, over 2,080 hours (weekly pay
        // is stored to the dollar here, so allow its rounding: half a dollar a week each side).
        #expect(abs(tenured.annualCostToParity - (1.05 - 0.90) * mid * 2080) < 60)
        #expect(tenured.annualCostToMinimum == 0)
        #expect(abs(tenured.compaRatio - 0.9) < 0.001)
        #expect(
            abs(
                tenured.rangePenetration - (0.9 * mid - file.band.hourly.min)
                    / (file.band.hourly.max - file.band.hourly.min)) < 0.001)
        let close = try #require(report.people.first { $0.personId == "close" })
        #expect(close.flags.map(\.kind) == ["compression"])
        #expect(report.people.first { $0.personId == "new" }?.flags.isEmpty == true)
        #expect(report.layers.first?.status == "inversion")
    }

    @Test func aManagerPaidUnderTheSupervisorPremiumIsFlagged() throws {
        let files = try WageFiles.all()
        let mid = try #require(files["internal-evaluation-lead"]).band.hourly.mid
        func person(_ id: String, hourly: Double, manager: String? = nil) -> Person {
            Person(
                id: id, externalId: id, name: id, employment: "employee", payMinor: Int64((hourly * 100).rounded()),
                currency: "USD",
                payBasis: "hourly", hireDate: "2024-01-01", managerId: manager, specId: "internal-evaluation-lead",
                hoursPerWeek: 40)
        }
        let snapshot = PortfolioSnapshot(
            asOf: WageFiles.asOf,
            people: [
                person("boss", hourly: mid * 1.05), person("report", hourly: mid, manager: "boss"),
                person("other", hourly: mid * 1.2, manager: "boss2"),
                person("boss2", hourly: mid * 1.1),
            ],
            wageFiles: files, currencies: try WageFiles.currencies())
        let report = CompressionReport.build(snapshot)
        #expect(report.people.first { $0.personId == "boss" }?.flags.map(\.kind) == ["supervisor-premium"])
        #expect(report.people.first { $0.personId == "boss2" }?.flags.map(\.kind) == ["supervisor-inversion"])
        // Parity for the boss: 10% over the report.
        let boss = try #require(report.people.first { $0.personId == "boss" })
        #expect(abs(boss.parityHourly - mid * 1.1) < 0.01)
    }

    @Test func payOnEveryBasisReachesTheSameHourlyRate() throws {
        let files = try WageFiles.all()
        func person(_ id: String, _ amount: Double, _ basis: String, hours: Double? = 40) -> Person {
            Person(
                id: id, name: id, employment: "employee", payMinor: Int64(amount * 100), currency: "USD",
                payBasis: basis,
                specId: "internal-evaluation-lead", hoursPerWeek: hours)
        }
        let snapshot = PortfolioSnapshot(
            asOf: WageFiles.asOf,
            people: [
                person("h", 50, "hourly"), person("w", 2_000, "weekly"), person("m", 8_666.67, "monthly"),
                person("a", 104_000, "annual"),
                person("t", 3, "per-task"), person("half", 1_000, "weekly", hours: 20),
            ],
            wageFiles: files, currencies: try WageFiles.currencies())
        let (positions, unpriced) = PayPositions.build(snapshot, currency: "USD", requireBand: true)
        for position in positions {
            #expect(abs(position.hourly - 50) < 0.01, "\(position.person.id) \(position.hourly)")
        }
        #expect(unpriced.map(\.personId) == ["t"])
        let euro = try #require(PayPositions.build(snapshot, currency: "EUR", requireBand: true).positions.first)
        #expect(abs(euro.hourly - (try #require(snapshot.currencies.convert(50, from: "USD", to: "EUR")))) < 0.01)
    }
}
