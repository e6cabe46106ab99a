import DecisionFiles
import Dispatch
import Foundation
import Pricing
import ReferenceData
import Specs
import WorkModel

/// `wagefile-bench [count] [--write FILE]`: prices `count` generated specs (default 100,000)
/// and reports specs per second for: decoding alone (parse + validate), the band alone
/// (`Pricer.price`), the whole decision file (`DecisionFileBuilder.build`: band, findings, ten
/// answers, provenance), decoding plus the decision file, and the full path with JSON encoding,
/// plus the time ratios against decoding alone. Not a test: nothing is asserted.
@main
struct BenchMain {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "plan" {
            try PlanBench.run(Array(arguments.dropFirst()))
            return
        }
        var writePath: String?
        if let index = arguments.firstIndex(of: "--write"), index + 1 < arguments.count {
            writePath = arguments[index + 1]
            arguments.removeSubrange(index...(index + 1))
        }
        let count = arguments.first.flatMap(Int.init) ?? 100_000
        let reference = try ReferenceLoader.load()
        // A fixed date keeps runs comparable.
        let builder = DecisionFileBuilder(
            pricer: try Pricer(reference: reference), asOf: CalendarDate(year: 2026, month: 11, day: 21))
        let reader = RoleSpecReader(vocabulary: reference.vocabulary)

        var generator = SpecGenerator(seed: 20_261_121)
        let lines = (0..<count).map { generator.line(index: $0, reference: reference) }
        if let writePath {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: writePath))
        }

        // Warm up caches and lazy initialisation outside the timings.
        for line in lines.prefix(200) { _ = reader.read(line, file: "warmup") }

        var specs: [RoleSpec] = []
        specs.reserveCapacity(count)
        let decode = measure {
            for (index, line) in lines.enumerated() {
                if case .success(let spec) = reader.read(line, file: "<bench>", lineOffset: index) {
                    specs.append(spec)
                }
            }
        }
        guard specs.count == count else {
            FileHandle.standardError.write(Data("generator produced \(count - specs.count) invalid specs\n".utf8))
            exit(1)
        }
        var checksum = 0.0
        // `--profile-build N`: only the decision-file build, N rounds, for a profiler to attribute.
        if let index = CommandLine.arguments.firstIndex(of: "--profile-build"), index + 1 < CommandLine.arguments.count,
            let rounds = Int(CommandLine.arguments[index + 1])
        {
            let seconds = measure {
                for _ in 0..<rounds { for spec in specs { checksum += builder.build(spec).band.hourly.mid } }
            }
            print(
                "{\"build_specs_per_second\":\(Int((Double(count * rounds) / seconds).rounded())),\"checksum\":\(fmt(checksum))}"
            )
            return
        }
        let bandOnly = measure {
            for spec in specs { checksum += builder.pricer.price(spec, on: builder.asOf).bandHourly.mid }
        }
        let priceOnly = measure {
            for spec in specs { checksum += builder.build(spec).band.hourly.mid }
        }
        var bytes = 0
        let full = try measureThrowing {
            for (index, line) in lines.enumerated() {
                if case .success(let spec) = reader.read(line, file: "<bench>", lineOffset: index) {
                    bytes += try JSONRendering.line(builder.build(spec)).utf8.count
                }
            }
        }
        let decodeAndPrice = decode + priceOnly
        func rate(_ seconds: Double) -> String { String(Int((Double(count) / seconds).rounded())) }
        print(
            """
            {"specs":\(count),"decode_seconds":\(fmt(decode)),"price_seconds":\(fmt(priceOnly)),"full_seconds":\(fmt(full)),\
            "band_seconds":\(fmt(bandOnly)),"decode_specs_per_second":\(rate(decode)),"band_only_specs_per_second":\(rate(bandOnly)),"price_only_specs_per_second":\(rate(priceOnly)),\
            "decode_and_price_specs_per_second":\(rate(decodeAndPrice)),"full_json_specs_per_second":\(rate(full)),\
            "decode_and_price_over_decode_time":\(fmt(decodeAndPrice / decode)),"full_over_decode_time":\(fmt(full / decode)),\
            "json_bytes":\(bytes),"checksum":\(fmt(checksum))}
            """)
    }

    static func fmt(_ value: Double) -> String { String(format: "%.4f", value) }

    static func measure(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func measureThrowing(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
