import Foundation
import FuzzSupport
import Planning
import ReferenceData
import WorkModel

/// Program specs as `wagefile plan` and `POST /api/v1/plan` read them: an accepted spec must
/// resolve its rates, plan, sweep its routings and render.
@main enum ProgramSpecFuzz {
    static func main() {
        guard let reference = try? ReferenceLoader.load() else {
            fuzzInvariant(false, "the shipped reference data must load")
            return
        }
        let resolver = RateResolver(reference: reference)
        FuzzEntry.main("fuzz-program-spec") { bytes in
            let spec: ProgramSpec
            do throws(InputError) { spec = try ProgramSpecReader.read(bytes.fuzzText, file: "fuzz.yaml") } catch {
                fuzzInvariant(!error.diagnostics.isEmpty, "a rejected program must say why")
                return
            }
            var (resolved, sources, problems) = resolver.resolve(spec)
            guard problems.isEmpty else { return }
            // Draws only repeat the same arithmetic; a few keep each input fast.
            resolved.draws = min(resolved.draws, 64)
            let plan = ProgramPlan.build(resolved, rateSources: sources)
            let frontier = RoutingOptimizer.sweep(resolved)
            let encoder = JSONEncoder()
            fuzzInvariant((try? encoder.encode(plan)) != nil, "an accepted program's plan must encode as JSON")
            fuzzInvariant((try? encoder.encode(frontier)) != nil, "the routing frontier must encode as JSON")
            _ = PlanRendering.markdown(plan, frontier: frontier)
            _ = PlanRendering.page(plan, frontier: frontier)
        }
    }
}
