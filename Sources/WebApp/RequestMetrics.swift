import Foundation
import Synchronization

/// Request counts and latency histograms by route, rendered in Prometheus text format at `/metrics`.
///
/// A small registry of our own rather than a global metrics backend: each application instance
/// (and each test) has its own, and nothing needs bootstrapping.
package final class RequestMetrics: Sendable {
    static let bounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    struct Key: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    struct Histogram {
        var buckets = [Int](repeating: 0, count: RequestMetrics.bounds.count)
        var count = 0
        var sum = 0.0
    }

    private let state = Mutex<(requests: [Key: Int], latency: [String: Histogram], inFlight: Int)>(([:], [:], 0))
    private let started = Date()

    package init() {}

    func begin() {
        state.withLock { $0.inFlight += 1 }
    }

    func end(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.inFlight -= 1
            state.requests[Key(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.latency["\(method) \(route)"] ?? Histogram()
            histogram.count += 1
            histogram.sum += seconds
            for (index, bound) in RequestMetrics.bounds.enumerated() where seconds <= bound {
                histogram.buckets[index] += 1
            }
            state.latency["\(method) \(route)"] = histogram
        }
    }

    /// The exposition text; label values are escaped as the format requires.
    package func render(extra: [(name: String, help: String, value: Double)] = []) -> String {
        let snapshot = state.withLock { $0 }
        var out = ""
        out += "# HELP wagefile_http_requests_total HTTP requests answered, by method, route and status.\n"
        out += "# TYPE wagefile_http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            out +=
                "wagefile_http_requests_total{method=\"\(escape(key.method))\",route=\"\(escape(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP wagefile_http_request_duration_seconds Time to answer, by method and route.\n"
        out += "# TYPE wagefile_http_request_duration_seconds histogram\n"
        for (name, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
            let labels = "method=\"\(escape(parts[0]))\",route=\"\(escape(parts.count > 1 ? parts[1] : ""))\""
            for (index, bound) in RequestMetrics.bounds.enumerated() {
                out +=
                    "wagefile_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(histogram.buckets[index])\n"
            }
            out += "wagefile_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(histogram.count)\n"
            out += "wagefile_http_request_duration_seconds_sum{\(labels)} \(histogram.sum)\n"
            out += "wagefile_http_request_duration_seconds_count{\(labels)} \(histogram.count)\n"
        }
        out += "# HELP wagefile_http_requests_in_flight Requests being answered now.\n"
        out += "# TYPE wagefile_http_requests_in_flight gauge\n"
        out += "wagefile_http_requests_in_flight \(snapshot.inFlight)\n"
        out += "# HELP wagefile_uptime_seconds Seconds since the server started.\n"
        out += "# TYPE wagefile_uptime_seconds gauge\n"
        out += "wagefile_uptime_seconds \(Date().timeIntervalSince(started))\n"
        for item in extra {
            out += "# HELP \(item.name) \(item.help)\n# TYPE \(item.name) gauge\n\(item.name) \(item.value)\n"
        }
        return out
    }

    private func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
