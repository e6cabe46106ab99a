import DecisionFiles
import Pricing
import ReferenceData
import WorkModel

/// Charts drawn on the server as SVG, each with a title and a description a screen reader
/// reads out, and the figures written on the bars so nothing depends on colour alone.
enum SVGCharts {
    struct Bar {
        var label: String
        var value: Double
        var text: String
    }

    /// One bar per item, longest first as given; `id` keeps titles unique on a page.
    static func horizontalBars(id: String, title: String, bars: [Bar]) -> String {
        let e = Format.html
        let rowHeight = 26.0, labelWidth = 190.0, barWidth = 330.0, width = 640.0
        let height = Double(max(bars.count, 1)) * rowHeight + 10
        let top = bars.map(\.value).max() ?? 0
        let description = bars.isEmpty ? "No data." : bars.map { "\($0.label): \($0.text)" }.joined(separator: "; ")
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(e(title))</title><desc id=\"\(id)-desc\">\(e(description))</desc>"
        for (index, bar) in bars.enumerated() {
            let y = 5 + Double(index) * rowHeight
            let length = top > 0 ? max(1, bar.value / top * barWidth) : 1
            svg += "<g><title>\(e(bar.label)): \(e(bar.text))</title>"
            svg +=
                "<text x=\"\(Format.fixed(labelWidth - 8, places: 0))\" y=\"\(Format.fixed(y + 17, places: 0))\" font-size=\"13\" text-anchor=\"end\" fill=\"#1b1f24\">\(e(bar.label))</text>"
            svg +=
                "<rect x=\"\(Format.fixed(labelWidth, places: 0))\" y=\"\(Format.fixed(y + 3, places: 0))\" width=\"\(Format.fixed(length, places: 1))\" height=\"18\" fill=\"#1d4e89\"/>"
            svg +=
                "<text x=\"\(Format.fixed(labelWidth + length + 6, places: 1))\" y=\"\(Format.fixed(y + 17, places: 0))\" font-size=\"13\" fill=\"#1b1f24\">\(e(bar.text))</text></g>"
        }
        return svg + "</svg>"
    }
}
